// Popup entry: finds the tab (from ?tabId=N, as the e2e tests open it, or the active tab)
// and renders the shared context panel for it, or asks for access to websites when the
// browser withholds it.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { sendMessage, subscribeToEvents } from '../../utils/messaging/client';
import { hasHostAccess, requestHostAccess } from '../../utils/host-access';
import { PopupApp, type HostAccess } from '../../components/PopupApp';
import { readSiteMode, writeSiteMode } from '../../utils/site-switch';
import '../../components/styles.css';

async function resolveTabId(): Promise<number | null> {
  const fromUrl = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** The tab's host when the person turned Undercurrent off there (host permissions give tab URLs). */
async function offSiteOf(tabId: number | null): Promise<string | null> {
  if (tabId === null) return null;
  const url = await browser.tabs.get(tabId).then((t) => t.url, () => undefined);
  if (!url || !/^https?:/.test(url)) return null;
  const site = new URL(url).hostname;
  return (await readSiteMode(site)) === 'deny' ? site : null;
}

const hostAccess = (granted: boolean): HostAccess => ({
  granted,
  request: () => requestHostAccess(browser.permissions),
  watch: (onChange) => {
    const recheck = () => void hasHostAccess(browser.permissions).then(onChange, () => {});
    browser.permissions.onAdded.addListener(recheck);
    browser.permissions.onRemoved.addListener(recheck);
    return () => {
      browser.permissions.onAdded.removeListener(recheck);
      browser.permissions.onRemoved.removeListener(recheck);
    };
  },
});

void resolveTabId().then(async (tabId) => {
  // Ask before the first render: the answer travels while the access check runs and Preact mounts the skeleton.
  const initial = tabId === null ? undefined : sendMessage('getTabContext', { tabId, force: false });
  const granted = await hasHostAccess(browser.permissions).catch(() => true);
  const offSite = await offSiteOf(tabId);
  render(
    <PopupApp
      send={sendMessage}
      subscribe={subscribeToEvents}
      tabId={tabId}
      initial={initial}
      hostAccess={hostAccess(granted)}
      offSite={offSite}
      onTurnOn={async () => void (offSite && (await writeSiteMode(offSite, undefined)))}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
    />,
    document.getElementById('app')!,
  );
});
