// The story pages the server renders: one story (`/stories/{id}`) and the index "All
// stories" (`/stories`, by beat), as plain HTML from Preact on the server, reusing the
// extension's components. No script at all: every part reads without JavaScript, and the
// page's one stylesheet is inline (its hash goes in the Content-Security-Policy).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { BEATS, beatById, type BeatId, type DiscoursePost, type Story, type StorySummary } from '../../utils/schema';
import { KeyVoices } from '../../components/KeyVoices';
import { MoodBar } from '../../components/MoodBar';
import { NarrativeView } from '../../components/NarrativeView';
import { SourcesChart } from '../../components/SourcesChart';
import { Sparkline } from '../../components/Sparkline';
import { StoriesList } from '../../components/StoriesList';
import { compact, relativeTime, sourceName, volumeChange } from '../../components/format';
import { PAGE_CSS } from './page-css';

/** The surfaces' stylesheet (colours, light and dark, the shared parts) and the page's own layout. */
export const STYLESHEET = `${readFileSync(join(import.meta.dirname, '../../components/styles.css'), 'utf8')}\n${PAGE_CSS}`;

/** The Content-Security-Policy of every story page: no script, no connection, the one inline stylesheet. */
export const CSP = [
  "default-src 'none'",
  "script-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLESHEET).digest('base64')}'`,
  // The bars' widths are style attributes (no script can add any).
  "style-src-attr 'unsafe-inline'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface PageContext {
  /** The server's name, shown at the foot of every page. */
  serverName: string;
  now: number;
}

/** A link target a post may give: http(s) only; anything else is shown as text, never as a link. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const storyPath = (id: string) => `/stories/${encodeURIComponent(id)}`;
const beatPath = (beat: BeatId | undefined) => (beat ? `/stories?beat=${encodeURIComponent(beat)}` : '/stories');

const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
/** "29 Nov 2026, 17:02 UTC". */
export function utcTime(iso: string): string {
  return `${dateFormat.format(new Date(iso))} UTC`;
}

function Document({ title, description, ctx, children }: { title: string; description: string; ctx: PageContext; children: ComponentChildren }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="description" content={description} />
        <meta name="referrer" content="no-referrer" />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLESHEET }} />
      </head>
      <body class="uc-root pg-body">
        <header class="pg-top">
          <a class="pg-brand" href="/stories">
            Undercurrent
          </a>
          <nav aria-label="Site">
            <a href="/stories">All stories</a>
          </nav>
        </header>
        {children}
        <footer class="pg-foot">
          <p>
            Served by {ctx.serverName}. Stories are written from public posts about AI; each paragraph links the posts it rests on.
          </p>
        </footer>
      </body>
    </html>
  );
}

function Importance({ level, reason }: { level: number; reason?: string }) {
  return (
    <p class="pg-importance" data-testid="importance">
      <span class="uc-importance" aria-hidden="true">
        {'●'.repeat(level)}
        {'○'.repeat(5 - level)}
      </span>{' '}
      <strong>Importance {level} of 5</strong>
      {reason ? <span class="pg-reason"> — {reason}</span> : null}
    </p>
  );
}

/** The cited posts in order of first citation (the numbers the analysis shows). */
function citedPosts(story: Story): { n: number; post: DiscoursePost | undefined; id: string }[] {
  const byId = new Map(story.posts.map((p) => [p.id, p]));
  const order: string[] = [];
  for (const para of story.narrative.paragraphs) for (const id of para.citations) if (!order.includes(id)) order.push(id);
  return order.map((id, i) => ({ n: i + 1, id, post: byId.get(id) }));
}

/** "the last day", "the last 3 days": what an hourly timeline of `hours` points covers. */
function windowDays(hours: number): string {
  const days = Math.max(1, Math.round(hours / 24));
  return days === 1 ? 'the last day' : `the last ${days} days`;
}

function excerpt(text: string, max = 220): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
}

function Footnotes({ story, now }: { story: Story; now: number }) {
  const cited = citedPosts(story);
  if (!cited.length) return null;
  return (
    <section class="pg-section pg-cited" aria-labelledby="pg-cited">
      <h2 id="pg-cited" class="pg-h2">
        Posts cited
      </h2>
      <ol class="pg-notes" data-testid="cited-posts">
        {cited.map(({ n, id, post }) => {
          if (!post) {
            return (
              <li key={id} id={`source-${n}`}>
                <span class="pg-note-n">[{n}]</span> <span class="uc-muted">This post is no longer stored on the server.</span>
              </li>
            );
          }
          const href = safeHref(post.url);
          const handle = post.author.handle ? (post.author.handle.startsWith('@') ? post.author.handle : `@${post.author.handle}`) : '';
          return (
            <li key={id} id={`source-${n}`} data-testid="cited-post">
              <span class="pg-note-n">[{n}]</span>{' '}
              <span>
                <strong>{post.author.name}</strong>
                {handle ? <span class="uc-muted"> {handle}</span> : null}
                <span class="uc-muted">
                  {' '}
                  · {post.outlet ?? sourceName(post.source)} · <time dateTime={post.createdAt}>{relativeTime(post.createdAt, now)}</time>
                </span>
                <q class="pg-note-quote">{excerpt(post.title ?? post.text)}</q>
                {href ? (
                  <a href={href} rel="noopener noreferrer" class="pg-note-link">
                    Open the post<span class="uc-sr"> by {post.author.name} on {sourceName(post.source)}</span> ↗
                  </a>
                ) : null}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The story page. */
export function StoryPage({ story, ctx }: { story: Story; ctx: PageContext }) {
  const { narrative, snapshot } = story;
  const beat = beatById(story.beat);
  // Links come only from http(s) URLs (the schema already refuses any other; this holds if it ever changes).
  const posts = story.posts.map((p) => ({ ...p, url: safeHref(p.url) ?? 'about:blank' }));
  const voices = snapshot.keyVoices.filter((v) => safeHref(v.url));
  return (
    <Document title={`${narrative.headline} — Undercurrent`} description={narrative.dek} ctx={ctx}>
      <main class="pg-main" id="main">
        <header class="pg-head">
          <p class="pg-kicker" data-testid="story-kicker">
            <span>{story.category}</span> · <a href={beatPath(story.beat)}>{beat?.name ?? story.beat}</a> ·{' '}
            <time dateTime={story.publishedAt} title={utcTime(story.publishedAt)}>
              {relativeTime(story.publishedAt, ctx.now)}
            </time>
            <span class="pg-abs"> ({utcTime(story.publishedAt)})</span>
          </p>
          <h1 class="pg-title">{narrative.headline}</h1>
          <p class="pg-dek">{narrative.dek}</p>
          <Importance level={story.importance} reason={story.importanceReason} />
        </header>
        <dl class="pg-figures" aria-label="Figures">
          <div>
            <dt>Posts, last 24 h</dt>
            <dd>
              <span class="pg-figure" data-testid="story-volume">
                {compact(snapshot.volume24h)}
              </span>
              <span class="uc-muted">{volumeChange(snapshot.volume24h, snapshot.volumePrev24h)}</span>
            </dd>
          </div>
          {snapshot.beatRecords !== undefined ? (
            <div>
              <dt>Posts on this beat, all time</dt>
              <dd>
                <span class="pg-figure" data-testid="story-records">
                  {compact(snapshot.beatRecords)}
                </span>
                <span class="uc-muted">beat records</span>
              </dd>
            </div>
          ) : null}
          <div>
            <dt>Sources</dt>
            <dd>
              <span class="pg-figure">{snapshot.bySource.length}</span>
              <span class="uc-muted">{snapshot.bySource.map((s) => sourceName(s.source)).join(', ') || 'none'}</span>
            </dd>
          </div>
        </dl>
        <div class="pg-grid">
            <section class="pg-section pg-analysis" aria-labelledby="pg-analysis">
              <h2 id="pg-analysis" class="pg-h2">
                Analysis
              </h2>
              <NarrativeView narrative={narrative} posts={posts} voices={voices} now={ctx.now} bodyOnly />
            </section>
          <aside class="pg-aside" aria-label="The discourse in figures">
            <section class="pg-card" aria-labelledby="pg-volume">
              <h2 id="pg-volume" class="pg-h2">
                Volume, posts per hour
              </h2>
              <Sparkline timeline={snapshot.timeline} />
              <p class="uc-muted">
                {compact(snapshot.totalRecords)} posts over {windowDays(snapshot.timeline.length)}
              </p>
            </section>
            <section class="pg-card" aria-labelledby="pg-mood">
              <h2 id="pg-mood" class="pg-h2">
                Mood
              </h2>
              <MoodBar mood={snapshot.mood} />
            </section>
            <section class="pg-card" aria-labelledby="pg-sources">
              <h2 id="pg-sources" class="pg-h2">
                Sources and their mood
              </h2>
              <SourcesChart bySource={snapshot.bySource} />
            </section>
            <section class="pg-card" aria-labelledby="pg-voices">
              <h2 id="pg-voices" class="pg-h2">
                Key voices
              </h2>
              <KeyVoices voices={voices} limit={5} />
            </section>
          </aside>
          <Footnotes story={story} now={ctx.now} />
        </div>
      </main>
    </Document>
  );
}

function BeatChooser({ current }: { current: BeatId | undefined }) {
  return (
    <nav class="pg-beats" aria-label="Beats">
      <ul>
        <li>
          <a href="/stories" {...(!current ? { 'aria-current': 'page' } : {})}>
            All beats
          </a>
        </li>
        {BEATS.map((b) => (
          <li key={b.id}>
            <a href={beatPath(b.id)} {...(current === b.id ? { 'aria-current': 'page' } : {})}>
              {b.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The index: every stored story (newest first), of one beat or all, with the beat chooser. */
export function IndexPage({ stories, beat, ctx }: { stories: StorySummary[]; beat: BeatId | undefined; ctx: PageContext }) {
  const name = beat ? (beatById(beat)?.name ?? beat) : undefined;
  const title = name ? `Stories on ${name}` : 'All stories';
  // Links stay on this server, whatever public URL the story was stored with.
  const local = stories.map((s) => ({ ...s, url: storyPath(s.id) }));
  return (
    <Document title={`${title} — Undercurrent`} description="Beat stories: what the discourse about AI is doing and why, from cited public posts." ctx={ctx}>
      <main class="pg-main pg-index" id="main">
        <header class="pg-head">
          <h1 class="pg-title">{title}</h1>
          <p class="pg-dek">What the conversation about AI is doing on each beat, and why — each story written from public posts it cites.</p>
        </header>
        <BeatChooser current={beat} />
        {local.length ? (
          <StoriesList stories={local} limit={local.length} now={ctx.now} showDek newTab={false} order="newest" label={title} />
        ) : (
          <p class="pg-empty" data-testid="no-stories">
            {name ? `No stories on ${name} yet.` : 'No stories yet.'} The server writes them as posts arrive.
          </p>
        )}
      </main>
    </Document>
  );
}

/** A page that says what went wrong, with the way back. */
export function ProblemPage({ title, message, ctx }: { title: string; message: string; ctx: PageContext }) {
  return (
    <Document title={`${title} — Undercurrent`} description={message} ctx={ctx}>
      <main class="pg-main" id="main">
        <header class="pg-head">
          <h1 class="pg-title">{title}</h1>
          <p class="pg-dek">{message}</p>
        </header>
        <p>
          <a href="/stories">See all stories</a>
        </p>
      </main>
    </Document>
  );
}

/** A whole HTML document from a page element. */
export function html(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}
