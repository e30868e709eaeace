// The story pages on both engines: stories stored through server/stories/store.ts, then
// read as a person's browser would (HTML parsed with linkedom): every part of a story
// is on the page, hostile posts stay text, links are http(s) only, the CSP allows no
// script, unknown ids get a 404 page, the index filters by beat; /v1/stories lists them.
import { createHash } from 'node:crypto';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StorySummary, type Story } from '../../utils/schema';
import { compact, sourceName, volumeChange } from '../../components/format';
import { startServer, type RunningServer } from '../../server/server';
import { readStory } from '../../server/api/context';
import { listStories } from '../../server/stories/read';
import { HOSTILE, makeHostileStory, makeStory, saveStory } from '../fixtures/stories';
import { testConfig, NOW } from './config';
import { ENGINES, type Engine } from './engines';

const HOUR = 3_600_000;

async function getPage(url: string) {
  const res = await fetch(url);
  const body = await res.text();
  const { document } = parseHTML(body);
  return { res, body, document };
}

describe.each(ENGINES.map((e) => [e().name, e] as const))('story pages on %s', (_name, makeEngine) => {
  let engine: Engine;
  let server: RunningServer;
  let lead: Story;
  let older: Story;
  let other: Story;
  let hostile: Story;

  beforeAll(async () => {
    engine = makeEngine();
    const { db, databaseUrl } = await engine.fresh();
    await db.close();
    server = await startServer(testConfig({ ...(databaseUrl ? { databaseUrl } : {}), ingest: 'off' }));
    const base = server.url;
    lead = makeStory({ id: 'osai-lead', now: NOW, baseUrl: base, ageHours: 1 });
    older = makeStory({ id: 'osai-older', now: NOW, baseUrl: base, ageHours: 30, headline: 'Yesterday: the licence debate opens', importance: 2 });
    other = makeStory({ id: 'policy-1', beat: 'policy-regulation', now: NOW, baseUrl: base, ageHours: 3, headline: 'The EU code of practice splits the labs', kind: 'extractive', importance: 3 });
    hostile = makeHostileStory({ id: 'hostile-1', beat: 'security-privacy', now: NOW, baseUrl: base, ageHours: 2 });
    for (const s of [lead, older, other, hostile]) await saveStory(server.db, s);
  });
  afterAll(async () => {
    await server?.close();
    await engine.stop();
  });

  it('stores and reads whole stories, newest first, by beat', async () => {
    expect(await readStory(server.db, 'osai-lead')).toEqual(lead);
    expect(await readStory(server.db, 'nope')).toBeNull();
    expect((await listStories(server.db)).map((s) => s.id)).toEqual(['osai-lead', 'hostile-1', 'policy-1', 'osai-older']);
    expect((await listStories(server.db, { beat: 'open-source-ai' })).map((s) => s.id)).toEqual(['osai-lead', 'osai-older']);
    expect((await listStories(server.db, { limit: 1 })).map((s) => s.id)).toEqual(['osai-lead']);
    // Saving again replaces (the writer rewrites a story when its evidence changed).
    await saveStory(server.db, { ...older, importanceReason: 'Rewritten' });
    expect((await readStory(server.db, 'osai-older'))?.importanceReason).toBe('Rewritten');
  });

  it('refuses to store a story whose post links anywhere but http(s), and never serves such a row', async () => {
    const bad = { ...lead, id: 'bad-link', posts: lead.posts.map((p, i) => (i === 0 ? { ...p, url: HOSTILE.link } : p)) };
    await expect(saveStory(server.db, bad)).rejects.toThrow(/url|URL/);
    // A row written around the schema (another writer, a hand edit) is skipped, not rendered.
    await server.db.query('INSERT INTO stories (id, beat, published_at, summary, story) VALUES ($1, $2, $3, $4::text::jsonb, $4::text::jsonb)', ['bad-link', bad.beat, bad.publishedAt, JSON.stringify(bad)]);
    expect(await readStory(server.db, 'bad-link')).toBeNull();
    expect((await getPage(`${server.url}/stories/bad-link`)).res.status).toBe(404);
    await server.db.query('DELETE FROM stories WHERE id = $1', ['bad-link']);
  });

  it('renders a story with every part a reader needs, and no script', async () => {
    const { res, body, document } = await getPage(`${server.url}/stories/osai-lead`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(body.startsWith('<!doctype html>')).toBe(true);
    expect(document.querySelectorAll('script')).toHaveLength(0);
    const text = (sel: string) => document.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

    expect(document.title).toBe(`${lead.narrative.headline} — Undercurrent`);
    expect(text('h1')).toBe(lead.narrative.headline);
    expect(text('.pg-dek')).toBe(lead.narrative.dek);
    // category · beat · time
    expect(text('[data-testid="story-kicker"]')).toMatch(/^Industry · Open Source AI · 1 h ago \(\d+ \w+ \d{4}, \d\d:\d\d UTC\)$/);
    expect(document.querySelector('[data-testid="story-kicker"] a')?.getAttribute('href')).toBe('/stories?beat=open-source-ai');
    // 24 h volume and its change, all-time beat records
    expect(text('[data-testid="story-volume"]')).toBe(compact(lead.snapshot.volume24h));
    expect(body).toContain(volumeChange(lead.snapshot.volume24h, lead.snapshot.volumePrev24h));
    expect(text('[data-testid="story-records"]')).toBe(compact(lead.snapshot.beatRecords!));
    // importance and its reason
    expect(text('[data-testid="importance"]')).toBe(`●●●●○ Importance 4 of 5 — ${lead.importanceReason}`);
    // sources chart, mood bar and shift, sparkline
    const rows = [...document.querySelectorAll('ul[aria-label="Posts by source"] > li > span:first-child')].map((e) => e.textContent);
    expect(rows).toEqual(lead.snapshot.bySource.map((s) => sourceName(s.source)));
    expect(document.querySelector('.uc-moodbar[role="img"]')?.getAttribute('aria-label')).toBe('Mood: 42% positive, 34% neutral, 24% negative');
    expect(text('[data-testid="mood-shift"]')).toBe('↑ More positive than the previous 24 h');
    expect(document.querySelector('svg.uc-spark polyline')?.getAttribute('points')?.split(' ')).toHaveLength(lead.snapshot.timeline.length);
    // the analysis: every paragraph, each citation a link to the cited post
    const paras = [...document.querySelectorAll('[data-testid="narrative"] > p:not(.uc-disclosure)')];
    expect(paras).toHaveLength(lead.narrative.paragraphs.length);
    const postsById = new Map(lead.posts.map((p) => [p.id, p]));
    lead.narrative.paragraphs.forEach((para, i) => {
      expect(paras[i]!.textContent).toContain(para.text);
      const cites = [...paras[i]!.querySelectorAll('a.uc-cite')];
      expect(cites.map((a) => a.getAttribute('href'))).toEqual(para.citations.map((id) => postsById.get(id)!.url));
    });
    // the footnotes: author, handle, platform, link, in citation order
    const notes = [...document.querySelectorAll('[data-testid="cited-post"]')];
    const order = [...new Set(lead.narrative.paragraphs.flatMap((p) => p.citations))];
    expect(notes).toHaveLength(order.length);
    order.forEach((id, i) => {
      const p = postsById.get(id)!;
      const note = notes[i]!;
      expect(note.getAttribute('id')).toBe(`source-${i + 1}`);
      expect(note.textContent).toContain(`[${i + 1}]`);
      expect(note.textContent).toContain(p.author.name);
      if (p.author.handle) expect(note.textContent).toContain(`@${p.author.handle}`);
      expect(note.textContent).toContain(p.source === 'news' ? sourceName('news') : sourceName(p.source));
      expect(note.querySelector('a')?.getAttribute('href')).toBe(p.url);
    });
    // key voices and the disclosure
    expect(document.querySelectorAll('[data-testid="key-voice"]')).toHaveLength(lead.snapshot.keyVoices.length);
    expect(text('[data-testid="disclosure"]')).toContain(lead.narrative.disclosure);
  });

  it('sends a Content-Security-Policy that allows no script and only its own inline stylesheet', async () => {
    const { res, document } = await getPage(`${server.url}/stories/osai-lead`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    const css = document.querySelector('style')?.textContent ?? '';
    expect(css.length).toBeGreaterThan(1000);
    expect(directives.get('style-src')).toEqual([`'sha256-${createHash('sha256').update(css).digest('base64')}'`]);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('shows hostile posts as text: no element, no handler, no link but http(s)', async () => {
    const { res, body, document } = await getPage(`${server.url}/stories/hostile-1`);
    expect(res.status).toBe(200);
    expect(document.querySelectorAll('script, img, iframe, object, embed')).toHaveLength(0);
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) expect(attr.startsWith('on'), `${el.tagName} ${attr}`).toBe(false);
    }
    for (const a of document.querySelectorAll('a')) {
      const href = a.getAttribute('href') ?? '';
      expect(href, a.textContent ?? '').toMatch(/^(https?:\/\/|\/(?!\/)|#)/);
    }
    // The markup is there, as the words it is.
    expect(document.querySelector('h1')?.textContent).toBe(hostile.narrative.headline);
    expect(document.querySelector('.pg-dek')?.textContent).toBe(hostile.narrative.dek);
    expect(body).not.toMatch(/<(script|img)\b/i);
    expect(document.querySelector('[data-testid="cited-post"]')?.textContent).toContain(`Evil ${HOSTILE.img}`);
    expect(document.querySelector('[data-testid="narrative"] p')?.textContent).toContain(HOSTILE.link);
  });

  it('answers an unknown or malformed id with a 404 page', async () => {
    for (const path of ['/stories/no-such-story', `/stories/${'x'.repeat(300)}`, '/stories/%3Cscript%3E']) {
      const { res, document } = await getPage(`${server.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'none'");
      expect(document.querySelector('h1')?.textContent).toBe('Story not found');
      expect(document.querySelector('main a')?.getAttribute('href')).toBe('/stories');
      expect(document.querySelectorAll('script')).toHaveLength(0);
    }
  });

  it('lists all stories newest first, filters by beat with plain links, and refuses an unknown beat', async () => {
    const all = await getPage(`${server.url}/stories`);
    expect(all.res.status).toBe(200);
    expect(all.document.querySelector('h1')?.textContent).toBe('All stories');
    const items = [...all.document.querySelectorAll('[data-testid="story-item"]')];
    expect(items.map((li) => li.querySelector('a')?.textContent)).toEqual([lead, hostile, other, older].map((s) => s.narrative.headline));
    expect(items.map((li) => li.querySelector('a')?.getAttribute('href'))).toEqual(['/stories/osai-lead', '/stories/hostile-1', '/stories/policy-1', '/stories/osai-older']);
    expect(items[0]!.querySelector('a')?.hasAttribute('target')).toBe(false);
    expect(items[0]!.textContent).toContain(lead.narrative.dek);
    expect(items[2]!.textContent).toMatch(/Policy · AI Policy & Regulation · ●●●○○importance 3 of 5 · 3 h ago/);
    const chooser = [...all.document.querySelectorAll('nav[aria-label="Beats"] a')];
    expect(chooser).toHaveLength(16);
    expect(chooser[0]!.getAttribute('aria-current')).toBe('page');

    const beat = await getPage(`${server.url}/stories?beat=open-source-ai`);
    expect(beat.document.querySelector('h1')?.textContent).toBe('Stories on Open Source AI');
    expect([...beat.document.querySelectorAll('[data-testid="story-item"] a')].map((a) => a.getAttribute('href'))).toEqual(['/stories/osai-lead', '/stories/osai-older']);
    expect(beat.document.querySelector('nav[aria-label="Beats"] a[aria-current="page"]')?.textContent).toBe('Open Source AI');

    const none = await getPage(`${server.url}/stories?beat=education`);
    expect(none.document.querySelector('[data-testid="no-stories"]')?.textContent).toMatch(/^No stories on AI in Education yet\./);

    const bad = await getPage(`${server.url}/stories?beat=%3Cscript%3Ealert(1)%3C/script%3E`);
    expect(bad.res.status).toBe(400);
    expect(bad.body).not.toContain('<script>alert');
    expect(bad.document.querySelector('h1')?.textContent).toBe('No such beat');
  });

  it('/v1/stories lists the stored stories as summaries that point at their pages', async () => {
    const res = await fetch(`${server.url}/v1/stories`);
    const list = StorySummary.array().parse(await res.json());
    // The latest of every beat.
    expect(list.map((s) => s.id).sort()).toEqual(['hostile-1', 'osai-lead', 'policy-1']);
    const s = list.find((x) => x.id === 'osai-lead')!;
    expect(s).toEqual({ id: 'osai-lead', title: lead.narrative.headline, url: `${server.url}/stories/osai-lead`, category: 'Industry', beat: 'open-source-ai', importance: 4, publishedAt: new Date(NOW - HOUR).toISOString(), dek: lead.narrative.dek, kind: 'generated' });
    const one = StorySummary.array().parse(await (await fetch(`${server.url}/v1/stories?beat=open-source-ai`)).json());
    expect(one.map((x) => x.id)).toEqual(['osai-lead', 'osai-older']);
  });
});
