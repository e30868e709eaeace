// The content scripts' lifecycle, in place of WXT's ContentScriptContext (wxt.config.ts
// aliases `wxt/utils/content-script-context` to this file). WXT's context announces every
// start with `window.postMessage({ type: '<extension id>:<script>:wxt:content-script-started' })`
// and a DOM event of that name, and stops itself when such an event arrives: any page
// could read the extension id from the message and forge the event to remove our UI.
// This one keeps the same API but nothing it does or listens to is visible to the page:
// an older instance of the same script (after an extension update) is stopped through a
// function kept in the content scripts' own global scope, and client-side navigation is
// followed with trusted Navigation API events (or polling) and told to listeners directly.
import { browser } from 'wxt/browser';

type Stop = () => void;

/** Where each script keeps the stop function of its running instance: the isolated world's global, never the page's. */
const RUNNING = Symbol.for('undercurrent:running-content-scripts');

/** What `ctx.addEventListener(window, 'wxt:locationchange', …)` listeners receive. */
export class LocationChangeEvent extends Event {
  constructor(
    readonly newUrl: URL,
    readonly oldUrl: URL,
  ) {
    super('wxt:locationchange');
  }
}

/** Aborted when the script is replaced, the extension goes away, or the page unloads. */
export class ContentScriptContext implements AbortController {
  private readonly abortController = new AbortController();
  /** Listeners of `wxt:locationchange`: a private target, not the page's window. */
  private readonly locationEvents = new EventTarget();
  private watchingLocation = false;

  constructor(
    private readonly contentScriptName: string,
    readonly options?: Record<string, unknown>,
  ) {
    const running = ((globalThis as Record<symbol, unknown>)[RUNNING] ??= new Map<string, Stop>()) as Map<string, Stop>;
    running.get(contentScriptName)?.();
    const stop = () => this.notifyInvalidated();
    running.set(contentScriptName, stop);
    this.onInvalidated(() => {
      if (running.get(contentScriptName) === stop) running.delete(contentScriptName);
    });
  }

  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  abort(reason?: unknown): void {
    this.abortController.abort(reason);
  }

  /** True once invalidated; also notices an extension that was updated or removed. */
  get isInvalid(): boolean {
    if (browser.runtime?.id == null) this.notifyInvalidated();
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  /** Calls `cb` when the context is invalidated; returns a function that removes it. */
  onInvalidated(cb: () => void): () => void {
    this.signal.addEventListener('abort', cb);
    return () => this.signal.removeEventListener('abort', cb);
  }

  /** A promise that never settles: for async work that must not go on after invalidation. */
  block<T>(): Promise<T> {
    return new Promise(() => {});
  }

  setInterval(handler: () => void, timeout?: number): number {
    const id = setInterval(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearInterval(id));
    return id;
  }

  setTimeout(handler: () => void, timeout?: number): number {
    const id = setTimeout(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  requestAnimationFrame(callback: FrameRequestCallback): number {
    const id = requestAnimationFrame((t) => {
      if (this.isValid) callback(t);
    });
    this.onInvalidated(() => cancelAnimationFrame(id));
    return id;
  }

  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
    const id = requestIdleCallback((d) => {
      if (!this.signal.aborted) callback(d);
    }, options);
    this.onInvalidated(() => cancelIdleCallback(id));
    return id;
  }

  /** Adds a listener removed on invalidation; `wxt:locationchange` is delivered by this context, not by the page's window. */
  addEventListener(target: EventTarget, type: string, handler: EventListenerOrEventListenerObject | ((e: never) => void), options?: AddEventListenerOptions): void {
    if (type === 'wxt:locationchange') {
      this.watchLocation();
      this.locationEvents.addEventListener(type, handler as EventListener, { ...options, signal: this.signal });
      return;
    }
    target.addEventListener?.(type, handler as EventListener, { ...options, signal: this.signal });
  }

  /** Aborts the context and runs every `onInvalidated` listener. */
  notifyInvalidated(): void {
    this.abort('Content script context invalidated');
  }

  private watchLocation(): void {
    if (this.watchingLocation || !this.isValid) return;
    this.watchingLocation = true;
    let last = new URL(location.href);
    const changed = (next: URL) => {
      if (next.href === last.href) return;
      const old = last;
      last = next;
      this.locationEvents.dispatchEvent(new LocationChangeEvent(next, old));
    };
    const nav = (globalThis as { navigation?: EventTarget }).navigation;
    if (typeof nav?.addEventListener === 'function') {
      // A page can dispatch a synthetic `navigate` event on its navigation object; only the browser's count.
      nav.addEventListener(
        'navigate',
        (e) => {
          const dest = (e as Event & { destination?: { url?: string } }).destination?.url;
          if (e.isTrusted && dest) changed(new URL(dest));
        },
        { signal: this.signal },
      );
    } else {
      this.setInterval(() => changed(new URL(location.href)), 1000);
    }
  }
}
