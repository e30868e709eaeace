// The popup's answer when the browser withholds Undercurrent's access to websites (Firefox
// MV3 lets a person decline it at install or turn it off later; Chrome's "on click" too):
// says what does not work and why, and asks for the access with one button.
import { useState } from 'preact/hooks';

export interface HostAccessNoticeProps {
  /**
   * Asks the browser for the access; resolves to whether it was given. Called straight from
   * the click, before anything else is awaited: Firefox prompts only while handling input.
   */
  onRequest: () => Promise<boolean>;
  headingLevel?: 1 | 2;
}

/** "Undercurrent can't read web pages" with an "Allow access to websites" button. */
export function HostAccessNotice({ onRequest, headingLevel = 1 }: HostAccessNoticeProps) {
  const H = headingLevel === 1 ? 'h1' : 'h2';
  const [outcome, setOutcome] = useState<'idle' | 'asking' | 'refused' | 'failed'>('idle');
  const ask = () => {
    // No await before this call (see onRequest).
    const asked = onRequest();
    setOutcome('asking');
    asked.then(
      (granted) => setOutcome(granted ? 'idle' : 'refused'),
      () => setOutcome('failed'),
    );
  };
  return (
    <div class="uc-state" data-testid="host-access">
      <span class="uc-brand">Undercurrent</span>
      <H>Undercurrent can’t read web pages</H>
      <p>
        The browser has not given Undercurrent access to websites, so it cannot tell what this page is about or ask the
        discourse sources. Page text still never leaves your machine once it can.
      </p>
      <div class="uc-actions">
        <button type="button" class="uc-btn uc-btn-primary" onClick={ask} disabled={outcome === 'asking'} data-testid="grant-host-access">
          Allow access to websites
        </button>
      </div>
      <p role="status" class="uc-muted" data-testid="host-access-status">
        {outcome === 'refused'
          ? 'Access was not given. You can also allow it in the add-on’s permissions (Firefox: Add-ons and themes → Undercurrent → Permissions).'
          : outcome === 'failed'
            ? 'The browser could not ask for access from here. Allow it in the add-on’s permissions instead.'
            : ''}
      </p>
    </div>
  );
}
