// The hover card: its content for a model (Hugging Face figures) and a company, its
// loading and error states, and the hover/focus/Escape behaviour over real page marks.
import { afterEach, describe, expect, it } from 'vitest';
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

  it('shows a company without Hub figures from sample data', async () => {
    const card = EntityCard.parse({ ...makeCard(), entity: { id: 'acme', name: 'Acme AI', kind: 'org', known: true }, stats: null, freshness: { fetchedAt: new Date().toISOString(), stale: false, origin: 'sample', upstream: 'sample', sampleDate: '2026-10-15' } });
    const { container } = render(<EntityCardView name="Acme AI" entityKind="org" known state={{ kind: 'ready', card }} />);
    expect(screen.getByText('Company')).toBeTruthy();
    expect(screen.queryByText('Hugging Face')).toBeNull();
    expect(screen.getByTestId('freshness').textContent).toBe('Sample data (written 2026-10-15)');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('a newly seen name says it was not looked up, with no figures', async () => {
    const card = EntityCard.parse({ ...makeCard(), entity: { id: 'nightjar-3', name: 'Nightjar-3', kind: 'model', known: false }, volume24h: 0, mood: null, topVoice: null, stats: null });
    const { container } = render(<EntityCardView name="Nightjar-3" entityKind="model" known={false} state={{ kind: 'ready', card }} />);
    expect(screen.getByText('Model · newly seen')).toBeTruthy();
    expect(screen.getByTestId('card-new-name').textContent).toMatch(/has not looked it up/);
    expect(screen.queryByTestId('card-volume')).toBeNull();
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
  async function setup() {
    document.body.innerHTML = '<article><p>DeepSeek V3 beat the rest.</p><p><a href="#x">a link</a></p></article><div id="host"></div>';
    await new Highlighter([{ id: 'deepseek-v3', name: 'DeepSeek V3', kind: 'model', known: true, aliases: [] }]).run(findTextRoots(document));
    const mark = document.querySelector<HTMLElement>('[data-undercurrent]')!;
    const host = document.getElementById('host')!;
    const send = fakeSend({ getEntityCard: async () => ok(makeCard()) });
    render(<HoverCards send={send} beat="open-source-ai" doc={document} host={host} openDelayMs={5} focusDelayMs={5} closeDelayMs={5} />, { container: host });
    return { mark, send };
  }

  it('opens on hover after a delay, asks for the right card, closes when the pointer leaves', async () => {
    const { mark, send } = await setup();
    fireEvent.mouseOver(mark);
    expect(screen.queryByRole('dialog')).toBeNull(); // not before the delay
    await screen.findByRole('dialog', { name: 'DeepSeek V3' });
    expect(mark.getAttribute('aria-expanded')).toBe('true');
    expect(send.calls[0]).toEqual({ name: 'getEntityCard', data: { id: 'deepseek-v3', name: 'DeepSeek V3', kind: 'model', known: true, beat: 'open-source-ai' } });
    await waitFor(() => expect(screen.getByTestId('card-announcer').textContent).toContain('DeepSeek V3, model: 640 posts in the last 24 hours'));
    fireEvent.mouseOut(mark, { relatedTarget: document.body });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(mark.getAttribute('aria-expanded')).toBe('false');
  });

  it('opens on focus and closes on Escape, keeping focus on the name', async () => {
    const { mark } = await setup();
    mark.focus();
    fireEvent.focusIn(mark);
    await screen.findByRole('dialog');
    fireEvent.keyDown(mark, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(mark);
  });

  it('closes on blur to the page, and toggles with Enter', async () => {
    const { mark } = await setup();
    fireEvent.keyDown(mark, { key: 'Enter' });
    await screen.findByRole('dialog');
    fireEvent.focusOut(mark, { relatedTarget: document.querySelector('a') });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('announces loading, failure and the loaded figures', () => {
    expect(announce('Qwen', 'model', { kind: 'loading' })).toBe('Qwen, model: loading its card.');
    expect(announce('Qwen', 'model', { kind: 'error', message: 'x' })).toBe('Qwen: the card could not be loaded.');
    expect(announce('DeepSeek V3', 'model', { kind: 'ready', card: makeCard() })).toBe(
      'DeepSeek V3, model: 640 posts in the last 24 hours, 50% positive, 20% negative, 1.3M downloads on Hugging Face. Press Tab to enter the card, Escape to close.',
    );
  });
});
