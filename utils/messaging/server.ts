// The background's side of the protocol: check who sent each message, parse it, route
// it to its handler, and always answer with a Result — a bad message never kills the worker.
import { browser, type Browser } from 'wxt/browser';
import { describeZodError, type ErrorCode } from '../schema';
import { protocol, type MessageName, type ParsedRequestOf, type ProtocolEntry, type Replies, type Result, type SenderKind } from './protocol';

export type Sender = Browser.runtime.MessageSender;

export type Handlers = {
  [N in MessageName]: (request: ParsedRequestOf<N>, sender: Sender) => Promise<Replies[N]>;
};

/** An error a handler throws to answer with a specific code. */
export class HandlerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function isEnvelope(message: unknown): message is { channel: 'undercurrent'; name: unknown; data: unknown } {
  return typeof message === 'object' && message !== null && (message as { channel?: unknown }).channel === 'undercurrent';
}

/** Who this extension is: its runtime id and its pages' origin (chrome-extension://…, moz-extension://…). */
export interface Self {
  id: string;
  origin: string;
}

function selfFromRuntime(): Self {
  return { id: browser.runtime.id, origin: originOf(browser.runtime.getURL('/')) ?? '' };
}

/** scheme://host[:port] — spelled out, since URL.origin is "null" for chrome-extension: outside a browser. */
function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : null;
  } catch {
    return null;
  }
}

/**
 * What kind of sender a message came from, or null for one to refuse outright (another
 * extension, a web page through externally_connectable, a sender with no tab and no
 * extension URL). An extension page is a document on the extension's own origin that is
 * not framed into a web page's tab; a content script is anything sent from a web page's tab.
 */
export function classifySender(sender: Sender, self: Self): SenderKind | null {
  if (sender.id !== self.id) return null;
  const fromExtensionUrl = originOf(sender.url) === self.origin;
  // In a tab, the extension page must be the tab's top document, or framed by the
  // browser itself (options embedded in chrome://extensions or about:addons): an
  // extension frame inside a web page's tab is not trusted as one.
  if (fromExtensionUrl && (!sender.tab || sender.frameId === 0 || originOf(sender.tab.url) === self.origin || isBrowserPage(sender.tab.url))) return 'extension-page';
  if (sender.tab?.id !== undefined && sender.tab.id >= 0 && !fromExtensionUrl) return 'content-script';
  return null;
}

/** A page of the browser's own (chrome://, about:, edge://…), or one whose URL the browser does not tell us (only web pages' are given). */
function isBrowserPage(url: string | undefined): boolean {
  return url === undefined || !/^(https?|file|ftp|wss?|data|blob):/i.test(url);
}

/** Why `entry` refuses this sender and request, or null when it is allowed. */
export function refusal(entry: ProtocolEntry, kind: SenderKind | null, sender: Sender, request: unknown): string | null {
  if (!kind) return 'the sender is not part of this extension';
  if (!entry.senders.includes(kind)) return `not allowed from a ${kind === 'content-script' ? 'web page' : 'extension page'}`;
  if (kind === 'content-script' && entry.ownTab) {
    const tabId = (request as { tabId?: unknown } | null)?.tabId;
    if (tabId !== sender.tab?.id) return 'a page may only ask about its own tab';
  }
  return null;
}

/** Routes one raw message; exported so tests can call it without a browser. */
export async function dispatch(handlers: Handlers, message: unknown, sender: Sender, self: Self = selfFromRuntime()): Promise<Result<unknown>> {
  if (!isEnvelope(message)) return { ok: false, error: { code: 'bad-request', message: 'Not an Undercurrent message.' } };
  const name = message.name;
  if (typeof name !== 'string' || !Object.hasOwn(protocol, name)) {
    return { ok: false, error: { code: 'unknown-message', message: `Unknown message: ${String(name).slice(0, 60)}` } };
  }
  const entry: ProtocolEntry = protocol[name as MessageName];
  // Who may ask is checked before the request is even parsed.
  const kind = classifySender(sender, self);
  const early = refusal({ ...entry, ownTab: undefined }, kind, sender, null);
  if (early) return { ok: false, error: { code: 'unauthorized', message: `${name}: ${early}.` } };
  const parsed = entry.request.safeParse(message.data ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'bad-request', message: `${name}: ${describeZodError(parsed.error)}` } };
  }
  const late = refusal(entry, kind, sender, parsed.data);
  if (late) return { ok: false, error: { code: 'unauthorized', message: `${name}: ${late}.` } };
  try {
    const handler = handlers[name as MessageName] as (req: unknown, sender: Sender) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data, sender) };
  } catch (err) {
    const code: ErrorCode = err instanceof HandlerError || (err as { code?: unknown })?.code ? ((err as { code: ErrorCode }).code ?? 'internal') : 'internal';
    return { ok: false, error: { code, message: (err as Error)?.message ?? String(err) } };
  }
}

/** Registers the handlers on runtime.onMessage. Messages from other channels are left alone. */
export function registerHandlers(handlers: Handlers): void {
  const self = selfFromRuntime();
  browser.runtime.onMessage.addListener((message: unknown, sender: Sender) => {
    if (!isEnvelope(message)) return undefined;
    return dispatch(handlers, message, sender, self);
  });
}
