// Where a hover card goes: below its name if it fits, else above, always inside the viewport.

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Top-left corner (viewport coordinates) for a card of `card` size anchored to `anchor`. */
export function placeCard(anchor: Rect, card: { width: number; height: number }, viewport: { width: number; height: number }, gap = 6, margin = 8): { left: number; top: number } {
  const below = anchor.top + anchor.height + gap;
  const above = anchor.top - gap - card.height;
  let top = below + card.height <= viewport.height - margin ? below : above >= margin ? above : Math.max(margin, viewport.height - margin - card.height);
  top = Math.max(margin, Math.min(top, Math.max(margin, viewport.height - margin - card.height)));
  const left = Math.max(margin, Math.min(anchor.left, viewport.width - margin - card.width));
  return { left: Math.round(left), top: Math.round(top) };
}
