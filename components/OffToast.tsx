// After "Turn off on <site>": a small notice with an undo, so one click is never a
// decision the person cannot take back. It stays until they undo or dismiss it (no
// timer: it must not vanish while someone is reading or reaching for it).
import { useLayoutEffect, useRef } from 'preact/hooks';

export interface OffToastProps {
  site: string;
  onUndo: () => void;
  onDismiss: () => void;
  /** Whether an event comes from the person (default: `isTrusted`); only they turn the site back on. */
  trusted?: (e: Event) => boolean;
}

export function OffToast({ site, onUndo, onDismiss, trusted = (e) => e.isTrusted }: OffToastProps) {
  const undo = useRef<HTMLButtonElement>(null);
  // The button that had focus is gone with the sidebar: focus lands on the way back.
  useLayoutEffect(() => undo.current?.focus(), []);
  return (
    <div class="uc-root uc-toast" role="status" data-testid="off-toast">
      <span>Undercurrent is off on {site}.</span>
      <button ref={undo} type="button" class="uc-btn" data-testid="off-undo" onClick={(e) => trusted(e) && onUndo()}>
        Undo
      </button>
      <button type="button" class="uc-icon-btn" aria-label="Dismiss" data-testid="off-dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
