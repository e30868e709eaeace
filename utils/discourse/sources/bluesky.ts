// Bluesky through @atproto/api: log in once with the user's app password, keep and
// refresh the session (createSession is limited to 30 per 5 minutes), search posts by
// query since the window start, paging by cursor up to a bound.
import { AtpAgent, type AtpAgentOptions, type AtpSessionData } from '@atproto/api';
import { DiscoursePost, type DiscoursePost as Post } from '../../schema';
import { BlueskyPostRecord, StoredBlueskySession } from '../../schema/discourse';
import { type HttpClient, SourceFailure, isAbort } from '../http';
import { clip, isoOrUndefined, languageCode, shortHash } from '../text';
import type { DiscourseSource, SearchRequest } from './types';

/** Where the session is kept between service-worker lives (extension storage in the background). */
export interface SessionPort {
  get(): Promise<unknown>;
  set(v: unknown): Promise<void>;
}

export type CreateAgent = (options: AtpAgentOptions) => AtpAgent;

export interface BlueskyCredentials {
  service: string;
  identifier: string;
  password: string;
}

/** The message the UI shows verbatim when no login is set. */
export const BLUESKY_NOT_CONFIGURED = 'log in with an app password on the options page';

/** Finds the SourceFailure or HTTP status behind an @atproto/api error. */
function causeOf(err: unknown): { failure?: SourceFailure; status?: number; error?: string } {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    if (e instanceof SourceFailure) return { failure: e };
    e = (e as { cause?: unknown }).cause;
  }
  const x = err as { status?: unknown; error?: unknown };
  return { status: typeof x?.status === 'number' ? x.status : undefined, error: typeof x?.error === 'string' ? x.error : undefined };
}

/** Maps an @atproto/api error to the failure the UI names. */
export function blueskyFailure(err: unknown): SourceFailure {
  const { failure, status, error } = causeOf(err);
  if (failure) return failure;
  if (status === 401 || error === 'AuthenticationRequired' || error === 'ExpiredToken' || error === 'InvalidToken')
    return new SourceFailure('unauthorized', 'the session was refused; log in again on the options page');
  if (status === 403) return new SourceFailure('unauthorized', 'search was refused (403)');
  if (status === 429) return new SourceFailure('rate-limited', 'rate-limited (429)');
  // ResponseType.InvalidResponse (2): a body that is not JSON or fails the lexicon.
  if (status === 2 || error === 'InvalidResponse' || error === 'Invalid Response' || (err instanceof Error && err.name === 'XRPCInvalidResponseError'))
    return new SourceFailure('malformed', 'answered with posts in an unexpected shape');
  if (status === 1 || error === 'Unknown')
    return new SourceFailure('malformed', `unexpected answer (${err instanceof Error ? err.message : String(err)})`.slice(0, 300));
  if (status !== undefined && status >= 500) return new SourceFailure('http', `answered HTTP ${status}`);
  return new SourceFailure('network', err instanceof Error ? err.message : String(err));
}

/** `at://did/app.bsky.feed.post/rkey` + handle → the post's page on bsky.app. */
export function bskyPostUrl(uri: string, handle: string): string | undefined {
  const m = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/?#]+)$/.exec(uri);
  if (!m) return undefined;
  const who = handle && handle !== 'handle.invalid' ? handle : m[1]!;
  return `https://bsky.app/profile/${encodeURIComponent(who)}/post/${encodeURIComponent(m[2]!)}`;
}

interface PostViewLike {
  uri: string;
  author: { did: string; handle: string; displayName?: string };
  record: unknown;
  likeCount?: number;
  repostCount?: number;
  quoteCount?: number;
  replyCount?: number;
  indexedAt: string;
}

/** A searchPosts `postView` → DiscoursePost, or null. */
export function bskyPostToPost(view: PostViewLike): Post | null {
  const rec = BlueskyPostRecord.safeParse(view.record);
  if (!rec.success || !rec.data.text.trim()) return null;
  const url = bskyPostUrl(view.uri, view.author.handle);
  const createdAt = isoOrUndefined(rec.data.createdAt) ?? isoOrUndefined(view.indexedAt);
  if (!url || !createdAt) return null;
  const lang = languageCode(rec.data.langs?.[0]);
  const post = DiscoursePost.safeParse({
    id: clip(`bluesky:${view.uri}`, 512),
    source: 'bluesky',
    author: {
      name: clip(view.author.displayName?.trim() || view.author.handle, 200),
      handle: clip(`@${view.author.handle}`, 200),
      url: `https://bsky.app/profile/${encodeURIComponent(view.author.handle)}`,
    },
    text: clip(rec.data.text, 10_000),
    url,
    createdAt,
    engagement: {
      likes: view.likeCount ?? 0,
      reposts: (view.repostCount ?? 0) + (view.quoteCount ?? 0),
      replies: view.replyCount ?? 0,
    },
    sentiment: null,
    ...(lang ? { lang } : {}),
  });
  return post.success ? post.data : null;
}

/**
 * Holds one logged-in agent per credentials. A persisted session is resumed without a
 * round trip (the agent refreshes it itself on ExpiredToken); createSession runs only
 * when there is no session, and never again for credentials the server refused.
 */
export class BlueskyAuth {
  private current?: { key: string; agent: AtpAgent };
  private loggingIn?: { key: string; promise: Promise<AtpAgent> };
  private writes: Promise<void> = Promise.resolve();
  /** Set after the server refused a resumed session: the next open logs in afresh. */
  private skipResume = false;

  constructor(
    private readonly o: { http: HttpClient; session: SessionPort; createAgent?: CreateAgent },
  ) {}

  private keyOf(c: BlueskyCredentials): string {
    return shortHash(`${c.service}\n${c.identifier}\n${c.password}`);
  }

  private persist(c: BlueskyCredentials, value: StoredBlueskySession): Promise<void> {
    // Session events arrive synchronously from the agent; keep their writes in order.
    this.writes = this.writes.then(() => this.o.session.set(value)).catch(() => {});
    return this.writes;
  }

  private newAgent(c: BlueskyCredentials): AtpAgent {
    const options: AtpAgentOptions = {
      service: c.service,
      fetch: this.o.http.fetchFor('bluesky'),
      persistSession: (evt, sess) => {
        if ((evt === 'create' || evt === 'update') && sess) void this.persist(c, { service: c.service, identifier: c.identifier, session: { ...sess } });
        else if (evt === 'expired') void this.persist(c, { service: c.service, identifier: c.identifier });
      },
    };
    return this.o.createAgent ? this.o.createAgent(options) : new AtpAgent(options);
  }

  /** An agent with a session for `c`: cached, resumed from storage, or logged in. */
  async agent(c: BlueskyCredentials): Promise<AtpAgent> {
    const key = this.keyOf(c);
    if (this.current?.key === key && this.current.agent.hasSession) return this.current.agent;
    if (this.loggingIn?.key === key) return this.loggingIn.promise;
    const promise = this.open(c, key).finally(() => {
      if (this.loggingIn?.promise === promise) this.loggingIn = undefined;
    });
    this.loggingIn = { key, promise };
    return promise;
  }

  private async open(c: BlueskyCredentials, key: string): Promise<AtpAgent> {
    await this.writes;
    const stored = StoredBlueskySession.safeParse(await this.o.session.get());
    const mine = stored.success && stored.data.service === c.service && stored.data.identifier === c.identifier ? stored.data : undefined;
    if (mine?.rejected === key) throw new SourceFailure('unauthorized', 'the handle or app password was refused; check them on the options page');
    const agent = this.newAgent(c);
    if (mine?.session && !this.skipResume) {
      agent.sessionManager.session = mine.session as AtpSessionData;
      this.current = { key, agent };
      return agent;
    }
    try {
      await agent.login({ identifier: c.identifier, password: c.password });
    } catch (err) {
      const f = blueskyFailure(err);
      if (f.code === 'unauthorized') {
        await this.persist(c, { service: c.service, identifier: c.identifier, rejected: key });
        throw new SourceFailure('unauthorized', 'the handle or app password was refused; check them on the options page');
      }
      throw f;
    }
    this.skipResume = false;
    this.current = { key, agent };
    return agent;
  }

  /** True while the agent for `c` holds a session. */
  hasSession(c: BlueskyCredentials): boolean {
    return this.current?.key === this.keyOf(c) && this.current.agent.hasSession;
  }

  /** Forgets the in-memory agent (after the server refused its session). */
  drop(): void {
    this.current = undefined;
    this.skipResume = true;
  }
}

export interface BlueskyOptions {
  auth: BlueskyAuth;
  credentials: BlueskyCredentials;
  pageSize?: number;
  maxPages?: number;
}

export class BlueskySource implements DiscourseSource {
  readonly id = 'bluesky' as const;
  readonly label = 'Bluesky';

  constructor(private readonly o: BlueskyOptions) {}

  async search(req: SearchRequest): Promise<Post[]> {
    const c = this.o.credentials;
    if (!c.identifier || !c.password) throw new SourceFailure('not-configured', BLUESKY_NOT_CONFIGURED);
    const attempt = async () => {
      let agent: AtpAgent;
      try {
        agent = await this.o.auth.agent(c);
      } catch (err) {
        throw { fromLogin: true, err };
      }
      return this.searchWith(agent, req);
    };
    try {
      return await attempt();
    } catch (thrown) {
      if (req.signal.aborted) throw req.signal.reason;
      const login = (thrown as { fromLogin?: boolean }).fromLogin === true;
      const err = login ? (thrown as { err: unknown }).err : thrown;
      const f = blueskyFailure(err);
      // Retry with a fresh login only when the agent gave its session up (refresh refused);
      // a 401 after a good refresh would only be refused again.
      if (login || f.code !== 'unauthorized' || this.o.auth.hasSession(c)) throw f;
      // A resumed session the server no longer accepts (and could not refresh): log in once more.
      this.o.auth.drop();
      try {
        return await attempt();
      } catch (thrown2) {
        if (req.signal.aborted) throw req.signal.reason;
        const e2 = (thrown2 as { fromLogin?: boolean }).fromLogin ? (thrown2 as { err: unknown }).err : thrown2;
        throw blueskyFailure(e2);
      }
    }
  }

  private async searchWith(agent: AtpAgent, req: SearchRequest): Promise<Post[]> {
    const limit = this.o.pageSize ?? 100;
    const maxPages = this.o.maxPages ?? 3;
    const out: Post[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const res = await agent.app.bsky.feed.searchPosts(
        {
          q: req.text,
          sort: 'latest',
          since: new Date(req.sinceMs).toISOString(),
          limit,
          ...(req.languages.length === 1 ? { lang: req.languages[0] } : {}),
          ...(cursor ? { cursor } : {}),
        },
        { signal: req.signal },
      );
      for (const view of res.data.posts) {
        const p = bskyPostToPost(view);
        if (p) out.push(p);
      }
      cursor = res.data.cursor;
      if (!cursor || res.data.posts.length < limit) break;
    }
    return out;
  }
}

export { isAbort };
