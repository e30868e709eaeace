// One in-flight search per topic, shared by every caller (tabs, popup, sidebar). Each
// caller may walk away with its own AbortSignal; the search stops only when all have.

interface Entry<T> {
  promise: Promise<T>;
  controller: AbortController;
  callers: number;
}

export class SharedInflight<T> {
  private readonly entries = new Map<string, Entry<T>>();

  /** Runs `run` for `key` unless it is already running, and waits for it under `signal`. */
  run(key: string, run: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    let entry = this.entries.get(key);
    if (!entry) {
      const controller = new AbortController();
      const created: Entry<T> = { controller, callers: 0, promise: Promise.resolve() as Promise<T> };
      created.promise = run(controller.signal).finally(() => {
        if (this.entries.get(key) === created) this.entries.delete(key);
      });
      // The shared promise may reject after every caller left; nobody is listening then.
      created.promise.catch(() => {});
      this.entries.set(key, created);
      entry = created;
    }
    const e = entry;
    e.callers++;
    if (!signal) return e.promise.finally(() => e.callers--);
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        e.callers--;
        if (e.callers === 0 && this.entries.get(key) === e) {
          this.entries.delete(key);
          e.controller.abort(signal.reason);
        }
        reject(signal.reason);
      };
      signal.addEventListener('abort', leave, { once: true });
      e.promise.then(
        (v) => {
          signal.removeEventListener('abort', leave);
          e.callers--;
          resolve(v);
        },
        (err) => {
          signal.removeEventListener('abort', leave);
          e.callers--;
          reject(err);
        },
      );
    });
  }

  /** Keys with a search running (for tests and diagnostics). */
  keys(): string[] {
    return [...this.entries.keys()];
  }
}
