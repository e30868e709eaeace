// Which topic each tab reported. Kept in session storage so a restarted service worker
// still knows; dropped when the tab closes. Topics never hold page text beyond the title.
// One storage key per tab: tabs report concurrently, and a shared table written by
// read-modify-write lost reports (12 tabs loading together kept 11).
import { storage } from '@wxt-dev/storage';
import { z } from 'zod';
import { PageTopic } from '../schema';

const Entry = z.object({ topic: PageTopic.nullable(), at: z.number() });

/** The storage key of one tab's topic. */
export function tabTopicKey(tabId: number): `session:tabTopic:${number}` {
  return `session:tabTopic:${tabId}`;
}

export class TabTopics {
  async set(tabId: number, topic: PageTopic | null, at: number): Promise<void> {
    await storage.setItem(tabTopicKey(tabId), { topic, at });
  }

  /** The tab's topic; `analysed` is false until its content script has reported. */
  async get(tabId: number): Promise<{ topic: PageTopic | null; analysed: boolean; at: number | null }> {
    const parsed = Entry.safeParse(await storage.getItem(tabTopicKey(tabId)));
    if (!parsed.success) return { topic: null, analysed: false, at: null };
    return { topic: parsed.data.topic, analysed: true, at: parsed.data.at };
  }

  async remove(tabId: number): Promise<void> {
    await storage.removeItem(tabTopicKey(tabId));
  }
}
