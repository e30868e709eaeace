// Watches for content a page adds after load (infinite feeds, SPA views) and hands it to
// the highlighter in debounced, bounded batches; ignores the changes we make ourselves.
import { MARK_ATTR } from './index';

export interface WatchOptions {
  debounceMs?: number;
  /** Elements handed over per batch, at most. */
  maxBatch?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (id: unknown) => void;
}

/** Calls `onAdded` with the elements added under `root`, debounced; returns the disconnect function. */
export function watchAddedContent(root: Node, onAdded: (elements: Element[]) => void, options: WatchOptions = {}): () => void {
  const { debounceMs = 300, maxBatch = 200 } = options;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((id) => clearTimeout(id as ReturnType<typeof setTimeout>));
  let pending = new Set<Element>();
  let timer: unknown;
  const flush = () => {
    timer = undefined;
    // Keep only the outermost of nested additions; each is walked once.
    const batch = [...pending].filter((el) => el.isConnected && ![...pending].some((other) => other !== el && other.contains(el))).slice(0, maxBatch);
    pending = new Set();
    if (batch.length) onAdded(batch);
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      for (const node of r.addedNodes) {
        const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
        if (!el || el.closest(`[${MARK_ATTR}], [data-undercurrent-ui]`)) continue;
        // Text we split while wrapping lands beside our marks: not new content.
        if (node.nodeType === 3 && (node.previousSibling as Element | null)?.hasAttribute?.(MARK_ATTR)) continue;
        if (el.hasAttribute(MARK_ATTR)) continue;
        pending.add(el);
      }
    }
    if (pending.size && timer === undefined) timer = setTimer(flush, debounceMs);
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => {
    observer.disconnect();
    if (timer !== undefined) clearTimer(timer);
  };
}
