// The sidebar: closed tab, opening and closing by mouse and keyboard (focus follows),
// the per-site switch, and every panel state inside it — with axe.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { Sidebar } from '../../../components/Sidebar';
import { OffToast } from '../../../components/OffToast';
import type { PanelState } from '../../../components/use-tab-context';
import { axeViolations, makeContext, makeTopic } from './helpers';

afterEach(cleanup);

// Component tests click with synthetic events; the product's default accepts only trusted ones.
function Harness({ state, onDisableSite = () => {}, onChange = () => {}, trusted = () => true }: { state: PanelState; onDisableSite?: () => void; onChange?: (o: boolean) => void; trusted?: (e: Event) => boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <Sidebar
      state={state}
      trusted={trusted}
      open={open}
      site="news.example.com"
      onDisableSite={onDisableSite}
      onOpenChange={(o) => {
        setOpen(o);
        onChange(o);
      }}
    />
  );
}

const ready: PanelState = { kind: 'ready', context: makeContext(), topic: makeTopic(), revalidating: false };

describe('Sidebar', () => {
  it('does not open for a synthetic click (a page script), by default', () => {
    const onChange = vi.fn();
    render(<Harness state={ready} onChange={onChange} trusted={(e) => e.isTrusted} />);
    fireEvent.click(screen.getByTestId('sidebar-tab'));
    expect(screen.getByTestId('sidebar').hidden).toBe(true);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('starts as a small tab and opens into the panel, moving focus into it', async () => {
    const onChange = vi.fn();
    const { container } = render(<Harness state={ready} onChange={onChange} />);
    const tab = screen.getByRole('button', { name: /Undercurrent/ });
    expect(tab.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByTestId('sidebar').hidden).toBe(true);
    expect(await axeViolations(container)).toEqual([]);
    fireEvent.click(tab);
    const panel = screen.getByRole('complementary', { name: 'Undercurrent: discourse context' });
    expect(panel.hidden).toBe(false);
    expect(document.activeElement).toBe(panel);
    expect(screen.getByRole('heading', { level: 2, name: 'Open Source AI' })).toBeTruthy();
    expect(onChange).toHaveBeenLastCalledWith(true);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('closes on Escape and on the close button, returning focus to the tab', () => {
    render(<Harness state={ready} />);
    fireEvent.click(screen.getByTestId('sidebar-tab'));
    fireEvent.keyDown(screen.getByTestId('sidebar'), { key: 'Escape' });
    expect(screen.getByTestId('sidebar').hidden).toBe(true);
    expect(document.activeElement).toBe(screen.getByTestId('sidebar-tab'));
    fireEvent.click(screen.getByTestId('sidebar-tab'));
    fireEvent.click(screen.getByRole('button', { name: 'Close the Undercurrent panel' }));
    expect(screen.getByTestId('sidebar').hidden).toBe(true);
  });

  it('turns itself off for the site', () => {
    const off = vi.fn();
    render(<Harness state={ready} onDisableSite={off} />);
    fireEvent.click(screen.getByTestId('sidebar-tab'));
    const button = screen.getByRole('button', { name: 'Turn off on news.example.com' });
    // A secondary action: after the whole context, not the first control in the panel.
    expect(screen.getByTestId('context').compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByTestId('sidebar').querySelector('button')).not.toBe(button);
    expect(button.className).toBe('uc-quiet-btn');
    fireEvent.click(button);
    expect(off).toHaveBeenCalledOnce();
  });

  it('offers an undo after turning off, with focus on it', async () => {
    const undo = vi.fn();
    const dismiss = vi.fn();
    const { container } = render(<OffToast site="news.example.com" trusted={() => true} onUndo={undo} onDismiss={dismiss} />);
    const toast = screen.getByRole('status');
    expect(toast.textContent).toContain('Undercurrent is off on news.example.com.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Undo' }));
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(undo).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(dismiss).toHaveBeenCalledOnce();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('ignores an untrusted click on Undo', () => {
    const undo = vi.fn();
    render(<OffToast site="news.example.com" onUndo={undo} onDismiss={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(undo).not.toHaveBeenCalled();
  });

  it.each<[string, PanelState, string]>([
    ['loading', { kind: 'loading' }, 'skeleton'],
    ['error', { kind: 'error', error: { source: 'hosted', code: 'timeout', message: 'no answer in 8 s' } }, 'error'],
    ['stale', { kind: 'ready', context: makeContext({ stale: true }), topic: null, revalidating: true }, 'context'],
    ['sample', { kind: 'ready', context: makeContext({ upstream: 'sample' }), topic: null, revalidating: false }, 'context'],
    ['partial error', { kind: 'ready', context: makeContext({ errors: [{ source: 'bluesky', code: 'unauthorized', message: '401' }] }), topic: null, revalidating: false }, 'source-errors'],
  ])('shows the %s state inside the panel without axe violations', async (_name, state, testId) => {
    const { container } = render(<Harness state={state} />);
    fireEvent.click(screen.getByTestId('sidebar-tab'));
    expect(screen.getByTestId(testId)).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });
});
