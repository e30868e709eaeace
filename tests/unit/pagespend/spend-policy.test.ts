// Item 2 of the hardening issue: topic limits per tab and per site, an hourly cap, and
// the attention rules (front tab, dwell) that decide when a narrative may be written.
// Fake clock and timers throughout.
import { describe, expect, it } from 'vitest';
import { Attention, NO_WINDOW, TopicLimiter, holdMessage, type Limits } from '../../../utils/context/spend-policy';
import { Settings } from '../../../utils/schema';

function fakeTime(start = 1_000_000) {
  let now = start;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  return {
    clock: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const id = next++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (id: unknown) => void timers.delete(id as number),
    /** Moves the clock on, firing the timers that fall due in order. */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}

const DEFAULT_LIMITS = Settings.parse({}).limits;

describe('TopicLimiter', () => {
  it('has sane defaults', () => {
    expect(DEFAULT_LIMITS).toEqual({ topicsPerTabPerMinute: 3, topicsPerSitePerMinute: 6, topicsPerTabPerHour: 20, dwellSeconds: 5 });
  });

  it('a page that pushState-navigates 280 times in 7 minutes gets a bounded number of fetches', () => {
    const t = fakeTime();
    const limiter = new TopicLimiter({ clock: t.clock, limits: () => DEFAULT_LIMITS });
    let admitted = 0;
    const reasons = new Set<string>();
    for (let i = 0; i < 280; i++) {
      const hold = limiter.admit(1, 'spam.example', `open-source-ai|topic-${i}`);
      if (hold) reasons.add(hold.reason);
      else admitted++;
      t.advance(1500);
    }
    // 7 minutes at 3 a minute: 21, cut to the hourly cap of 20.
    expect(admitted).toBe(20);
    expect(reasons).toEqual(new Set(['tab-rate', 'tab-hourly-cap']));
  });

  it('per tab: the fourth new topic in a minute waits until the first leaves the window', () => {
    const t = fakeTime();
    const limiter = new TopicLimiter({ clock: t.clock, limits: () => DEFAULT_LIMITS });
    for (const k of ['a', 'b', 'c']) expect(limiter.admit(1, 's', k)).toBeNull();
    const hold = limiter.admit(1, 's', 'd');
    expect(hold).toEqual({ reason: 'tab-rate', retryAt: t.clock() + 60_000 });
    // Topics already fetched for the tab cost nothing.
    expect(limiter.admit(1, 's', 'b')).toBeNull();
    // Another tab on another site is not affected.
    expect(limiter.admit(2, 'other', 'd')).toBeNull();
    t.advance(59_999);
    expect(limiter.admit(1, 's', 'd')?.reason).toBe('tab-rate');
    t.advance(1);
    expect(limiter.admit(1, 's', 'd')).toBeNull();
  });

  it('per site: many tabs of one site share its limit', () => {
    const t = fakeTime();
    const limiter = new TopicLimiter({ clock: t.clock, limits: () => DEFAULT_LIMITS });
    for (let tab = 0; tab < 6; tab++) expect(limiter.admit(tab, 'spam.example', `k${tab}`)).toBeNull();
    expect(limiter.admit(6, 'spam.example', 'k6')).toMatchObject({ reason: 'site-rate' });
    expect(limiter.admit(6, 'news.example', 'k6')).toBeNull();
    t.advance(60_000);
    expect(limiter.admit(6, 'spam.example', 'k6')).toBeNull();
  });

  it('the hourly cap is hard: slow topic changes still stop at the cap, and it frees an hour after the first', () => {
    const t = fakeTime();
    const limits: Limits = { ...DEFAULT_LIMITS, topicsPerTabPerHour: 5 };
    const limiter = new TopicLimiter({ clock: t.clock, limits: () => limits });
    for (let i = 0; i < 5; i++) {
      expect(limiter.admit(1, 's', `k${i}`)).toBeNull();
      t.advance(5 * 60_000);
    }
    const hold = limiter.admit(1, 's', 'k5');
    expect(hold).toEqual({ reason: 'tab-hourly-cap', retryAt: 1_000_000 + 3600_000 });
    t.advance(hold!.retryAt! - t.clock());
    expect(limiter.admit(1, 's', 'k5')).toBeNull();
  });

  it('limits are read from the settings each time', () => {
    const t = fakeTime();
    let limits: Limits = { ...DEFAULT_LIMITS, topicsPerTabPerMinute: 1 };
    const limiter = new TopicLimiter({ clock: t.clock, limits: () => limits });
    expect(limiter.admit(1, 's', 'a')).toBeNull();
    expect(limiter.admit(1, 's', 'b')?.reason).toBe('tab-rate');
    limits = { ...limits, topicsPerTabPerMinute: 2 };
    expect(limiter.admit(1, 's', 'b')).toBeNull();
  });

  it('a closed tab is forgotten', () => {
    const t = fakeTime();
    const limiter = new TopicLimiter({ clock: t.clock, limits: () => ({ ...DEFAULT_LIMITS, topicsPerTabPerHour: 1 }) });
    expect(limiter.admit(1, 's', 'a')).toBeNull();
    expect(limiter.admit(1, 's', 'b')?.reason).toBe('tab-hourly-cap');
    limiter.forgetTab(1);
    expect(limiter.admit(1, 's', 'b')).toBeNull();
  });

  it.each(['background-tab', 'tab-rate', 'site-rate', 'tab-hourly-cap', 'private-host'] as const)('says plainly why (%s)', (reason) => {
    expect(holdMessage({ reason })).toMatch(/^(Not fetched|Undercurrent is off)/);
  });
});

describe('Attention', () => {
  function setup() {
    const t = fakeTime();
    const dwells: [number, string][] = [];
    const fronts: number[] = [];
    const a = new Attention({
      clock: t.clock,
      dwellMs: () => 5000,
      setTimer: t.setTimer,
      clearTimer: t.clearTimer,
      onDwell: (tab, key) => dwells.push([tab, key]),
      onForeground: (tab) => fronts.push(tab),
    });
    a.seed([{ tabId: 1, windowId: 10 }, { tabId: 5, windowId: 20 }], 10);
    return { t, a, dwells, fronts };
  }

  it('the front tab is the active tab of the focused window; none when no window has focus', () => {
    const { a } = setup();
    expect(a.isForeground(1)).toBe(true);
    expect(a.isForeground(5)).toBe(false);
    a.focusChanged(20);
    expect(a.front()).toBe(5);
    a.focusChanged(NO_WINDOW);
    expect(a.front()).toBeNull();
    a.focusChanged(10);
    a.activated(2, 10);
    expect(a.front()).toBe(2);
  });

  it('dwell: a front tab that stays on one topic for the dwell time, and only then', () => {
    const { t, a, dwells } = setup();
    a.topicChanged(1, 'k1');
    t.advance(4999);
    expect(a.dwelled(1, 'k1')).toBe(false);
    expect(dwells).toEqual([]);
    t.advance(1);
    expect(a.dwelled(1, 'k1')).toBe(true);
    expect(dwells).toEqual([[1, 'k1']]);
  });

  it('a topic change restarts the dwell: a page hopping every 1.5 s never dwells', () => {
    const { t, a, dwells } = setup();
    for (let i = 0; i < 280; i++) {
      a.topicChanged(1, `k${i}`);
      t.advance(1500);
    }
    expect(dwells).toEqual([]);
    expect(t.pending()).toBe(1);
  });

  it('a background tab never dwells, and dwell counts from when it came to the front', () => {
    const { t, a, dwells, fronts } = setup();
    a.topicChanged(3, 'bg');
    t.advance(60_000);
    expect(a.dwelled(3, 'bg')).toBe(false);
    expect(dwells).toEqual([]);
    a.activated(3, 10);
    expect(fronts).toContain(3);
    t.advance(4000);
    expect(a.dwelled(3, 'bg')).toBe(false);
    t.advance(1000);
    expect(dwells).toEqual([[3, 'bg']]);
  });

  it('leaving the window (focus elsewhere) stops the dwell', () => {
    const { t, a, dwells } = setup();
    a.topicChanged(1, 'k');
    t.advance(2000);
    a.focusChanged(NO_WINDOW);
    t.advance(10_000);
    expect(dwells).toEqual([]);
    expect(a.dwelled(1, 'k')).toBe(false);
  });

  it('a re-report of the same topic keeps the dwell, and a nudge re-arms the timer with the dwell time as set now', () => {
    const t = fakeTime();
    let dwell = 300_000;
    const dwells: [number, string][] = [];
    const a = new Attention({ clock: t.clock, dwellMs: () => dwell, setTimer: t.setTimer, clearTimer: t.clearTimer, onDwell: (tab, key) => dwells.push([tab, key]) });
    a.seed([{ tabId: 1, windowId: 10 }], 10);
    a.topicChanged(1, 'k');
    t.advance(700);
    dwell = 1000;
    a.topicChanged(1, 'k'); // the page reloaded: same topic
    expect(a.dwelled(1, 'k')).toBe(false);
    t.advance(299);
    expect(dwells).toEqual([]);
    t.advance(1);
    expect(dwells).toEqual([[1, 'k']]);
    a.nudge(1);
    t.advance(0);
    expect(dwells).toEqual([[1, 'k'], [1, 'k']]);
    a.nudge(2); // not in front: nothing
    expect(t.pending()).toBe(0);
  });

  it('a closed tab is no longer in front', () => {
    const { a } = setup();
    a.closed(1);
    expect(a.front()).toBeNull();
  });
});
