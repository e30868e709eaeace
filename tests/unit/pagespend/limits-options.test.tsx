// The options for topic limits and private hosts: shown with their defaults, saved as typed,
// clamped to their bounds.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { OptionsPage } from '../../../components/OptionsPage';
import { Settings } from '../../../utils/schema';
import { axeViolations, fakeSend, ok } from '../components/helpers';

afterEach(cleanup);

function setup() {
  let stored = Settings.parse({});
  const send = fakeSend({
    getOptions: () => ok({ settings: stored, secrets: { hostedApiKey: { set: false, origin: null, usable: false }, blueskyAppPassword: { set: false, origin: null, usable: false }, anthropicApiKey: { set: false, origin: null, usable: false } } }),
    getNarrativeCost: () => ok({ last: null, spentToday: 0, dailyBudget: 200000 }),
    saveSettings: (d) => {
      stored = Settings.parse(d.settings);
      return ok(stored);
    },
  });
  const view = render(<OptionsPage send={send} />);
  return { ...view, stored: () => stored };
}

describe('Limits and privacy options', () => {
  it('shows the defaults, saves new limits (clamped) and the private-host switch', async () => {
    const { container, stored } = setup();
    await screen.findByRole('heading', { name: 'Options' });
    const hourly = screen.getByLabelText('New topics per tab per hour (hard cap)') as HTMLInputElement;
    expect(hourly.value).toBe('20');
    expect((screen.getByTestId('allow-private-hosts') as HTMLInputElement).checked).toBe(false);
    fireEvent.input(hourly, { target: { value: '8' } });
    fireEvent.input(screen.getByLabelText('New topics per tab per minute'), { target: { value: '999' } });
    fireEvent.click(screen.getByTestId('allow-private-hosts'));
    fireEvent.click(screen.getByTestId('save'));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Saved.'));
    expect(stored().limits).toMatchObject({ topicsPerTabPerHour: 8, topicsPerTabPerMinute: 60 });
    expect(stored().privacy).toEqual({ allowPrivateHosts: true, allowLoopback: true });
    expect(await axeViolations(container)).toEqual([]);
  });
});
