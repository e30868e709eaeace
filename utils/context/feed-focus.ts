// The feed post each tab has in the middle of its screen, as its feed script last said.
// Session storage, one key per tab (like tab-topics.ts); the popup reads it. Post labels
// (author, first words) are kept here for the popup only: queries use the topic's ids.
import { storage } from '@wxt-dev/storage';
import { z } from 'zod';
import { FeedFocus } from '../schema/feeds';

const Entry = z.object({ focus: FeedFocus, at: z.number() });

export function feedFocusKey(tabId: number): `session:feedFocus:${number}` {
  return `session:feedFocus:${tabId}`;
}

export class FeedFocusStore {
  async set(tabId: number, focus: FeedFocus | null, at: number): Promise<void> {
    if (focus === null) await storage.removeItem(feedFocusKey(tabId));
    else await storage.setItem(feedFocusKey(tabId), { focus, at });
  }

  async get(tabId: number): Promise<{ focus: FeedFocus; at: number } | null> {
    const parsed = Entry.safeParse(await storage.getItem(feedFocusKey(tabId)));
    return parsed.success ? parsed.data : null;
  }

  async remove(tabId: number): Promise<void> {
    await storage.removeItem(feedFocusKey(tabId));
  }
}
