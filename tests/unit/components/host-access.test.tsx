// The popup while the browser withholds access to websites: it says so instead of a
// context, asks from the click, and shows the tab's context once access is given.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { PopupApp, type HostAccess } from '../../../components/PopupApp';
import type { Subscribe } from '../../../components/client';
import { axeViolations, fakeSend, makeContext, makeTopic, ok } from './helpers';

afterEach(cleanup);

const none: Subscribe = () => () => {};
const send = () => fakeSend({ getTabContext: async () => ok({ topic: makeTopic(), analysed: true, context: makeContext(), error: null, revalidating: false }) });

function access(over: Partial<HostAccess> & { answer?: boolean | Error } = {}) {
  const calls: string[] = [];
  let listener: ((g: boolean) => void) | undefined;
  const a: HostAccess = {
    granted: false,
    request: () => {
      calls.push('request');
      return over.answer instanceof Error ? Promise.reject(over.answer) : Promise.resolve(over.answer ?? true);
    },
    watch: (cb) => {
      listener = cb;
      return () => (listener = undefined);
    },
    ...over,
  };
  return { a, calls, change: (g: boolean) => listener?.(g) };
}

describe('popup without access to websites', () => {
  it('says why nothing is shown and asks for nothing until the button is pressed', async () => {
    const s = send();
    const { a, calls } = access();
    const { container } = render(<PopupApp send={s} subscribe={none} tabId={7} retryMs={1} hostAccess={a} />);
    expect(screen.getByRole('heading', { name: 'Undercurrent can’t read web pages' })).toBeTruthy();
    expect(calls).toEqual([]);
    expect(s.calls.length).toBe(0);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('requests access from the click and then shows the context', async () => {
    const s = send();
    const { a, calls } = access({ answer: true });
    render(<PopupApp send={s} subscribe={none} tabId={7} retryMs={1} hostAccess={a} />);
    fireEvent.click(screen.getByRole('button', { name: 'Allow access to websites' }));
    // Synchronously, inside the click: Firefox prompts only then.
    expect(calls).toEqual(['request']);
    expect((await screen.findByTestId('beat-name')).textContent).toBe('Open Source AI');
    expect(screen.queryByTestId('host-access')).toBeNull();
  });

  it('says so when the person declines, and keeps the button', async () => {
    const { a } = access({ answer: false });
    render(<PopupApp send={send()} subscribe={none} tabId={7} retryMs={1} hostAccess={a} />);
    fireEvent.click(screen.getByRole('button', { name: 'Allow access to websites' }));
    expect((await screen.findByText(/Access was not given/)).textContent).toMatch(/Permissions/);
    expect(screen.getByRole('button', { name: 'Allow access to websites' })).toBeTruthy();
  });

  it('says where to allow it when the browser cannot ask from the popup', async () => {
    const { a } = access({ answer: new Error('permissions.request may only be called from a user input handler') });
    render(<PopupApp send={send()} subscribe={none} tabId={7} retryMs={1} hostAccess={a} />);
    fireEvent.click(screen.getByRole('button', { name: 'Allow access to websites' }));
    expect((await screen.findByText(/could not ask for access from here/)).textContent).toMatch(/permissions/);
  });

  it('follows a grant or a revocation made elsewhere (the add-ons manager)', async () => {
    const { a, change } = access();
    render(<PopupApp send={send()} subscribe={none} tabId={7} retryMs={1} hostAccess={a} />);
    change(true);
    expect((await screen.findByTestId('beat-name')).textContent).toBe('Open Source AI');
    change(false);
    expect(await screen.findByTestId('host-access')).toBeTruthy();
  });

  it('shows the context at once when access is granted', async () => {
    const { a } = access({ granted: true });
    render(<PopupApp send={send()} subscribe={none} tabId={7} retryMs={1} hostAccess={a} />);
    expect((await screen.findByTestId('beat-name')).textContent).toBe('Open Source AI');
    expect(screen.queryByTestId('host-access')).toBeNull();
  });
});
