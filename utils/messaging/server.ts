// The background's side of the protocol: parse every message on arrival, route it to
// its handler, and always answer with a Result — a bad message never kills the worker.
import { browser, type Browser } from 'wxt/browser';
import { describeZodError, type ErrorCode } from '../schema';
import { protocol, type MessageName, type ParsedRequestOf, type Replies, type Result } from './protocol';

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

/** Routes one raw message; exported so tests can call it without a browser. */
export async function dispatch(handlers: Handlers, message: unknown, sender: Sender): Promise<Result<unknown>> {
  if (!isEnvelope(message)) return { ok: false, error: { code: 'bad-request', message: 'Not an Undercurrent message.' } };
  const name = message.name;
  if (typeof name !== 'string' || !Object.hasOwn(protocol, name)) {
    return { ok: false, error: { code: 'unknown-message', message: `Unknown message: ${String(name).slice(0, 60)}` } };
  }
  const entry = protocol[name as MessageName];
  const parsed = entry.request.safeParse(message.data ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'bad-request', message: `${name}: ${describeZodError(parsed.error)}` } };
  }
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
  browser.runtime.onMessage.addListener((message: unknown, sender: Sender) => {
    if (!isEnvelope(message)) return undefined;
    return dispatch(handlers, message, sender);
  });
}
