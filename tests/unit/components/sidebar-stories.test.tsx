// The sidebar asks for the server's stories only once it is open (a closed sidebar costs
// the server nothing), then shows the beat's story and "More stories" like the popup.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { PageUi } from '../../../components/PageUi';
import type { TabContext } from '../../../utils/messaging/protocol';
import { NOW, axeViolations, fakeSend, makeContext, makeTopic, ok } from './helpers';
import { makeStory } from '../../fixtures/stories';

afterEach(cleanup);

const tab: TabContext = { topic: makeTopic(), analysed: true, context: makeContext(), error: null, revalidating: false };
const story = makeStory({ id: 'osai-lead', now: NOW, baseUrl: 'https://undercurrent.example' });
const more = [{ id: 'policy-1', title: 'The EU code splits the labs', url: 'https://undercurrent.example/stories/policy-1', category: 'Policy' as const, beat: 'policy-regulation' as const, importance: 3, publishedAt: new Date(NOW - 3_600_000).toISOString(), dek: 'Two sign, one walks.' }];

describe('sidebar stories', () => {
  it('asks only once opened, then shows the beat\'s story and More stories', async () => {
    const send = fakeSend({ getTabContext: async () => ok(tab), getStories: async () => ok({ story, more }) });
    const noop = () => {};
    const { container } = render(
      <PageUi
        send={send}
        subscribe={() => noop}
        tabId={3}
        topic={makeTopic()}
        site="news.example.com"
        showSidebar
        showCards={false}
        initialOpen={false}
        onOpenChange={noop}
        onDisableSite={noop}
        onUndoDisable={noop}
        onOffDismissed={noop}
        doc={document}
        host={document.body}
        targets={{} as never}
        trusted={() => true}
      />,
    );
    await waitFor(() => expect(send.calls.some((c) => c.name === 'getTabContext')).toBe(true));
    expect(send.calls.filter((c) => c.name === 'getStories')).toEqual([]);
    fireEvent.click(screen.getByTestId('sidebar-tab'));
    const section = await screen.findByTestId('beat-story');
    expect(within(section).getByRole('heading', { name: story.narrative.headline })).toBeTruthy();
    const items = within(await screen.findByTestId('more-stories')).getAllByTestId('story-item');
    expect(items.map((li) => li.querySelector('a')!.getAttribute('href'))).toEqual(['https://undercurrent.example/stories/policy-1']);
    expect(send.calls.filter((c) => c.name === 'getStories').map((c) => c.data)).toEqual([{ beat: 'open-source-ai' }]);
    expect(await axeViolations(container)).toEqual([]);
  });
});
