// Hover cards for the names the highlighter underlined: open on hover (after a short delay)
// or focus, stay inside the viewport, close on Escape, blur or pointer leave, and are
// announced to screen readers. Listens on the page document; renders inside our shadow root.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { BeatId, EntityCard, EntityKind } from '../utils/schema';
import { MARK_ATTR } from '../utils/highlight';
import { placeCard } from '../utils/highlight/place';
import type { Send } from './client';
import { EntityCardView, type CardState } from './EntityCardView';
import { compact, percent } from './format';

export interface HoverCardsProps {
  send: Send;
  beat: BeatId | null;
  /** The page document whose marks we follow. */
  doc: Document;
  /** Our shadow host: focus moving into it stays "inside the card". */
  host: Element;
  openDelayMs?: number;
  focusDelayMs?: number;
  closeDelayMs?: number;
}

interface Open {
  mark: HTMLElement;
  id: string;
  name: string;
  kind: EntityKind;
  known: boolean;
}

const KIND_WORD: Record<EntityKind, string> = { model: 'model', org: 'company', product: 'product', chip: 'chip' };

function markOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? (target.closest(`[${MARK_ATTR}]`) as HTMLElement | null) : null;
}

/** What a screen reader hears when a card has loaded. */
export function announce(name: string, kind: EntityKind, state: CardState): string {
  if (state.kind === 'loading') return `${name}, ${KIND_WORD[kind]}: loading its card.`;
  if (state.kind === 'error') return `${name}: the card could not be loaded.`;
  const c = state.card;
  const mood = c.mood ? `, ${percent(c.mood.positive)} positive, ${percent(c.mood.negative)} negative` : '';
  const stats = c.stats ? `, ${compact(c.stats.downloads)} downloads on Hugging Face` : '';
  return `${name}, ${KIND_WORD[kind]}: ${compact(c.volume24h)} posts in the last 24 hours${mood}${stats}. Press Tab to enter the card, Escape to close.`;
}

export function HoverCards({ send, beat, doc, host, openDelayMs = 350, focusDelayMs = 150, closeDelayMs = 250 }: HoverCardsProps) {
  const [open, setOpen] = useState<Open | null>(null);
  const [state, setState] = useState<CardState>({ kind: 'loading' });
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  const cache = useRef(new Map<string, Promise<CardState>>());
  const openTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const closeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cardRef = useRef<HTMLDivElement>(null);
  const openRef = useRef(open);
  openRef.current = open;

  const load = useCallback(
    (o: Open) => {
      let p = cache.current.get(o.id);
      if (!p) {
        p = send('getEntityCard', { id: o.id, name: o.name, kind: o.kind, known: o.known, beat }).then((r): CardState =>
          r.ok ? { kind: 'ready', card: r.value as EntityCard } : { kind: 'error', message: r.error.message },
        );
        cache.current.set(o.id, p);
        // A failed card is asked for again next time.
        void p.then((s) => s.kind === 'error' && cache.current.delete(o.id));
      }
      return p;
    },
    [send, beat],
  );

  const show = useCallback(
    (mark: HTMLElement) => {
      clearTimeout(closeTimer.current);
      if (openRef.current?.mark === mark) return;
      openRef.current?.mark.setAttribute('aria-expanded', 'false');
      const o: Open = {
        mark,
        id: mark.getAttribute(MARK_ATTR)!,
        name: mark.getAttribute('data-uc-name') ?? mark.textContent ?? '',
        kind: (mark.getAttribute('data-uc-kind') as EntityKind) ?? 'model',
        known: !mark.hasAttribute('data-uc-new'),
      };
      mark.setAttribute('aria-expanded', 'true');
      setOpen(o);
      setPos(null);
      setState({ kind: 'loading' });
      void load(o).then((s) => {
        if (openRef.current?.mark === mark) setState(s);
      });
    },
    [load],
  );

  const hide = useCallback((returnFocus = false) => {
    clearTimeout(openTimer.current);
    clearTimeout(closeTimer.current);
    const cur = openRef.current;
    if (!cur) return;
    cur.mark.setAttribute('aria-expanded', 'false');
    setOpen(null);
    if (returnFocus) cur.mark.focus();
  }, []);

  const scheduleClose = useCallback(() => {
    clearTimeout(closeTimer.current);
    closeTimer.current = setTimeout(() => hide(), closeDelayMs);
  }, [hide, closeDelayMs]);

  useEffect(() => {
    const over = (e: Event) => {
      const mark = markOf(e.target);
      if (!mark) return;
      clearTimeout(openTimer.current);
      if (openRef.current?.mark === mark) return clearTimeout(closeTimer.current);
      openTimer.current = setTimeout(() => show(mark), openDelayMs);
    };
    const out = (e: Event) => {
      const mark = markOf(e.target);
      if (!mark || mark.contains((e as MouseEvent).relatedTarget as Node | null)) return;
      clearTimeout(openTimer.current);
      if (openRef.current?.mark === mark) scheduleClose();
    };
    const focusIn = (e: Event) => {
      const mark = markOf(e.target);
      if (!mark) return;
      clearTimeout(openTimer.current);
      openTimer.current = setTimeout(() => show(mark), focusDelayMs);
    };
    const focusOut = (e: Event) => {
      const mark = markOf(e.target);
      if (!mark) return;
      const next = (e as FocusEvent).relatedTarget as Node | null;
      // Focus going into our shadow root (the card) keeps it open.
      if (next && (next === host || host.contains(next))) return;
      clearTimeout(openTimer.current);
      if (openRef.current?.mark === mark) hide();
    };
    const key = (e: Event) => {
      const k = e as KeyboardEvent;
      const cur = openRef.current;
      const mark = markOf(k.target);
      if (k.key === 'Escape' && cur) {
        hide(mark === cur.mark);
        return;
      }
      if (!mark) return;
      if (k.key === 'Enter' || k.key === ' ') {
        k.preventDefault();
        if (cur?.mark === mark) hide();
        else show(mark);
      } else if (k.key === 'Tab' && !k.shiftKey && cur?.mark === mark) {
        const first = cardRef.current?.querySelector<HTMLElement>('a[href], button');
        if (first) {
          k.preventDefault();
          first.focus();
        }
      }
    };
    doc.addEventListener('mouseover', over, true);
    doc.addEventListener('mouseout', out, true);
    doc.addEventListener('focusin', focusIn, true);
    doc.addEventListener('focusout', focusOut, true);
    doc.addEventListener('keydown', key, true);
    return () => {
      doc.removeEventListener('mouseover', over, true);
      doc.removeEventListener('mouseout', out, true);
      doc.removeEventListener('focusin', focusIn, true);
      doc.removeEventListener('focusout', focusOut, true);
      doc.removeEventListener('keydown', key, true);
      clearTimeout(openTimer.current);
      clearTimeout(closeTimer.current);
    };
  }, [doc, host, show, hide, scheduleClose, openDelayMs, focusDelayMs]);

  // Place the card once it has a size, and keep it by its name while the page scrolls.
  useLayoutEffect(() => {
    if (!open) return;
    const view = doc.defaultView;
    const place = () => {
      const card = cardRef.current;
      if (!card || !view) return;
      const r = open.mark.getBoundingClientRect();
      // Measure the card itself: its wrapper is an empty block as wide as the page.
      const box = cardBox(card);
      setPos(placeCard({ left: r.left, top: r.top, width: r.width, height: r.height }, { width: box.offsetWidth || 300, height: box.offsetHeight || 160 }, { width: view.innerWidth, height: view.innerHeight }));
    };
    place();
    // The card's size is only final once its stylesheet applies and its content loads:
    // place it again whenever it changes size, or it would be placed by a stale width.
    const resized = typeof ResizeObserver === 'undefined' || !cardRef.current ? undefined : new ResizeObserver(place);
    if (resized && cardRef.current) resized.observe(cardBox(cardRef.current));
    view?.addEventListener('scroll', place, { passive: true, capture: true });
    view?.addEventListener('resize', place, { passive: true });
    return () => {
      resized?.disconnect();
      view?.removeEventListener('scroll', place, { capture: true });
      view?.removeEventListener('resize', place);
    };
  }, [open, state, doc]);

  return (
    <>
      <div class="uc-sr" aria-live="polite" data-testid="card-announcer">
        {open ? announce(open.name, open.kind, state) : ''}
      </div>
      {open ? (
        <div ref={cardRef}>
          <EntityCardView
            name={open.name}
            entityKind={open.kind}
            known={open.known}
            state={state}
            style={pos ? { left: `${pos.left}px`, top: `${pos.top}px` } : { left: '0px', top: '0px', visibility: 'hidden' }}
            onMouseEnter={() => clearTimeout(closeTimer.current)}
            onMouseLeave={scheduleClose}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                hide(true);
              }
            }}
            onFocusOut={(e) => {
              const next = e.relatedTarget as Node | null;
              if (!next || !cardRef.current?.contains(next)) hide();
            }}
          />
        </div>
      ) : null}
    </>
  );
}

/** The card element inside its wrapper (the wrapper holds it only to contain focus). */
function cardBox(wrapper: HTMLElement): HTMLElement {
  return (wrapper.firstElementChild as HTMLElement | null) ?? wrapper;
}
