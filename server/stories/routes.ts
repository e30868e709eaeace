// The story pages' routes (`/stories`, `/stories/{id}`), outside /v1: HTML for people,
// sent with a Content-Security-Policy that allows no script and nothing fetched.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { BeatId, Story } from '../../utils/schema';
import type { Queryable } from '../db';
import { CSP, IndexPage, ProblemPage, StoryPage, html, type PageContext } from './pages';
import { readStory } from '../api/context';
import { listStories } from './read';
import { summaryOf } from './store';

export interface StoryPagesDeps {
  db: Queryable;
  clock: () => number;
  serverName: string;
}

/** How many stories the index lists. */
export const INDEX_LIMIT = 100;

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

function page(c: Context, body: string, status: 200 | 400 | 404 = 200): Response {
  return c.body(body, status, HEADERS);
}

/** Adds the story pages to `app`. */
export function mountStoryPages(app: OpenAPIHono, deps: StoryPagesDeps): void {
  const ctx = (): PageContext => ({ serverName: deps.serverName, now: deps.clock() });

  app.get('/stories', async (c) => {
    const raw = c.req.query('beat');
    let beat: BeatId | undefined;
    if (raw !== undefined && raw !== '') {
      const parsed = BeatId.safeParse(raw);
      if (!parsed.success) {
        return page(c, html(ProblemPage({ title: 'No such beat', message: 'That beat is not one this server writes stories for. Choose one from the list of all stories.', ctx: ctx() })), 400);
      }
      beat = parsed.data;
    }
    const stories = await listStories(deps.db, { beat, limit: INDEX_LIMIT });
    return page(c, html(IndexPage({ stories: stories.map(summaryOf), beat, ctx: ctx() })));
  });

  app.get('/stories/:id', async (c) => {
    const id = c.req.param('id');
    const story = Story.shape.id.safeParse(id).success ? await readStory(deps.db, id) : null;
    if (!story) return page(c, html(ProblemPage({ title: 'Story not found', message: 'There is no story with this address on this server. It may have been removed.', ctx: ctx() })), 404);
    return page(c, html(StoryPage({ story, ctx: ctx() })));
  });
}
