// The hover card: its content for a model (Hugging Face figures) and a company, its
// loading and error states, and the hover/focus/Escape behaviour over real page marks.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { EntityCardView } from '../../../components/EntityCardView';
import { HoverCards, announce } from '../../../components/HoverCards';
import { Highlighter, findTextRoots } from '../../../utils/highlight';
import { EntityCard } from '../../../utils/schema';
import { axeViolations, fakeSend, makeCard, ok } from './helpers';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

describe('EntityCardView', () => {
  it('shows what a model is, its mood, volume, top voice and Hub figures', async () => {
    const { container } = render(<EntityCardView name="DeepSeek V3" entityKind="model" known state={{ kind: 'ready', card: makeCard() }} />);
    const dialog = screen.getByRole('dialog', { name: 'DeepSeek V3' });
    expect(dialog.textContent).toContain('Model');
    expect(screen.getByTestId('card-volume').textContent).toBe('640');
    expect(screen.getByTestId('mood-shift').textContent).toBe('↓ More negative than the previous 24 h');
    expect(screen.getByTestId('card-downloads').textContent).toBe('1.3M');
    expect(dialog.textContent).toContain('mit');
    expect(screen.getByText('Open weights')).toBeTruthy();
    expect(screen.getByText('Open source')).toBeTruthy();
    expect(dialog.querySelector('blockquote')!.textContent).toBe('“DeepSeek V3 is the strongest open-weights release this year.”');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('shows a company without Hub figures, marked newly seen, from sample data', async () => {
    const card = EntityCard.parse({ ...makeCard(), entity: { id: 'acme', name: 'Acme AI', kind: 'org', known: false }, stats: null, freshness: { fetchedAt: new Date().toISOString(), stale: false, origin: 'sample', upstream: 'sample', sampleDate: '2026-10-15' } });
    const { container } = render(<EntityCardView name="Acme AI" entityKind="org" known={false} state={{ kind: 'ready', card }} />);
    expect(screen.getByText('Company or lab · newly seen')).toBeTruthy();
    expect(screen.queryByText('Hugging Face')).toBeNull();
    expect(screen.getByTestId('freshness').textContent).toBe('Source: the sample bundled with Undercurrent');
    expect(await axeViolations(container)).toEqual([]);
  });

  it.each([
    ['dataset', 'Dolma 3', 'Dataset'],
    ['benchmark', 'SWE-bench', 'Benchmark'],
    ['person', 'Andrej Karpathy', 'Person'],
  ] as const)('labels a %s as such (%s)', (kind, name, label) => {
    const card = EntityCard.parse({ ...makeCard(), entity: { id: 'x', name, kind, known: true }, stats: null });
    render(<EntityCardView name={name} entityKind={kind} known state={{ kind: 'ready', card }} />);
    expect(screen.getByRole('dialog', { name }).querySelector('.uc-chip')!.textContent).toBe(label);
  });

  it("says plainly that a name has no figures and offers the sample's beat figures under the beat's name", async () => {
    const card = EntityCard.parse({ ...makeCard(), scope: 'beat', freshness: { fetchedAt: new Date().toISOString(), stale: true, origin: 'sample', upstream: 'sample', sampleDate: '2026-11-20' } });
    const { container } = render(<EntityCardView name="DeepSeek V3" entityKind="model" known state={{ kind: 'ready', card }} />);
    expect(screen.getByTestId('card-no-figures').textContent).toBe('No discourse figures for DeepSeek V3: no source could be reached.');
    const details = screen.getByTestId('card-beat-figures') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')!.textContent).toBe('Show the beat’s sample figures');
    // The figures exist only inside the beat's section, labelled as the beat's sample.
    expect(details.contains(screen.getByTestId('card-volume'))).toBe(true);
    expect(screen.getByTestId('card-beat-label').textContent).toBe('Sample data from 20 November 2026 — not about this page: the whole Open Source AI beat, not DeepSeek V3.');
    // Hub figures are the model's own and stay.
    expect(screen.getByTestId('card-downloads').textContent).toBe('1.3M');
    expect(await axeViolations(container)).toEqual([]);
  });

  it.each([
    ['loading', { kind: 'loading' as const }, 'Loading DeepSeek V3…'],
    ['error', { kind: 'error' as const, message: 'Hugging Face: rate-limited' }, 'Couldn’t load this card: Hugging Face: rate-limited'],
  ])('%s state', async (_n, state, text) => {
    const { container } = render(<EntityCardView name="DeepSeek V3" entityKind="model" known state={state} />);
    expect(screen.getByRole('dialog').textContent).toContain(text);
    expect(await axeViolations(container)).toEqual([]);
  });
});

describe('HoverCards over highlighted names', () => {
  const ENTITIES = [
    { id: 'deepseek-v3', name: 'DeepSeek V3', kind: 'model' as const, known: true },
    { id: 'nightjar-3', name: 'Nightjar-3', kind: 'model' as const, known: false },
  ];
  /** The page text with real highlighter ranges; the hit test is the test's pointer (happy-dom has no layout). */
  async function setup(opts: { trusted?: (e: Event) => boolean } = {}) {
    document.body.innerHTML = '<article><p>DeepSeek V3 beat the rest, and Nightjar-3 too.</p><p><a href="#x">a link</a></p></article><div id="host"></div>';
    const h = new Highlighter(ENTITIES.map((e) => ({ ...e, aliases: [] })));
    await h.run(findTextRoots(document));
    let under: string | null = null;
    const targets = { marks: () => h.marks(), subscribe: (cb: () => void) => h.subscribe(cb), hit: () => h.marks().find((m) => m.id === under) ?? null };
    const host = document.getElementById('host')!;
    const send = fakeSend({ getEntityCard: async () => ok(makeCard()) });
    render(
      <HoverCards send={send} beat="open-source-ai" entities={ENTITIES} targets={targets} doc={document} host={host} trusted={opts.trusted ?? (() => true)} openDelayMs={5} focusDelayMs={5} closeDelayMs={5} />,
      { container: host },
    );
    const pointAt = (id: string | null) => {
      under = id;
      fireEvent.mouseMove(document.querySelector('p')!, { clientX: 10, clientY: 10 });
    };
    return { send, pointAt, host };
  }

  it('opens when the pointer rests on a name, asks by entity id only, closes when it moves off', async () => {
    const { send, pointAt } = await setup();
    pointAt('deepseek-v3');
    expect(screen.queryByRole('dialog')).toBeNull(); // not before the delay
    await screen.findByRole('dialog', { name: 'DeepSeek V3' });
    expect(send.calls).toEqual([{ name: 'getEntityCard', data: { id: 'deepseek-v3', beat: 'open-source-ai' } }]);
    await waitFor(() => expect(screen.getByTestId('card-announcer').textContent).toContain('DeepSeek V3, model: 640 posts in the last 24 hours'));
    pointAt(null);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('ignores synthetic events: a page script cannot open a card', async () => {
    const { send, pointAt } = await setup({ trusted: (e) => e.isTrusted });
    vi.useFakeTimers();
    try {
      pointAt('deepseek-v3'); // fireEvent makes untrusted events, as a page's dispatchEvent does
      fireEvent.click(screen.getAllByTestId('names-item')[0]!);
      fireEvent.focus(screen.getAllByTestId('names-item')[0]!);
      vi.advanceTimersByTime(10_000);
    } finally {
      vi.useRealTimers();
    }
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(send.calls).toEqual([]);
  });

  it('lists the names for keyboard users; a name opens its card, Escape closes it and keeps focus on the name', async () => {
    await setup();
    const items = screen.getAllByTestId('names-item');
    expect(items.map((b) => b.textContent)).toEqual(['DeepSeek V3', 'Nightjar-3']);
    expect(screen.getByRole('navigation', { name: 'Undercurrent: names on this page' })).toBeTruthy();
    items[0]!.focus();
    fireEvent.click(items[0]!);
    await screen.findByRole('dialog', { name: 'DeepSeek V3' });
    expect(items[0]!.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(items[0]!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(items[0]);
  });

  it('Alt+Shift+N focuses the names list from anywhere in the page, but not while the person types', async () => {
    await setup();
    const items = screen.getAllByTestId('names-item');
    expect(items[0]!.getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+N');
    expect(screen.getByRole('navigation').textContent).toContain('Names on this page Alt+Shift+N');
    // In a field of the page the keys are the person's text, not ours.
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    fireEvent.keyDown(input, { key: 'N', code: 'KeyN', altKey: true, shiftKey: true });
    expect(document.activeElement).toBe(input);
    // Another combination does nothing.
    fireEvent.keyDown(document.body, { key: 'N', code: 'KeyN', altKey: true, shiftKey: false });
    expect(document.activeElement).toBe(input);
    input.blur();
    const k = fireEvent.keyDown(document.body, { key: 'Ñ', code: 'KeyN', altKey: true, shiftKey: true });
    expect(k).toBe(false); // handled: the page does not act on it too
    expect(document.activeElement).toBe(items[0]);
    // Focus on a name opens its card, as Tab to it does.
    await screen.findByRole('dialog', { name: 'DeepSeek V3' });
  });

  it('does not look up a newly seen name: no request, and the card says so', async () => {
    const { send, pointAt } = await setup();
    pointAt('nightjar-3');
    await screen.findByRole('dialog', { name: 'Nightjar-3' });
    await screen.findByTestId('card-local');
    expect(send.calls).toEqual([]);
  });

  it('announces loading, failure and the loaded figures', () => {
    expect(announce('Qwen', 'model', { kind: 'loading' })).toBe('Qwen, model: loading its card.');
    expect(announce('Qwen', 'model', { kind: 'error', message: 'x' })).toBe('Qwen: the card could not be loaded.');
    expect(announce('DeepSeek V3', 'model', { kind: 'ready', card: makeCard() })).toBe(
      'DeepSeek V3, model: 640 posts in the last 24 hours, 50% positive, 20% negative, 1.3M downloads on Hugging Face. Press Tab to enter the card, Escape to close.',
    );
  });
});
