// The two ways a surface talks to the background, passed in as props so components stay
// testable: `send` a protocol message, `subscribe` to background events.
import type { BackgroundEvent, MessageName, Replies, RequestOf, Result } from '../utils/messaging/protocol';

/** Same shape as `sendMessage` from utils/messaging/client. */
export type Send = <N extends MessageName>(name: N, data: RequestOf<N>) => Promise<Result<Replies[N]>>;

/** Registers a listener for background events; returns the unsubscribe function. */
export type Subscribe = (listener: (event: BackgroundEvent) => void) => () => void;

/** A subscribe that never delivers anything (surfaces that get no broadcasts). */
export const noEvents: Subscribe = () => () => {};
