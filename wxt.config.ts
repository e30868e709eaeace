// Build configuration: one source tree, Chrome MV3 and Firefox MV3 builds.
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { HOST_ORIGINS } from './utils/host-access';
import { preactNoInnerHtml } from './scripts/vite-preact-no-inner-html';

/**
 * The oldest Firefox Undercurrent supports: 140 is the first with the built-in data
 * collection consent (data_collection_permissions) and the CSS Custom Highlight API, and
 * an ESR; storage.session (115), scripting (102) and AbortSignal.any (124) are older.
 * tests/e2e checks the built manifest states it and that the Firefox under test is at least this version.
 */
const FIREFOX_MIN_VERSION = '140.0';
const FIREFOX_ANDROID_MIN_VERSION = '142.0';
/** Chrome: AbortSignal.any (116) is the newest platform feature the bundles call. */
const CHROME_MIN_VERSION = '116';

export default defineConfig({
  // Explicit imports keep the dependency arrows visible (no auto-imports).
  imports: false,
  manifestVersion: 3,
  vite: () => ({
    plugins: [preactNoInnerHtml(), preact()],
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
    // README's "Permissions" lists each with its reason; tests/e2e/store-packages.spec.ts
    // checks the packaged manifests ask for exactly those.
    permissions: ['storage', 'scripting'],
    // The detector and the page UI are injected into http(s) pages; the background fetches
    // public sources (Hacker News, GDELT, Bluesky, Mastodon, Hugging Face) and the user's
    // hosted API, whose host is a setting.
    host_permissions: [...HOST_ORIGINS],
    action: { default_title: 'Undercurrent' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'undercurrent@undercurrent.dev',
              strict_min_version: FIREFOX_MIN_VERSION,
              // What leaves the machine: the topic query made from the names the detector
              // found on the page (never the page text) goes to the sources the user enabled.
              // That is derived from the content of the page being read.
              data_collection_permissions: { required: ['websiteContent'] },
            },
            // Firefox for Android reads data_collection_permissions from 142 on.
            gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION },
          },
        }
      : { minimum_chrome_version: CHROME_MIN_VERSION }),
  }),
});
