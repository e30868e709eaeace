// Follows what a page changes after load. Text it rewrites or replaces (a framework
// re-rendering a paragraph) is handed over at once, in the observer callback, so the
// ranges over it are refreshed before the next paint; big additions (infinite feeds, SPA
// views) are handed over in debounced, bounded batches.

export interface WatchOptions {
  debounceMs?: number;
  /** Elements handed over per batch, at most. */
  maxBatch?: number;
  /** Rewritten or added text nodes handed over per callback, at most (the rest wait for the batch). */
  maxImmediate?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (id: unknown) => void;
}

export interface WatchHandlers {
  /** Elements added under the root, debounced, outermost only. */
  onAdded(elements: Element[]): void;
  /** Called in the observer callback with the text nodes written or added since the last call (maybe none: then something was only removed). */
  onText(texts: Text[]): void;
}

/** Starts watching `root`; returns the disconnect function. */
export function watchContent(root: Node, handlers: WatchHandlers, options: WatchOptions = {}): () => void {
  const { debounceMs = 300, maxBatch = 200, maxImmediate = 50 } = options;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((id) => clearTimeout(id as ReturnType<typeof setTimeout>));
  let pending = new Set<Element>();
  let timer: unknown;
  const flush = () => {
    timer = undefined;
    // Keep only the outermost of nested additions; each is walked once.
    const batch = [...pending].filter((el) => el.isConnected && ![...pending].some((other) => other !== el && other.contains(el))).slice(0, maxBatch);
    pending = new Set();
    if (batch.length) handlers.onAdded(batch);
  };
  const observer = new MutationObserver((records) => {
    const texts = new Set<Text>();
    for (const r of records) {
      if (r.type === 'characterData') {
        if (r.target.nodeType === 3) texts.add(r.target as Text);
        continue;
      }
      for (const node of r.addedNodes) {
        if (node.nodeType === 3 && texts.size < maxImmediate) texts.add(node as Text);
        else if (node.nodeType === 1) {
          // A small element (a re-rendered paragraph) is read now; a big one (a page of feed) waits for the batch.
          if (!collectTexts(node as Element, texts, maxImmediate)) pending.add(node as Element);
        } else if (node.parentElement) pending.add(node.parentElement);
      }
    }
    handlers.onText([...texts]);
    if (pending.size && timer === undefined) timer = setTimer(flush, debounceMs);
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return () => {
    observer.disconnect();
    if (timer !== undefined) clearTimer(timer);
  };
}

/** Adds the text nodes under `el` to `into` if they fit under `limit`; false (and none added) if they do not. */
function collectTexts(el: Element, into: Set<Text>, limit: number): boolean {
  const found: Text[] = [];
  const walker = el.ownerDocument.createTreeWalker(el, 0x4 /* text */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (into.size + found.length >= limit) return false;
    found.push(n as Text);
  }
  for (const t of found) into.add(t);
  return true;
}
