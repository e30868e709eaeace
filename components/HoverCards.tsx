// Hover cards for the names the highlighter found: the page's DOM is never changed, so
// there is no element to hover or focus. A card opens when the real pointer rests on a
// highlighted range (hit-tested against the ranges the highlighter made: never against
// anything the page can create), or from the "names on this page" list, which is how a
// keyboard user reaches them (it is in our shadow root, after the page in tab order; it
// appears when focused; Alt+Shift+N focuses it from anywhere). Only trusted input opens a card; cards ask the background by
// entity id alone, and newly seen names are not looked up at all.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { BeatId, EntityCard, EntityKind } from '../utils/schema';
import type { HighlightMark, HighlightTargets } from '../utils/highlight';
import { placeCard, type Rect } from '../utils/highlight/place';
import type { Send } from './client';
import { EntityCardView, type CardState } from './EntityCardView';
import { KIND_WORD, SAID_KINDS, compact, percent } from './format';

/** One name the page is about, as the detector reported it. */
export interface CardEntity {
  id: string;
  name: string;
  kind: EntityKind;
  known: boolean;
}

export interface HoverCardsProps {
  send: Send;
  beat: BeatId | null;
  /** The page's entities (from the detector's topic): names and kinds shown on cards and in the list. */
  entities: CardEntity[];
  /** The highlighter's live ranges. */
  targets: HighlightTargets;
  /** The page document whose pointer and keys we follow. */
  doc: Document;
  /** Our shadow host: the pointer over it is over the card. */
  host: Element;
  /** Whether an event comes from the person (the default checks `isTrusted`; component tests pass their own). */
  trusted?: (e: Event) => boolean;
  openDelayMs?: number;
  focusDelayMs?: number;
  closeDelayMs?: number;
}

interface Open {
  entity: CardEntity;
  /** The range it was opened from (pointer), or the first one of its name (list). */
  mark: HighlightMark | null;
  /** Where the name was when the card opened: kept if the page re-renders the range away. */
  rect: Rect;
  via: 'pointer' | 'list';
}

const isTrusted = (e: Event) => e.isTrusted;

/** The one shortcut to the names list (and so to every card), from anywhere in the page. */
export const NAMES_SHORTCUT = 'Alt+Shift+N';

/** Alt+Shift+N by physical key (Option changes the character on a Mac), never while the person types. */
function isNamesShortcut(e: KeyboardEvent): boolean {
  if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey || e.code !== 'KeyN') return false;
  const t = e.target as Element | null;
  return !t?.closest?.('input, textarea, select, [contenteditable]:not([contenteditable="false"])');
}

/** What a screen reader hears when a card has loaded. */
export function announce(name: string, kind: EntityKind, state: CardState): string {
  if (state.kind === 'loading') return `${name}, ${KIND_WORD[kind]}: loading its card.`;
  if (state.kind === 'error') return `${name}: the card could not be loaded.`;
  if (state.kind === 'local') return `${name}: a name Undercurrent doesn’t know yet; it is not looked up.`;
  const c = state.card;
  const mood = c.mood ? `, ${percent(c.mood.positive)} positive, ${percent(c.mood.negative)} negative` : '';
  const stats = c.stats ? `, ${compact(c.stats.downloads)} downloads on Hugging Face` : '';
  return `${name}, ${KIND_WORD[kind]}: ${compact(c.volume24h)} posts in the last 24 hours${mood}${stats}. Press Tab to enter the card, Escape to close.`;
}

function rectOf(mark: HighlightMark | null): Rect | null {
  if (!mark) return null;
  const r = mark.range.getClientRects()[0] ?? mark.range.getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height };
}

/** The first live mark of a name, or null once the page has none left. */
function firstMark(targets: HighlightTargets, id: string): HighlightMark | null {
  return targets.marks().find((m) => m.id === id) ?? null;
}

/** The live mark of a name closest to where it was (the page may have re-rendered the old range away). */
function nearestMark(targets: HighlightTargets, id: string, was: Rect): HighlightMark | null {
  let best: HighlightMark | null = null;
  let bestD = Infinity;
  for (const m of targets.marks()) {
    if (m.id !== id) continue;
    const r = rectOf(m)!;
    const d = Math.abs(r.left - was.left) + Math.abs(r.top - was.top);
    if (d < bestD) [best, bestD] = [m, d];
  }
  return best;
}

export function HoverCards({ send, beat, entities, targets, doc, host, trusted = isTrusted, openDelayMs = 350, focusDelayMs = 150, closeDelayMs = 250 }: HoverCardsProps) {
  const [open, setOpen] = useState<Open | null>(null);
  const [state, setState] = useState<CardState>({ kind: 'loading' });
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  const [, setVersion] = useState(0);
  const cache = useRef(new Map<string, Promise<CardState>>());
  const openTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const closeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pendingId = useRef<string | null>(null);
  const pointer = useRef({ x: -1, y: -1 });
  const cardRef = useRef<HTMLDivElement>(null);
  const namesRef = useRef<HTMLElement>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const openRef = useRef(open);
  openRef.current = open;

  // The list shows the names that have a live range; it follows the page's re-renders.
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const off = targets.subscribe(bump);
    bump(); // marks found between the first render and now
    return off;
  }, [targets]);

  const load = useCallback(
    (e: CardEntity): Promise<CardState> => {
      // A name outside the gazetteer stays on this machine: no request at all.
      if (!e.known) return Promise.resolve({ kind: 'local' });
      let p = cache.current.get(e.id);
      if (!p) {
        p = send('getEntityCard', { id: e.id, beat }).then((r): CardState => (r.ok ? { kind: 'ready', card: r.value as EntityCard } : { kind: 'error', message: r.error.message }));
        cache.current.set(e.id, p);
        // A failed card is asked for again next time.
        void p.then((s) => s.kind === 'error' && cache.current.delete(e.id));
      }
      return p;
    },
    [send, beat],
  );

  const show = useCallback(
    (entity: CardEntity, mark: HighlightMark | null, via: Open['via']) => {
      clearTimeout(closeTimer.current);
      pendingId.current = null;
      if (openRef.current?.entity.id === entity.id && openRef.current.via === via) return;
      const rect = rectOf(mark) ?? { left: 8, top: 8, width: 0, height: 0 };
      const o: Open = { entity, mark, rect, via };
      openRef.current = o;
      setOpen(o);
      setPos(null);
      setState({ kind: 'loading' });
      void load(entity).then((s) => {
        if (openRef.current === o) setState(s);
      });
    },
    [load],
  );

  const hide = useCallback((returnFocus = false) => {
    clearTimeout(openTimer.current);
    clearTimeout(closeTimer.current);
    pendingId.current = null;
    const cur = openRef.current;
    if (!cur) return;
    openRef.current = null;
    setOpen(null);
    if (returnFocus && cur.via === 'list') buttons.current.get(cur.entity.id)?.focus();
  }, []);

  const scheduleClose = useCallback(() => {
    clearTimeout(closeTimer.current);
    closeTimer.current = setTimeout(() => hide(), closeDelayMs);
  }, [hide, closeDelayMs]);

  const byId = useCallback((id: string) => entities.find((e) => e.id === id), [entities]);

  // The real pointer, hit-tested against our ranges. Synthetic events (page scripts) are ignored.
  useEffect(() => {
    const move = (ev: Event) => {
      if (!trusted(ev)) return;
      const e = ev as MouseEvent;
      if (e.target === host) {
        // Over our own UI (the card): keep it.
        clearTimeout(closeTimer.current);
        return;
      }
      pointer.current = { x: e.clientX, y: e.clientY };
      const mark = targets.hit(e.clientX, e.clientY);
      const cur = openRef.current;
      if (mark) {
        clearTimeout(closeTimer.current);
        if (cur?.entity.id === mark.id || pendingId.current === mark.id) return;
        const entity = byId(mark.id) ?? { id: mark.id, name: mark.name, kind: mark.kind, known: mark.known };
        clearTimeout(openTimer.current);
        pendingId.current = mark.id;
        openTimer.current = setTimeout(() => {
          // Still resting on that name? (The page may have re-rendered its range meanwhile: hit again.)
          const now = targets.hit(pointer.current.x, pointer.current.y);
          if (now?.id === entity.id) show(entity, now, 'pointer');
          else pendingId.current = null;
        }, openDelayMs);
        return;
      }
      clearTimeout(openTimer.current);
      pendingId.current = null;
      if (cur?.via === 'pointer') scheduleClose();
    };
    const leave = (ev: Event) => {
      if (!trusted(ev) || (ev as MouseEvent).relatedTarget) return;
      // The pointer left the window.
      clearTimeout(openTimer.current);
      pendingId.current = null;
      if (openRef.current?.via === 'pointer') scheduleClose();
    };
    const key = (ev: Event) => {
      if (!trusted(ev)) return;
      const k = ev as KeyboardEvent;
      if (k.key === 'Escape' && openRef.current) hide(true);
      else if (isNamesShortcut(k)) {
        const first = namesRef.current?.querySelector('button');
        if (!first) return;
        k.preventDefault();
        first.focus();
      }
    };
    doc.addEventListener('mousemove', move, { capture: true, passive: true });
    doc.addEventListener('mouseout', leave, { capture: true, passive: true });
    doc.addEventListener('keydown', key, true);
    return () => {
      doc.removeEventListener('mousemove', move, { capture: true });
      doc.removeEventListener('mouseout', leave, { capture: true });
      doc.removeEventListener('keydown', key, true);
      clearTimeout(openTimer.current);
      clearTimeout(closeTimer.current);
    };
  }, [doc, host, targets, trusted, byId, show, hide, scheduleClose, openDelayMs]);

  // Place the card once it has a size, and keep it by its name while the page scrolls.
  useLayoutEffect(() => {
    if (!open) return;
    const view = doc.defaultView;
    const place = () => {
      const card = cardRef.current;
      if (!card || !view) return;
      // The range it opened from, or (re-rendered away) the name's first range now, or where it was.
      const mark = open.mark && targets.marks().includes(open.mark) ? open.mark : nearestMark(targets, open.entity.id, open.rect);
      const r = rectOf(mark) ?? open.rect;
      // Measure the card itself: its wrapper is an empty block as wide as the page.
      const box = cardBox(card);
      setPos(placeCard(r, { width: box.offsetWidth || 300, height: box.offsetHeight || 160 }, { width: view.innerWidth, height: view.innerHeight }));
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
  }, [open, state, doc, targets]);

  /** The list: opens the card of a name at its first range, scrolled into view. */
  const openFromList = (entity: CardEntity) => {
    const mark = firstMark(targets, entity.id);
    const node = mark?.range.startContainer.parentElement;
    const r = rectOf(mark);
    const view = doc.defaultView;
    if (node && r && view && (r.top < 0 || r.top + r.height > view.innerHeight)) node.scrollIntoView({ block: 'center' });
    show(entity, mark, 'list');
  };

  const listed = entities.filter((e) => targets.marks().some((m) => m.id === e.id));

  return (
    <>
      {listed.length ? (
        <nav ref={namesRef} class="uc-root uc-names" aria-label="Undercurrent: names on this page" data-testid="names-list">
          <p class="uc-names-title">
            Names on this page <kbd class="uc-kbd">{NAMES_SHORTCUT}</kbd>
          </p>
          <ul>
            {listed.map((e) => (
              <li key={e.id}>
                <button
                  type="button"
                  ref={(b) => {
                    if (b) buttons.current.set(e.id, b);
                    else buttons.current.delete(e.id);
                  }}
                  aria-haspopup="dialog"
                  aria-keyshortcuts={NAMES_SHORTCUT}
                  aria-expanded={open?.entity.id === e.id}
                  data-testid="names-item"
                  onFocus={(ev) => {
                    if (!trusted(ev)) return;
                    clearTimeout(openTimer.current);
                    openTimer.current = setTimeout(() => openFromList(e), focusDelayMs);
                  }}
                  onClick={(ev) => {
                    if (!trusted(ev)) return;
                    if (openRef.current?.entity.id === e.id) hide();
                    else openFromList(e);
                  }}
                  onKeyDown={(ev) => {
                    const cur = openRef.current;
                    if (ev.key === 'Escape' && cur) {
                      ev.stopPropagation();
                      hide(true);
                    } else if (ev.key === 'Tab' && !ev.shiftKey && cur?.entity.id === e.id) {
                      const first = cardRef.current?.querySelector<HTMLElement>('a[href], button');
                      if (first) {
                        ev.preventDefault();
                        first.focus();
                      }
                    }
                  }}
                >
                  {e.name}
                  {SAID_KINDS.has(e.kind) ? <span class="uc-names-kind"> · {KIND_WORD[e.kind]}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div class="uc-sr" aria-live="polite" data-testid="card-announcer">
        {open ? announce(open.entity.name, open.entity.kind, state) : ''}
      </div>
      {open ? (
        <div ref={cardRef}>
          <EntityCardView
            name={open.entity.name}
            entityKind={open.entity.kind}
            known={open.entity.known}
            state={state}
            style={pos ? { left: `${pos.left}px`, top: `${pos.top}px` } : { left: '0px', top: '0px', visibility: 'hidden' }}
            onMouseEnter={() => clearTimeout(closeTimer.current)}
            onMouseLeave={() => open.via === 'pointer' && scheduleClose()}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                hide(true);
              }
            }}
            onFocusOut={(e) => {
              const next = e.relatedTarget as Node | null;
              if (next && cardRef.current?.contains(next)) return;
              // Back to its own name in the list keeps it open.
              if (next && next === buttons.current.get(open.entity.id)) return;
              hide();
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
