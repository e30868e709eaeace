// The popup in every state a person can meet: loading, not about AI, not read, full,
// stale, partial source errors, sample data, failure — plus refresh, live updates and axe.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { PopupApp } from '../../../components/PopupApp';
import { shiftSentence } from '../../../components/MoodBar';
import type { Subscribe } from '../../../components/client';
import type { BackgroundEvent, TabContext } from '../../../utils/messaging/protocol';
import { NOW, axeViolations, fakeSend, makeContext, makeTopic, ok } from './helpers';

afterEach(cleanup);
// "Updated 4 min ago" is measured from the fixtures' NOW: hold Date there (timers stay
// real), so a slow run cannot turn it into "5 min ago".
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

const none: Subscribe = () => () => {};

function tab(over: Partial<TabContext> = {}): TabContext {
  return { topic: makeTopic(), analysed: true, context: makeContext(), error: null, revalidating: false, ...over };
}

function popup(reply: (data: { tabId: number; force?: boolean }) => TabContext | Promise<TabContext>, subscribe: Subscribe = none) {
  const send = fakeSend({ getTabContext: async (d) => ok(await reply(d as { tabId: number; force?: boolean })) });
  const view = render(<PopupApp send={send} subscribe={subscribe} tabId={7} retryMs={1} />);
  return { send, ...view };
}

describe('popup states', () => {
  it('shows a skeleton while loading', async () => {
    const { container } = popup(() => new Promise(() => {}));
    expect(screen.getByTestId('skeleton')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/Loading/);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('says so plainly on a page that is not about AI', async () => {
    const { container } = popup(() => tab({ topic: null, context: null }));
    expect(await screen.findByText('This page isn’t about AI')).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('keeps asking while the page has not been read, then explains', async () => {
    const { send } = popup(() => tab({ topic: null, context: null, analysed: false }));
    expect(await screen.findByText('Undercurrent hasn’t read this page')).toBeTruthy();
    expect(send.calls.length).toBeGreaterThan(3);
  });

  it('renders the full context', async () => {
    const { container } = popup(() => tab());
    expect((await screen.findByTestId('beat-name')).textContent).toBe('Open Source AI');
    expect(screen.getByTestId('beat-category').textContent).toBe('Industry');
    // Mood: shares, shift in words with an arrow.
    expect(screen.getByRole('img', { name: 'Mood: 42% positive, 38% neutral, 20% negative' })).toBeTruthy();
    expect(screen.getByTestId('mood-shift').textContent).toBe('↑ More positive than the previous 24 h');
    // Volume with change and sparkline.
    expect(screen.getByTestId('volume').textContent).toBe('1.2k');
    expect(screen.getByText('+41% vs previous 24 h')).toBeTruthy();
    expect(screen.getByRole('img', { name: /Posts per hour over the last 7 days/ })).toBeTruthy();
    // Sources with per-source mood.
    const sources = screen.getByRole('list', { name: 'Posts by source' });
    expect(within(sources).getAllByRole('listitem').map((li) => li.textContent?.split(/\d/)[0])).toEqual(['Bluesky', 'Hacker News', 'News']);
    expect(screen.getByRole('img', { name: /^Bluesky mood: 50% positive/ })).toBeTruthy();
    // Key voices: name, handle, platform, verbatim quote, link.
    const voices = screen.getAllByTestId('key-voice');
    expect(voices[0]!.textContent).toContain('Noor Lindqvist @noorlindqvist.bsky.social · Bluesky');
    expect(voices[0]!.querySelector('blockquote')!.textContent).toBe('“DeepSeek V3 is the strongest open-weights release this year.”');
    expect(voices[0]!.querySelector('a')!.getAttribute('href')).toBe('https://bsky.app/profile/noorlindqvist.bsky.social/post/abc');
    // Narrative: citations numbered by first use, each opening its post; disclosure.
    const narrative = screen.getByTestId('narrative');
    const cites = [...narrative.querySelectorAll('a.uc-cite')].map((a) => `${a.textContent} ${a.getAttribute('href')}`);
    expect(cites).toEqual([
      '[1] https://bsky.app/profile/noorlindqvist.bsky.social/post/abc',
      '[2] https://news.ycombinator.com/item?id=42',
      '[1] https://bsky.app/profile/noorlindqvist.bsky.social/post/abc',
    ]);
    // The disclosure names model and posts itself; the line adds only when, never a second byline.
    expect(screen.getByTestId('disclosure').textContent).toMatch(/^AI-generated summary of public posts.* · \S/);
    expect(screen.getByTestId('disclosure').textContent).not.toContain('Written by');
    // Related stories and freshness.
    expect(screen.getByText('DeepSeek releases V3 under a permissive licence', { selector: 'a' })).toBeTruthy();
    expect(screen.getByText(/Industry · Open Source AI ·/)).toBeTruthy();
    expect(screen.getByTestId('freshness').textContent).toBe('Updated 4 min ago from the hosted API');
    expect(screen.queryByTestId('source-errors')).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('marks a stale cached context', async () => {
    popup(() => tab({ context: makeContext({ stale: true }) }));
    expect((await screen.findByTestId('freshness')).textContent).toBe('Stale: updated 5 h ago from the hosted API (cached copy)');
  });

  it('names each source that failed and what to do', async () => {
    const { container } = popup(() =>
      tab({
        context: makeContext({
          errors: [
            { source: 'bluesky', code: 'unauthorized', message: 'AuthenticationRequired' },
            { source: 'news', code: 'rate-limited', message: '429' },
          ],
        }),
      }),
    );
    const box = await screen.findByTestId('source-errors');
    expect([...box.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Bluesky: log in on the options page', 'News: rate-limited; it will be tried again shortly']);
    expect(screen.getByTestId('source-errors-heading').textContent).toBe('Bluesky and News did not answer:');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('says no source could be reached when the sample is shown, and labels the sample at the top', async () => {
    popup(() => tab({ context: makeContext({ upstream: 'sample', errors: [{ source: 'hackernews', code: 'network', message: 'fetch failed' }, { source: 'news', code: 'network', message: 'fetch failed' }] }) }));
    expect((await screen.findByTestId('source-errors-heading')).textContent).toBe('No source could be reached — showing sample data');
    const label = screen.getByTestId('sample-label');
    expect(label.textContent).toBe('Sample data from 15 October 2026 — not about this page');
    // First in the panel: before the beat name.
    const context = screen.getByTestId('context');
    expect(context.firstElementChild).toBe(label);
  });

  it('says when Undercurrent is off on the tab\'s site, and turns it back on', async () => {
    const send = fakeSend({ getTabContext: async () => ok(tab()) });
    const turnOn = vi.fn(async () => {});
    const { container } = render(<PopupApp send={send} subscribe={none} tabId={7} retryMs={1} offSite="news.example.com" onTurnOn={turnOn} />);
    expect(screen.getByTestId('site-off').textContent).toBe('Off on this site·Turn on');
    expect(screen.queryByTestId('context')).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Turn on for news.example.com' }));
    expect(turnOn).toHaveBeenCalledOnce();
    await screen.findByTestId('context');
  });

  it('says what window the total covers, and explains the counts in a disclosure a keyboard can open', async () => {
    const base = makeContext();
    popup(() => tab({ context: { ...base, snapshot: { ...base.snapshot, windowHours: 48 } } }));
    expect((await screen.findByTestId('window-total')).textContent).toBe('5.3k posts in the last 2 days');
    // No beat records from anywhere but the server: no line for them.
    expect(screen.queryByTestId('beat-records')).toBeNull();
    const details = screen.getByTestId('counts-explained') as HTMLDetailsElement;
    expect(details.querySelector('summary')!.textContent).toBe('What these figures count');
    expect(details.textContent).toContain('The 5.3k posts in the last 2 days are all the posts the sources returned for this topic in that window');
    expect(details.textContent).not.toContain('Beat records');
  });

  it('names the beat records as all-time counts of the beat, beside the window total', async () => {
    const base = makeContext();
    const { container } = popup(() => tab({ context: { ...base, snapshot: { ...base.snapshot, beatRecords: 48_210 } } }));
    // A snapshot stored before windows were sent covered 7 days.
    expect((await screen.findByTestId('window-total')).textContent).toBe('5.3k posts in the last 7 days');
    expect(screen.getByTestId('beat-records').textContent).toBe('Beat records: 48.2k posts on Open Source AI, all time');
    expect(screen.getByTestId('counts-explained').textContent).toContain('Beat records count every post the server has filed under Open Source AI since it began collecting.');
    expect(await axeViolations(container)).toEqual([]);
  });

  it.each([
    ['sharply more negative', 'Sharply more negative than the previous 24 h'],
    ['steady', 'Steady against the previous 24 h'],
    ['no posts in the last 24 h', 'No posts in the last 24 h'],
  ])('words a mood shift of "%s" as a sentence', (label, sentence) => {
    expect(shiftSentence(label)).toBe(sentence);
  });

  it('labels the sample once, at the top; its foot names the source instead', async () => {
    popup(() => tab({ context: makeContext({ upstream: 'sample' }) }));
    await screen.findByTestId('sample-label');
    expect(screen.getAllByText(/Sample data/)).toHaveLength(1);
    expect(screen.getByTestId('counts-explained').textContent).toContain('These are the bundled sample’s figures, not this page’s.');
  });

  it('names the bundled sample as the source in the foot', async () => {
    popup(() => tab({ context: makeContext({ upstream: 'sample' }) }));
    expect((await screen.findByTestId('freshness')).textContent).toBe('Source: the sample bundled with Undercurrent');
    expect(screen.getByTestId('disclosure').textContent).toContain('Sample narrative bundled with the extension');
  });

  it('labels an extractive narrative as written by code, not AI', async () => {
    const context = makeContext({ narrative: 'extractive' });
    popup(() => tab({ context: { ...context, narrative: { ...context.narrative!, disclosure: '' } } }));
    expect((await screen.findByTestId('disclosure')).textContent).toBe('Written by code from 2 posts, no AI');
  });

  it('shows what failed when there is no context at all, and retries with force', async () => {
    let calls = 0;
    const { send, container } = popup(() => (++calls === 1 ? tab({ context: null, error: { source: 'hosted', code: 'network', message: 'fetch failed' } }) : tab()));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Hosted API: unreachable; check your connection');
    expect(alert.textContent).toContain('fetch failed');
    expect(await axeViolations(container)).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('beat-name')).toBeTruthy();
    expect(send.calls.at(-1)!.data).toEqual({ tabId: 7, force: true });
  });

  it('shows an error when the background cannot be reached', async () => {
    const send = fakeSend({ getTabContext: async () => ({ ok: false, error: { code: 'internal', message: 'The background could not be reached: x' } }) });
    render(<PopupApp send={send} subscribe={none} tabId={7} />);
    expect((await screen.findByRole('alert')).textContent).toContain('The background could not be reached');
  });

  it('refreshes with force and keeps the context visible meanwhile', async () => {
    let resolve: (v: TabContext) => void = () => {};
    let n = 0;
    const { send } = popup(() => (++n === 1 ? tab() : new Promise<TabContext>((r) => (resolve = r))));
    fireEvent.click(await screen.findByRole('button', { name: 'Refresh the discourse context' }));
    expect(send.calls.at(-1)!.data).toEqual({ tabId: 7, force: true });
    expect(screen.getByTestId('beat-name')).toBeTruthy();
    expect(screen.getByTestId('freshness').textContent).toContain('refreshing…');
    await act(async () => resolve(tab({ context: makeContext({ upstream: 'live' }) })));
    await waitFor(() => expect(screen.getByTestId('freshness').textContent).toBe('Updated 4 min ago from live sources'));
  });
});

describe('popup live updates', () => {
  function bus() {
    const listeners = new Set<(e: BackgroundEvent) => void>();
    const subscribe: Subscribe = (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    };
    return { subscribe, emit: (e: BackgroundEvent) => act(() => listeners.forEach((l) => l(e))) };
  }

  it('re-fetches on contextUpdated for its key and ignores other keys', async () => {
    const b = bus();
    const { send } = popup(() => tab(), b.subscribe);
    await screen.findByTestId('beat-name');
    const before = send.calls.length;
    await b.emit({ channel: 'undercurrent-event', event: 'contextUpdated', key: 'other|key|' });
    expect(send.calls.length).toBe(before);
    await b.emit({ channel: 'undercurrent-event', event: 'contextUpdated', key: 'open-source-ai|deepseek|' });
    await waitFor(() => expect(send.calls.length).toBe(before + 1));
  });

  it('shows how far a narrative being written has got, never its text', async () => {
    const b = bus();
    popup(() => tab({ context: makeContext({ narrative: null }), revalidating: true }), b.subscribe);
    await screen.findByTestId('beat-name');
    const key = 'open-source-ai|deepseek|';
    await b.emit({ channel: 'undercurrent-event', event: 'narrativeProgress', key, attempt: 1, phase: 'writing' });
    expect(screen.getByTestId('narrative-progress').textContent).toBe('Writing the narrative…');
    await b.emit({ channel: 'undercurrent-event', event: 'narrativeProgress', key, attempt: 1, phase: 'checking' });
    expect(screen.getByTestId('narrative-progress').textContent).toBe('Writing the narrative… checking it against the posts');
    await b.emit({ channel: 'undercurrent-event', event: 'narrativeProgress', key, attempt: 2, phase: 'writing' });
    expect(screen.getByTestId('narrative-progress').textContent).toBe('Rewriting the narrative after a failed check…');
    expect(screen.queryByTestId('narrative')).toBeNull();
  });
  it('ignores narrative progress for another topic while it is still loading', async () => {
    const b = bus();
    let resolve!: (t: TabContext) => void;
    popup(() => new Promise<TabContext>((r) => (resolve = r)), b.subscribe);
    await screen.findByTestId('skeleton');
    // Another tab's topic is on its second attempt while this popup waits for its own answer.
    await b.emit({ channel: 'undercurrent-event', event: 'narrativeProgress', key: 'policy-regulation|eu-ai-act|', attempt: 2, phase: 'checking' });
    await act(async () => resolve(tab({ context: makeContext({ narrative: null }), narrativePending: true })));
    await screen.findByTestId('beat-name');
    expect(screen.getByTestId('narrative-progress').textContent).toBe('Writing the narrative…');
    // Once ready, another topic's progress is still ignored, and this topic's is shown.
    await b.emit({ channel: 'undercurrent-event', event: 'narrativeProgress', key: 'policy-regulation|eu-ai-act|', attempt: 2, phase: 'writing' });
    expect(screen.getByTestId('narrative-progress').textContent).toBe('Writing the narrative…');
    await b.emit({ channel: 'undercurrent-event', event: 'narrativeProgress', key: 'open-source-ai|deepseek|', attempt: 1, phase: 'checking' });
    expect(screen.getByTestId('narrative-progress').textContent).toBe('Writing the narrative… checking it against the posts');
  });
});

describe('popup first answer', () => {
  it('renders the answer asked for before the first render, without asking again', async () => {
    const send = fakeSend({ getTabContext: async () => ok(tab()) });
    render(<PopupApp send={send} subscribe={none} tabId={7} retryMs={1} initial={Promise.resolve(ok(tab()))} />);
    await screen.findByTestId('context');
    expect(send.calls.filter((c) => c.name === 'getTabContext')).toEqual([]);
  });
});

describe('names on the page', () => {
  it('lists the detected names, most named first, and marks newly seen ones', async () => {
    const topic = makeTopic();
    topic.entities = [
      { id: 'deepseek', name: 'DeepSeek', kind: 'org', count: 4, known: true, ranges: [] },
      { id: 'korvax-2', name: 'Korvax-2', kind: 'model', count: 1, known: false, ranges: [] },
    ];
    popup(() => tab({ topic }));
    const list = await screen.findByTestId('page-entities');
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['DeepSeek', 'Korvax-2 newlook up']);
  });

  it('says which names the figures are about, and what kind a dataset, benchmark or person is', async () => {
    const topic = makeTopic();
    topic.entities = [
      { id: 'olmo-3', name: 'OLMo 3', kind: 'model', count: 3, known: true, ranges: [], salience: 10 },
      { id: 'dolma-3', name: 'Dolma 3', kind: 'dataset', count: 2, known: true, ranges: [], salience: 6 },
      { id: 'mmlu', name: 'MMLU', kind: 'benchmark', count: 1, known: true, ranges: [], salience: 1 },
      { id: 'andrej-karpathy', name: 'Andrej Karpathy', kind: 'person', count: 1, known: true, ranges: [], salience: 1 },
    ];
    const context = makeContext();
    context.topic.entities = ['olmo-3', 'dolma-3'];
    popup(() => tab({ topic, context }));
    expect((await screen.findByTestId('about')).textContent).toBe('About: OLMo 3, Dolma 3');
    const list = screen.getByTestId('page-entities');
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['OLMo 3', 'Dolma 3 dataset', 'MMLU benchmark', 'Andrej Karpathy person']);
  });

  it('with no known name, the figures are the beat’s, and it says so; sample figures claim no names', async () => {
    const context = makeContext();
    context.topic.entities = [];
    const { unmount } = popup(() => tab({ context }));
    expect((await screen.findByTestId('about')).textContent).toBe('About: the Open Source AI beat as a whole');
    unmount();
    popup(() => tab({ context: makeContext({ upstream: 'sample' }) }));
    await screen.findByTestId('sample-label');
    expect(screen.queryByTestId('about')).toBeNull();
  });
});
