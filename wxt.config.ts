// Build configuration: one source tree, Chrome MV3 and Firefox MV3 builds.
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  // Explicit imports keep the dependency arrows visible (no auto-imports).
  imports: false,
  manifestVersion: 3,
  vite: () => ({
    plugins: [preact()],
    resolve: {
      alias: {
        // WXT's content-script context posts the extension id to the page and can be
        // stopped by a forged page event; ours has the same API and no page-visible traffic.
        'wxt/utils/content-script-context': fileURLToPath(new URL('./utils/content-lifecycle.ts', import.meta.url)),
      },
    },
  }),
  manifest: ({ browser }) => ({
    name: 'Undercurrent',
    description:
      'Discourse context for the AI news and posts you read: beat, mood, volume, key voices and a grounded narrative.',
    // No "tabs": host permissions already give tab URLs, without the browsing-history warning.
    permissions: ['storage', 'scripting'],
    // The background fetches public sources (Hacker News, GDELT, Bluesky, Mastodon,
    // Hugging Face) and the user's hosted API; content scripts run on any page.
    host_permissions: ['<all_urls>'],
    action: { default_title: 'Undercurrent' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'undercurrent@undercurrent.dev', strict_min_version: '121.0' } } }
      : {}),
  }),
});
