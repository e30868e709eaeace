// Feed mode on one page: finds posts as they come into view (an IntersectionObserver over
// the site's post containers, new ones from a MutationObserver on the feed), detects each
// post on its own in idle slices, puts a chip after the text of the posts about AI,
// underlines their known names, keeps chips through the page's re-renders and virtualised
// lists, and tells the background which AI post is nearest the middle of the screen.
// Reads and adds nothing else: the page's own nodes are never changed.
import type { BeatId, PageTopic } from '../schema';
import type { DetectorData } from '../detect/types';
import { compileDetector, findEntities } from '../detect';
import { Highlighter, type HighlightTerm } from '../highlight';
import type { FeedSite } from './types';
import { analysePost, firstWords } from './analyse-post';
import { CHIP_TAG, chipAnchor, createChip, type BeatPulse, type Chip } from './chip';
import { IdleScheduler, type SchedulerDeps } from './scheduler';

/** One post as the popup names it: author and first words stay on this machine (the background keeps them for the popup only). */
export interface FeedPostLabel {
  author: string;
  excerpt: string;
  beat: BeatId;
}

/** What the background is told as the reader scrolls. */
export interface FeedFocus {
  /** The AI post nearest the middle of the viewport: its topic (beat and entities) and label. */
  topic: PageTopic;
  post: FeedPostLabel;
  /** The other AI posts in view, top to bottom. */
  others: FeedPostLabel[];
}

export interface FeedDeps {
  doc: Document;
  site: FeedSite;
  /** The detector data (gazetteer, lexicon); null when the background did not answer. */
  data(): Promise<DetectorData | null>;
  /** Figures for a beat's chip (one cached beat-level query per beat in the background); null when held or unavailable. */
  pulse(beat: BeatId): Promise<BeatPulse | null>;
  /** The post in the middle changed (null: no AI post in view, or feed mode stopped). */
  report(focus: FeedFocus | null): void;
  chips: boolean;
  /** Underline known names in AI posts (for the hover cards). */
  names: boolean;
  /** The entities underlined so far changed (the hover cards' list). */
  onEntities?(entities: HighlightTerm[]): void;
  scheduler: SchedulerDeps;
  setTimer(fn: () => void, ms: number): unknown;
  /** Runs before the next paint (requestAnimationFrame). */
  frame(fn: () => void): void;
  clearTimer(handle: unknown): void;
  /** Times slices for `npm run bench` (user-timing marks): posts handled, the slice's length, and each post's time (detection, chip, underlines). */
  onSlice?(items: number, ms: number, postMs: number[]): void;
  /** The clock for those timings. */
  now?(): number;
}

interface PostState {
  topic: PageTopic | null;
  chip?: Chip;
  /** The chip waits for its beat's figures. */
  chipPending?: boolean;
  label?: FeedPostLabel;
}

/** Results kept by post key for posts the page removes and re-adds (virtualised lists). */
const MAX_REMEMBERED = 3000;
/** Report the post in the middle once scrolling has paused this long. */
const FOCUS_SETTLE_MS = 200;

export class FeedController {
  private readonly states = new WeakMap<Element, PostState>();
  private readonly byKey = new Map<string, PageTopic | null>();
  private readonly observed = new WeakSet<Element>();
  private readonly visible = new Set<Element>();
  private readonly aiPosts = new Set<Element>();
  private readonly ours = new WeakSet<Element>();
  /** AI posts whose names were underlined (their re-rendered text is read again). */
  private readonly hadMarks = new WeakSet<Element>();
  private readonly scheduler: IdleScheduler<Element>;
  private io: IntersectionObserver | undefined;
  private mo: MutationObserver | undefined;
  private waitRoot: MutationObserver | undefined;
  private data: DetectorData | null = null;
  private readonly pulses = new Map<BeatId, Promise<BeatPulse | null>>();
  /** Figures already in hand, so the chips of a beat seen before go in at once (in the same slice). */
  private readonly pulseValues = new Map<BeatId, BeatPulse | null>();
  private readonly toPlace = new Map<Chip, Element>();
  private focusTimer: unknown;
  private lastReport = '';
  private stopped = false;
  /** Underlines over known names in AI posts (the hover cards' targets). */
  readonly highlighter: Highlighter | undefined;
  private readonly terms: HighlightTerm[] = [];
  private readonly termIds = new Set<string>();
  private readonly onScroll = () => this.focusSoon();

  constructor(private readonly deps: FeedDeps) {
    const now = deps.now ?? (() => 0);
    let postMs: number[] = [];
    this.scheduler = new IdleScheduler(
      (post) => {
        const t = now();
        this.process(post);
        postMs.push(now() - t);
      },
      deps.scheduler,
      {
        onSlice: (items, ms) => {
          deps.onSlice?.(items, ms, postMs);
          postMs = [];
        },
      },
    );
    if (deps.names) {
      this.highlighter = new Highlighter(this.terms, {
        find: (text) => (this.data ? findEntities(text, this.data, this.termIds).filter((m) => m.known && this.termIds.has(m.id)) : []),
        minLength: 3,
        maxPerEntity: Number.POSITIVE_INFINITY,
        maxMarks: 400,
        inLinks: !!deps.site.namesInLinks,
        // A post's text is short: one pass is one slice.
        yieldToPage: () => new Promise<void>((r) => deps.setTimer(r, 0)),
      });
    }
  }

  /** Starts on the current document: waits for the feed to render, then follows it. */
  async start(): Promise<void> {
    this.data = await this.deps.data();
    if (!this.data || this.stopped) return;
    compileDetector(this.data);
    const { doc, site } = this.deps;
    const root = site.root(doc);
    if (root) this.attach(root);
    else {
      // The app renders its feed after load: wait for it.
      this.waitRoot = new MutationObserver(() => {
        const r = site.root(doc);
        if (!r) return;
        this.waitRoot?.disconnect();
        this.waitRoot = undefined;
        this.attach(r);
      });
      this.waitRoot.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true });
    }
  }

  /** Stops watching, removes every chip and underline, and says so to the background. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.waitRoot?.disconnect();
    this.io?.disconnect();
    this.mo?.disconnect();
    this.scheduler.clear();
    this.deps.doc.defaultView?.removeEventListener('scroll', this.onScroll, true);
    if (this.focusTimer !== undefined) this.deps.clearTimer(this.focusTimer);
    for (const post of this.aiPosts) this.states.get(post)?.chip?.host.remove();
    this.aiPosts.clear();
    this.visible.clear();
    this.highlighter?.clear();
    this.deps.report(null);
  }

  private attach(root: Element): void {
    const { doc, site } = this.deps;
    const win = doc.defaultView!;
    // A margin below the viewport: posts about to scroll in are read before they arrive.
    this.io = new win.IntersectionObserver((entries) => this.intersections(entries), { rootMargin: '0px 0px 50% 0px' });
    this.mo = new win.MutationObserver((records) => this.mutations(records));
    this.mo.observe(root, { childList: true, subtree: true });
    for (const post of Array.from(root.querySelectorAll(site.post))) this.observe(post);
    win.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
  }

  private observe(post: Element): void {
    if (this.observed.has(post)) return;
    this.observed.add(post);
    this.io!.observe(post);
  }

  private intersections(entries: IntersectionObserverEntry[]): void {
    let changed = false;
    for (const e of entries) {
      const post = e.target;
      if (e.isIntersecting) {
        this.visible.add(post);
        const state = this.states.get(post);
        if (!state) this.scheduler.add(post, true);
        else if (state.topic) {
          this.ensureChip(post, state);
          // Back in view: its names are underlined again.
          if (state.topic && this.hadMarks.has(post)) this.underline(post, state.topic);
        }
      } else {
        this.visible.delete(post);
        this.scheduler.demote(post);
        // Underlines only where the reader is: a long feed would otherwise paint hundreds of ranges every frame.
        if (this.hadMarks.has(post) && this.highlighter) this.highlighter.forget(post);
      }
      changed = true;
    }
    if (changed) this.focusSoon();
  }

  private mutations(records: MutationRecord[]): void {
    const { site } = this.deps;
    const touched = new Set<Element>();
    let refresh = false;
    for (const r of records) {
      // Our own chip going in is no news.
      if (!r.removedNodes.length && Array.from(r.addedNodes).every((n) => this.ours.has(n as Element))) continue;
      for (const n of Array.from(r.addedNodes)) {
        if (n.nodeType !== 1 || this.ours.has(n as Element)) continue;
        const el = n as Element;
        if (el.matches(site.post)) this.observe(el);
        for (const p of Array.from(el.querySelectorAll(site.post))) this.observe(p);
        const owner = el.closest(site.post);
        if (owner) touched.add(owner);
      }
      for (const n of Array.from(r.removedNodes)) {
        if (n.nodeType !== 1) continue;
        const el = n as Element;
        // Our chip went with a re-render of the text: put it back.
        if (this.ours.has(el)) {
          const owner = (r.target as Element).closest?.(site.post);
          if (owner) touched.add(owner);
          continue;
        }
        const gone = el.matches(site.post) ? [el] : Array.from(el.querySelectorAll(site.post));
        for (const p of gone) this.forget(p);
        if (gone.some((p) => this.hadMarks.has(p))) refresh = true;
      }
      if (r.target.nodeType === 1) {
        const owner = (r.target as Element).closest(site.post);
        if (owner) touched.add(owner);
      }
    }
    const rerun: Element[] = [];
    for (const post of touched) {
      const state = this.states.get(post);
      if (state?.topic && post.isConnected) {
        this.ensureChip(post, state);
        const text = this.hadMarks.has(post) ? site.textElement(post) : null;
        if (text) {
          refresh = true;
          rerun.push(text);
        }
      }
    }
    // Ranges in text the page removed or rewrote go (once per batch of changes), and rewritten posts are read again.
    if (this.highlighter && refresh) {
      this.highlighter.refresh();
      if (rerun.length) void this.highlighter.run(rerun);
    }
  }

  /** A post left the page (virtualised away, or the feed was replaced). */
  private forget(post: Element): void {
    this.io?.unobserve(post);
    this.observed.delete(post);
    this.visible.delete(post);
    this.aiPosts.delete(post);
    this.scheduler.remove(post);
    this.states.delete(post);
  }

  /** Reads one post (in an idle slice): detection, then its chip and underlines. */
  private process(post: Element): void {
    if (this.stopped || !post.isConnected || this.states.has(post) || !this.data) return;
    const { site, doc } = this.deps;
    const key = site.key(post);
    let topic: PageTopic | null;
    if (key !== null && this.byKey.has(key)) topic = this.byKey.get(key)!;
    else {
      topic = analysePost(site.text(post), doc.location.hostname, doc.location.href, this.data);
      if (key !== null) {
        if (this.byKey.size >= MAX_REMEMBERED) this.byKey.delete(this.byKey.keys().next().value!);
        this.byKey.set(key, topic);
      }
    }
    const state: PostState = { topic };
    this.states.set(post, state);
    if (!topic?.beat) return;
    state.label = { author: site.author(post).slice(0, 80), excerpt: firstWords(site.text(post)), beat: topic.beat.id };
    this.aiPosts.add(post);
    this.ensureChip(post, state);
    this.underline(post, topic);
    if (this.visible.has(post)) this.focusSoon();
  }

  /**
   * Exactly one chip of ours at the end of the post's text. A chip goes in only once its
   * figures are known (at once when the beat's are cached): a chip that grew after it was
   * drawn would move, and a moving element is a layout shift.
   */
  private ensureChip(post: Element, state: PostState): void {
    if (!this.deps.chips || !state.topic?.beat) return;
    if (!state.chip) {
      if (state.chipPending) return;
      const beat = state.topic.beat.id;
      const chip = createChip(this.deps.doc, beat);
      this.ours.add(chip.host);
      if (this.pulseValues.has(beat)) {
        chip.setPulse(this.pulseValues.get(beat)!);
        state.chip = chip;
        return this.ensureChip(post, state);
      }
      state.chipPending = true;
      void this.pulseOf(state.topic.beat.id).then((p) => {
        chip.setPulse(p);
        state.chip = chip;
        state.chipPending = false;
        if (!this.stopped && post.isConnected && this.states.get(post) === state) this.ensureChip(post, state);
      });
      return;
    }
    const text = this.deps.site.textElement(post);
    if (!text) return;
    const anchor = chipAnchor(text);
    // Chips of ours elsewhere in the post (the page moved the text): only the one at the anchor stays.
    for (const c of Array.from(post.querySelectorAll(CHIP_TAG))) if (this.ours.has(c) && c !== state.chip.host) c.remove();
    if (state.chip.host.parentElement === anchor && anchor.lastChild === state.chip.host) return;
    // Measured again where it now sits, hidden meanwhile: a visible chip that moved would be a layout shift.
    state.chip.reset();
    anchor.append(state.chip.host);
    this.toPlace.set(state.chip, text);
    if (this.toPlace.size === 1) this.deps.frame(() => this.placeChips());
  }

  /** Places the chips added since the last frame: all layout reads first, then all writes. */
  private placeChips(): void {
    const batch = [...this.toPlace];
    this.toPlace.clear();
    const below = batch.map(([chip, text]) => chip.host.isConnected && chip.measure(text));
    batch.forEach(([chip], i) => chip.place(below[i]!));
  }

  private pulseOf(beat: BeatId): Promise<BeatPulse | null> {
    let p = this.pulses.get(beat);
    if (!p) {
      p = this.deps.pulse(beat).catch(() => null);
      this.pulses.set(beat, p);
      void p.then((v) => v !== null && this.pulseValues.set(beat, v));
      // A held or failed answer is asked again for the next post of the beat, a minute on.
      void p.then((v) => v === null && this.deps.setTimer(() => this.pulses.delete(beat), 60_000));
    }
    return p;
  }

  private underline(post: Element, topic: PageTopic): void {
    const h = this.highlighter;
    if (!h) return;
    let added = false;
    for (const e of topic.entities) {
      if (!e.known || this.termIds.has(e.id)) continue;
      this.termIds.add(e.id);
      this.terms.push({ id: e.id, name: e.name, kind: e.kind, known: true, aliases: [] });
      added = true;
    }
    if (added) this.deps.onEntities?.([...this.terms]);
    const text = this.deps.site.textElement(post);
    if (text && topic.entities.some((e) => e.known)) {
      this.hadMarks.add(post);
      void h.run([text]);
    }
  }

  private focusSoon(): void {
    if (this.focusTimer !== undefined) this.deps.clearTimer(this.focusTimer);
    this.focusTimer = this.deps.setTimer(() => {
      this.focusTimer = undefined;
      this.reportFocus();
    }, FOCUS_SETTLE_MS);
  }

  /** The AI posts in view, top to bottom, and the one nearest the middle of the viewport. */
  focus(): FeedFocus | null {
    const win = this.deps.doc.defaultView!;
    const middle = win.innerHeight / 2;
    const inView: { post: Element; top: number; distance: number }[] = [];
    for (const post of this.aiPosts) {
      if (!post.isConnected) continue;
      const r = post.getBoundingClientRect();
      if (r.bottom <= 0 || r.top >= win.innerHeight || r.height === 0) continue;
      const distance = r.top <= middle && r.bottom >= middle ? 0 : Math.min(Math.abs(r.top - middle), Math.abs(r.bottom - middle));
      inView.push({ post, top: r.top, distance });
    }
    if (!inView.length) return null;
    inView.sort((a, b) => a.top - b.top);
    const best = inView.reduce((a, b) => (b.distance < a.distance ? b : a));
    const state = this.states.get(best.post)!;
    return {
      topic: state.topic!,
      post: state.label!,
      others: inView.filter((v) => v !== best).slice(0, 8).map((v) => this.states.get(v.post)!.label!),
    };
  }

  private reportFocus(): void {
    if (this.stopped) return;
    const f = this.focus();
    const sig = f ? JSON.stringify([f.post, f.others]) : '';
    if (sig === this.lastReport) return;
    this.lastReport = sig;
    this.deps.report(f);
  }
}
