// The feed scheduler on a fake clock and fake idle callbacks: slices bounded by the
// budget and the idle period, posts in view first, each post once, nothing after clear.
import { describe, expect, it } from 'vitest';
import { IdleScheduler, type IdleDeadline } from '../../../utils/feeds/scheduler';

function harness(costMs = 1, sliceMs = 4) {
  let now = 0;
  const idle: { cb: (d: IdleDeadline) => void; timeout: number }[] = [];
  const done: string[] = [];
  const slices: { items: number; ms: number }[] = [];
  const s = new IdleScheduler<string>(
    (item) => {
      done.push(item);
      now += costMs;
    },
    {
      now: () => now,
      requestIdle: (cb, timeout) => idle.push({ cb, timeout }),
      cancelIdle: () => idle.splice(0),
    },
    { sliceMs, onSlice: (items, ms) => slices.push({ items, ms }) },
  );
  /** Runs the oldest idle callback with `remaining` ms of idle time. */
  const tick = (remaining = 50, didTimeout = false) => idle.shift()!.cb({ timeRemaining: () => remaining, didTimeout });
  return { s, idle, done, slices, tick };
}

describe('IdleScheduler', () => {
  it('asks for one idle callback, and handles items a slice at a time', () => {
    const h = harness(1, 4);
    for (const i of ['a', 'b', 'c', 'd', 'e', 'f']) h.s.add(i);
    expect(h.idle).toHaveLength(1);
    expect(h.idle[0]!.timeout).toBe(300);
    h.tick();
    expect(h.done).toEqual(['a', 'b', 'c', 'd']);
    expect(h.slices).toEqual([{ items: 4, ms: 4 }]);
    expect(h.idle).toHaveLength(1); // the rest waits for the next idle period
    h.tick();
    expect(h.done).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(h.idle).toHaveLength(0);
    expect(h.s.pending).toBe(0);
  });

  it('uses no more than the idle period offers, but always handles one item', () => {
    const h = harness(1, 8);
    for (const i of ['a', 'b', 'c']) h.s.add(i);
    h.tick(0.5);
    expect(h.done).toEqual(['a']);
    h.tick(2);
    expect(h.done).toEqual(['a', 'b', 'c']);
  });

  it('after a timeout (a busy page) still works one slice, not the whole queue', () => {
    const h = harness(2, 4);
    for (let i = 0; i < 10; i++) h.s.add(String(i));
    h.tick(0, true);
    expect(h.done).toEqual(['0', '1']);
    expect(Math.max(...h.slices.map((x) => x.ms))).toBeLessThanOrEqual(4);
  });

  it('handles posts in view before the others, each once; demoted ones come last', () => {
    const h = harness(1, 100);
    h.s.add('far', false);
    h.s.add('a');
    h.s.add('b');
    h.s.add('a');
    h.s.add('far', true); // scrolled into view: promoted
    h.s.demote('b'); // scrolled out before its turn
    h.tick();
    expect(h.done).toEqual(['a', 'far', 'b']);
  });

  it('drops a removed item and everything on clear', () => {
    const h = harness();
    h.s.add('a');
    h.s.add('b');
    h.s.remove('a');
    h.s.clear();
    expect(h.idle).toHaveLength(0);
    expect(h.s.pending).toBe(0);
    h.s.add('c');
    h.tick();
    expect(h.done).toEqual(['c']);
  });
});
