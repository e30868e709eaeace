// Runs code in the extension's content-script world of a page (its isolated world), over
// the Chrome DevTools Protocol: what a compromised renderer or a content-script bug could
// do with the extension's own content-script privileges.
import type { CDPSession, Page } from 'playwright-core';

export interface ContentWorld {
  /** Evaluates an expression there (promises awaited) and returns its JSON value. */
  evaluate<T = unknown>(expression: string): Promise<T>;
  /** Sends a protocol message to the background from there and returns the raw reply. */
  send(name: string, data: unknown): Promise<unknown>;
  close(): Promise<void>;
}

interface ContextDescription {
  id: number;
  origin: string;
  name: string;
  auxData?: { type?: string; isDefault?: boolean; frameId?: string };
}

/** Finds the isolated world of the extension in the page's main frame (it exists once a content script ran there). */
export async function contentWorld(page: Page, extensionId: string, extensionName = 'Undercurrent'): Promise<ContentWorld> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts: ContextDescription[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: ContextDescription }) => contexts.push(e.context));
  cdp.on('Runtime.executionContextDestroyed', (e: { executionContextId: number }) => {
    const i = contexts.findIndex((c) => c.id === e.executionContextId);
    if (i !== -1) contexts.splice(i, 1);
  });
  // Runtime.enable reports every existing context before it returns.
  await cdp.send('Runtime.enable');
  const mine = contexts.find((c) => c.auxData?.type === 'isolated' && (c.origin === `chrome-extension://${extensionId}` || c.name === extensionName));
  if (!mine) {
    await cdp.detach();
    throw new Error(`No content-script world of the extension in ${page.url()} (contexts: ${contexts.map((c) => `${c.auxData?.type}:${c.name}`).join(', ')})`);
  }
  const evaluate = async <T,>(expression: string): Promise<T> => {
    const r = (await cdp.send('Runtime.evaluate', { expression, contextId: mine.id, awaitPromise: true, returnByValue: true })) as {
      result: { value?: unknown };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (r.exceptionDetails) throw new Error(`In the content-script world: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value as T;
  };
  return {
    evaluate,
    send: (name, data) => evaluate(`chrome.runtime.sendMessage(${JSON.stringify({ channel: 'undercurrent', name, data })})`),
    close: () => cdp.detach(),
  };
}
