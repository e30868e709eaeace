// Popup entry: finds the tab (from ?tabId=N, as the e2e tests open it, or the active tab)
// and renders the shared context panel for it.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { sendMessage, subscribeToEvents } from '../../utils/messaging/client';
import { PopupApp } from '../../components/PopupApp';
import '../../components/styles.css';

async function resolveTabId(): Promise<number | null> {
  const fromUrl = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

void resolveTabId().then((tabId) => {
  // Ask before the first render: the answer travels while Preact mounts the skeleton.
  const initial = tabId === null ? undefined : sendMessage('getTabContext', { tabId, force: false });
  render(
    <PopupApp send={sendMessage} subscribe={subscribeToEvents} tabId={tabId} initial={initial} onOpenOptions={() => void browser.runtime.openOptionsPage()} />,
    document.getElementById('app')!,
  );
});
