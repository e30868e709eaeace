// A new name is looked up only when the user clicks "look up" in the popup: one message,
// for that one name, and the answer is shown beside it.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { PopupApp } from '../../../components/PopupApp';
import { EntityCard } from '../../../utils/schema';
import { axeViolations, fakeSend, makeContext, makeTopic, ok } from '../components/helpers';

afterEach(cleanup);

describe('look up a new name', () => {
  it('sends nothing until clicked, then that one name, and shows what came back', async () => {
    const topic = makeTopic();
    topic.entities = [
      { id: 'deepseek', name: 'DeepSeek', kind: 'org', count: 4, known: true, ranges: [] },
      { id: 'korvax-2', name: 'Korvax-2', kind: 'model', count: 3, known: false, ranges: [] },
      { id: 'nightjar-3', name: 'Nightjar-3', kind: 'model', count: 1, known: false, ranges: [] },
    ];
    const send = fakeSend({
      getTabContext: () => ok({ topic, analysed: true, context: makeContext(), error: null, revalidating: false }),
      lookUpName: (d) =>
        ok(
          EntityCard.parse({
            entity: { id: d.id, name: 'Korvax-2', kind: 'model', known: false },
            beat: 'open-source-ai',
            volume24h: 12,
            mood: { ...makeContext().snapshot.mood, score: 0.3 },
            topVoice: null,
            stats: null,
            freshness: { fetchedAt: new Date().toISOString(), stale: false, origin: 'live', upstream: 'live' },
          }),
        ),
    });
    const { container } = render(<PopupApp send={send} subscribe={() => () => {}} tabId={7} retryMs={1} />);
    await screen.findByTestId('page-entities');
    expect(send.calls.filter((c) => c.name === 'lookUpName')).toHaveLength(0);
    expect(screen.getAllByTestId('look-up')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: /Look up Korvax-2/ }));
    await waitFor(() => expect(screen.getByTestId('look-up-result').textContent).toMatch(/12 posts in 24 h, mood positive/));
    expect(send.calls.filter((c) => c.name === 'lookUpName').map((c) => c.data)).toEqual([{ tabId: 7, id: 'korvax-2' }]);
    // The other new name is still not looked up.
    expect(screen.getAllByTestId('look-up')).toHaveLength(1);
    expect(await axeViolations(container)).toEqual([]);
  });
});
