// Paces feed work: posts are queued as they come into view and handled in idle time, a
// few milliseconds at a time, so scrolling a long feed never gets a long task from us.
// Pure logic over injected timers and clock: tests drive it with fakes.

/** What requestIdleCallback hands its callback. */
export interface IdleDeadline {
  timeRemaining(): number;
  didTimeout: boolean;
}

export interface SchedulerDeps {
  now(): number;
  /** Calls back when the page is idle (or after `timeoutMs` at the latest). */
  requestIdle(cb: (deadline: IdleDeadline) => void, timeoutMs: number): unknown;
  cancelIdle(handle: unknown): void;
}

export interface SchedulerOptions {
  /** Work per slice, at most (an idle period may offer less). */
  sliceMs?: number;
  /** The longest a queued post waits for an idle period. */
  timeoutMs?: number;
  /** Told after each slice: how many items it handled and how long it took. */
  onSlice?: (items: number, ms: number) => void;
}

/**
 * A queue of items handled in idle slices. Items in view go first (`urgent`); an item
 * queued twice is handled once; `remove` drops one that left before its turn.
 */
export class IdleScheduler<T> {
  private readonly urgent = new Set<T>();
  private readonly later = new Set<T>();
  private handle: unknown;
  private readonly sliceMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly work: (item: T) => void,
    private readonly deps: SchedulerDeps,
    private readonly opts: SchedulerOptions = {},
  ) {
    this.sliceMs = opts.sliceMs ?? 4;
    this.timeoutMs = opts.timeoutMs ?? 300;
  }

  /** Items waiting. */
  get pending(): number {
    return this.urgent.size + this.later.size;
  }

  /** Queues an item; `urgent` (in view) ones are handled first. Queuing again can promote, never demote. */
  add(item: T, urgent = true): void {
    if (this.urgent.has(item)) return;
    if (urgent) {
      this.later.delete(item);
      this.urgent.add(item);
    } else this.later.add(item);
    this.schedule();
  }

  /** Moves an item out of the urgent queue (it left the viewport): still handled, after the rest. */
  demote(item: T): void {
    if (this.urgent.delete(item)) this.later.add(item);
  }

  remove(item: T): void {
    this.urgent.delete(item);
    this.later.delete(item);
  }

  /** Drops everything queued and any idle callback asked for. */
  clear(): void {
    this.urgent.clear();
    this.later.clear();
    if (this.handle !== undefined) this.deps.cancelIdle(this.handle);
    this.handle = undefined;
  }

  private schedule(): void {
    if (this.handle !== undefined || this.pending === 0) return;
    this.handle = this.deps.requestIdle((d) => this.run(d), this.timeoutMs);
  }

  private next(): T | undefined {
    for (const q of [this.urgent, this.later]) {
      for (const item of q) {
        q.delete(item);
        return item;
      }
    }
    return undefined;
  }

  /** One slice: items until the slice (or the idle period) is used up; at least one, so a busy page still progresses. */
  private run(deadline: IdleDeadline): void {
    this.handle = undefined;
    const start = this.deps.now();
    const budget = deadline.didTimeout ? this.sliceMs : Math.min(this.sliceMs, deadline.timeRemaining());
    let items = 0;
    for (;;) {
      const item = this.next();
      if (item === undefined) break;
      this.work(item);
      items++;
      if (this.deps.now() - start >= budget) break;
    }
    this.opts.onSlice?.(items, this.deps.now() - start);
    this.schedule();
  }
}
