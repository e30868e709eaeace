// Which topic each tab reported. Kept in session storage so a restarted service worker
// still knows; dropped when the tab closes. Topics never hold page text beyond the title.
import { storage } from '@wxt-dev/storage';
import { z } from 'zod';
import { PageTopic } from '../schema';

const Entry = z.object({ topic: PageTopic.nullable(), at: z.number() });
const Table = z.record(z.string(), Entry);

const item = storage.defineItem<unknown>('session:tabTopics', { fallback: {} });

export class TabTopics {
  private async read(): Promise<z.infer<typeof Table>> {
    const parsed = Table.safeParse(await item.getValue());
    return parsed.success ? parsed.data : {};
  }

  async set(tabId: number, topic: PageTopic | null, at: number): Promise<void> {
    const table = await this.read();
    table[String(tabId)] = { topic, at };
    await item.setValue(table);
  }

  /** The tab's topic; `analysed` is false until its content script has reported. */
  async get(tabId: number): Promise<{ topic: PageTopic | null; analysed: boolean }> {
    const entry = (await this.read())[String(tabId)];
    return { topic: entry?.topic ?? null, analysed: !!entry };
  }

  async remove(tabId: number): Promise<void> {
    const table = await this.read();
    delete table[String(tabId)];
    await item.setValue(table);
  }
}
