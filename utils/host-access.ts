// The sites Undercurrent needs (manifest host_permissions) and the check the popup makes:
// Firefox MV3 lets a person withhold them at install or revoke them later, Chrome too
// ("on click"); without them no page can be read and the sources cannot be asked.
import type { browser } from 'wxt/browser';

/**
 * Every http(s) page: the detector is injected into the page a person is reading, and the
 * background asks the public sources and the hosted API (any host the user sets) over http(s).
 */
export const HOST_ORIGINS = ['http://*/*', 'https://*/*'] as const;

type Permissions = Pick<typeof browser.permissions, 'contains' | 'request'>;

/** True when every origin in HOST_ORIGINS is granted. */
export async function hasHostAccess(permissions: Permissions): Promise<boolean> {
  return permissions.contains({ origins: [...HOST_ORIGINS] });
}

/**
 * Asks the browser for HOST_ORIGINS. Call it straight from a click handler, before any
 * await: Firefox only shows the prompt for a request made while handling user input.
 */
export function requestHostAccess(permissions: Permissions): Promise<boolean> {
  return permissions.request({ origins: [...HOST_ORIGINS] });
}
