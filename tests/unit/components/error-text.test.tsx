// Each error says what actually happened: a source's hourly request budget is not
// "today's narrative budget", and only what the options page can fix offers it.
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { describeSourceError } from '../../../components/format';
import { SourceErrors } from '../../../components/FreshnessLine';
import { ErrorState } from '../../../components/States';
import { RateLimiter, toSourceError } from '../../../utils/discourse/http';
import type { SourceError } from '../../../utils/schema';

afterEach(cleanup);

/** The error the limiter really raises once `source` has spent its hour, as the background reports it. */
async function spent(source: string, label: string, budget: number): Promise<SourceError> {
  let now = Date.parse('2026-11-20T12:00:00Z');
  const l = new RateLimiter({ clock: () => now, sleep: async () => {}, hourlyBudget: { [source]: budget }, defaultHostLimit: { capacity: 1e6, perSecond: 1e6 } });
  for (let i = 0; i < budget; i++) {
    await l.acquire(source, 'h');
    now += 60_000 / budget;
  }
  return l.acquire(source, 'h').then(
    () => {
      throw new Error('expected the budget to be spent');
    },
    (err: unknown) => toSourceError(source, label, err),
  );
}

describe('budget errors', () => {
  it.each([
    ['hackernews', 'Hacker News', 600, /^Hacker News: used its 600 requests for this hour; asking again in 59 min$/],
    ['bluesky', 'Bluesky', 300, /^Bluesky: used its 300 requests for this hour; asking again in 59 min$/],
    ['news', 'News (GDELT)', 120, /^News: used its 120 requests for this hour; asking again in 59 min$/],
    ['mastodon', 'Mastodon', 200, /^Mastodon: used its 200 requests for this hour; asking again in 59 min$/],
  ])('%s: its own hourly request budget, with when it will be asked again', async (source, label, budget, text) => {
    const e = await spent(source, label, budget);
    expect(e.code).toBe('budget');
    expect(describeSourceError(e)).toMatch(text);
    expect(describeSourceError(e)).not.toMatch(/narrative/i);
  });

  it('the narrative: today\'s budget, raised on the options page', () => {
    const e: SourceError = { source: 'narrative', code: 'budget', message: 'Daily narrative budget spent (200,000 of 200,000 tokens); showing quoted posts instead' };
    expect(describeSourceError(e)).toBe("Narrative: today's narrative budget is spent; raise it on the options page");
  });

  it('every live source out of budget at once: named as the live sources, with their own messages', async () => {
    const hn = await spent('hackernews', 'Hacker News', 3);
    const e: SourceError = { source: 'live', code: 'budget', message: hn.message };
    expect(describeSourceError(e)).toBe(`Live sources: ${hn.message}`);
  });

  it('the sources line and the error state say the same, and offer the options page only where it helps', async () => {
    const hn = await spent('hackernews', 'Hacker News', 600);
    render(<SourceErrors errors={[hn, { source: 'narrative', code: 'budget', message: 'Daily narrative budget spent' }]} />);
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['Hacker News: used its 600 requests for this hour; asking again in 59 min', "Narrative: today's narrative budget is spent; raise it on the options page"]);
    cleanup();

    render(<ErrorState error={{ source: 'live', code: 'budget', message: hn.message }} onRetry={() => {}} onOpenOptions={() => {}} />);
    expect(screen.getByRole('alert').textContent).not.toMatch(/narrative/i);
    expect(screen.queryByRole('button', { name: 'Open options' })).toBeNull();
    cleanup();

    render(<ErrorState error={{ source: 'narrative', code: 'budget', message: 'Daily narrative budget spent' }} onRetry={() => {}} onOpenOptions={() => {}} />);
    expect(screen.getByRole('button', { name: 'Open options' })).toBeTruthy();
  });
});
