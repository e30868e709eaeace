// Typed sending for content scripts, popup and options. Imports the protocol as types
// only, so the always-on content script does not pay for zod.
import { browser } from 'wxt/browser';
import type { BackgroundEvent, Envelope, MessageName, Replies, RequestOf, Result } from './protocol';

/** Sends a protocol message to the background; transport failures come back as a Result too. */
export async function sendMessage<N extends MessageName>(name: N, data: RequestOf<N>): Promise<Result<Replies[N]>> {
  const envelope: Envelope<N> = { channel: 'undercurrent', name, data };
  try {
    const reply = (await browser.runtime.sendMessage(envelope)) as Result<Replies[N]> | undefined;
    if (!reply || typeof reply !== 'object' || typeof (reply as { ok?: unknown }).ok !== 'boolean') {
      return { ok: false, error: { code: 'internal', message: 'The background sent no answer.' } };
    }
    return reply;
  } catch (err) {
    return { ok: false, error: { code: 'internal', message: `The background could not be reached: ${(err as Error).message}` } };
  }
}

/** Narrows an unknown runtime message to a BackgroundEvent. */
export function isBackgroundEvent(message: unknown): message is BackgroundEvent {
  return typeof message === 'object' && message !== null && (message as { channel?: unknown }).channel === 'undercurrent-event';
}

/** Listens for background events (popup, options, the page UI); returns the unsubscribe function. */
export function subscribeToEvents(listener: (event: BackgroundEvent) => void): () => void {
  const onMessage = (message: unknown) => {
    if (isBackgroundEvent(message)) listener(message);
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}
