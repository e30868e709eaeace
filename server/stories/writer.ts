// The story writer: for one beat, reads the evidence, computes the importance from the
// data, and asks Claude (key in the server's environment only) for the story through a
// forced tool. The draft must pass the extension's grounding check (quotes verbatim,
// figures from the snapshot, citations that resolve, sentence support) and name real
// voices before it is stored; one retry with the failures named; else the extractive
// story, marked `rejected`. No key, the daily budget spent, or an API failure → the
// extractive story, saying so. An unchanged evidence fingerprint → nothing is rewritten.
import Anthropic from '@anthropic-ai/sdk';
import { beatById, type BeatId, type GroundingProblem, type KeyVoice, type Narrative, type Story } from '../../utils/schema';
import { engagementOf, quoteOf } from '../../utils/discourse/aggregate';
import { generatedDisclosure } from '../../utils/narrative/disclosure';
import { describeNarrativeError } from '../../utils/narrative/errors';
import { extractiveNarrative } from '../../utils/narrative/extractive';
import { checkGrounding } from '../../utils/narrative/grounding';
import { findLinks } from '../../utils/narrative/support';
import { estimateUsd, type TokenUsage } from '../../utils/narrative/pricing';
import type { ServerInfo } from '../api/context';
import type { Db } from '../db';
import type { Metrics } from '../metrics';
import { fingerprintOf, selectEvidence, type Evidence } from './evidence';
import { adjustImportance, importanceOf, type Importance } from './importance';
import { STORY_MAX_OUTPUT_TOKENS, STORY_SYSTEM_PROMPT, STORY_TOOL, StoryDraft, evidenceBlock, firstMessages, retryMessages, storyTool } from './prompt';
import { StoryStore, type Fallback } from './store';

export interface ClaudeConfig {
  /** ANTHROPIC_API_KEY; without it every story is extractive. */
  apiKey?: string;
  /** ANTHROPIC_BASE_URL (tests point it at a fake Messages API on 127.0.0.1). */
  baseURL: string;
  model: string;
  /** Tokens a UTC day may spend on stories (input, output and cache tokens together). */
  dailyTokenBudget: number;
}

export interface WriterOptions {
  db: Db;
  metrics: Metrics;
  clock: () => number;
  server: ServerInfo;
  /** Where story pages live: a story's url is `<publicUrl>/stories/<id>`. */
  publicUrl: () => string;
  claude: ClaudeConfig;
  log?: (line: string) => void;
  /** Builds the SDK client; defaults to the real one. */
  createClient?: (c: ClaudeConfig & { apiKey: string }) => Anthropic;
}

export type Trigger = 'schedule' | 'spike' | 'start';

export type WriteResult =
  | { outcome: 'written'; story: Story; fallback: Fallback | null; usage: TokenUsage; usd: number | null }
  | { outcome: 'unchanged'; storyId: string }
  | { outcome: 'empty' }
  /** Claude failed and the beat already has a story Claude wrote: it stays up; tried again next round. */
  | { outcome: 'failed'; reason: string };

const emptyUsage = (): TokenUsage => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });
const total = (u: TokenUsage) => u.inputTokens + u.outputTokens + u.cacheReadTokens + u.cacheWriteTokens;
const clamp = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Why an extractive story is extractive, said first in its disclosure (no-key needs no excuse). */
const FALLBACK_NOTE: Record<Fallback, string> = {
  'no-key': '',
  budget: "The server's daily Claude budget is spent, so this story was assembled by code from the posts, not written by AI. ",
  rejected: "Claude's draft failed the grounding check twice, so this story was assembled by code from the posts instead. ",
  error: 'Claude could not be reached, so this story was assembled by code from the posts instead. ',
};

/** Between a failed request and the next one at least (a 429's Retry-After may ask for longer). */
export const COOLDOWN_MS = 5 * 60_000;

/** Thrown (and caught) while a cooldown runs: no request is sent. */
class CoolingDown extends Error {
  constructor(readonly remainingMs: number) {
    super(`waiting ${Math.ceil(remainingMs / 1000)} s after a failed request`);
  }
}

export function defaultStoryClient(c: ClaudeConfig & { apiKey: string }): Anthropic {
  return new Anthropic({ apiKey: c.apiKey, baseURL: c.baseURL, maxRetries: 1, timeout: 120_000 });
}

/** A story id: the beat, the minute it was published, and a few characters of its fingerprint. */
export function storyId(beat: BeatId, at: number, fingerprint: string): string {
  const stamp = new Date(at).toISOString().replace(/[-:]/g, '').slice(0, 13).toLowerCase();
  return `${beat}-${stamp}-${fingerprint.slice(0, 6)}`;
}

export class StoryWriter {
  private queue: Promise<unknown> = Promise.resolve();
  /** The story table (the scheduler applies its retention). */
  readonly stories: StoryStore;
  private client: Anthropic | undefined;
  /** After a failed request, no other is sent before this (epoch ms): a 429's Retry-After, else one check interval. */
  private cooldownUntil = 0;

  constructor(private readonly o: WriterOptions) {
    this.stories = new StoryStore(o.db);
    o.metrics.storyBudget.set(o.claude.dailyTokenBudget);
  }

  /** Writes one beat's story (one write at a time across beats). */
  write(beat: BeatId, trigger: Trigger): Promise<WriteResult> {
    const run = this.queue.then(() => this.writeNow(beat, trigger));
    this.queue = run.catch(() => {});
    return run;
  }

  private async writeNow(beat: BeatId, trigger: Trigger): Promise<WriteResult> {
    const now = this.o.clock();
    const e = await selectEvidence(this.o.db, this.stories, beat, now, this.o.server);
    if (!e.context.posts.length) {
      this.o.metrics.storiesSkipped.inc({ reason: 'empty' });
      return { outcome: 'empty' };
    }
    const key = this.o.claude.apiKey?.trim();
    const fingerprint = fingerprintOf(e, key ? this.o.claude.model : 'extractive');
    const latest = await this.stories.latestMeta(beat);
    if (latest?.fingerprint === fingerprint) {
      // Same evidence: not paid for twice — unless the last one stood in for a budget or an outage that may have passed.
      const retry =
        key && (latest.fallback === 'budget' || latest.fallback === 'error') && now >= this.cooldownUntil && (await this.stories.usage(now)).tokens < this.o.claude.dailyTokenBudget;
      if (!retry) {
        this.o.metrics.storiesSkipped.inc({ reason: 'unchanged' });
        return { outcome: 'unchanged', storyId: latest.id };
      }
    }
    const importance = importanceOf({
      volume24h: e.context.snapshot.volume24h,
      baselineDaily: e.baselineDaily,
      moodShift: e.context.snapshot.mood.shift,
      sources: e.distinctSources,
      voices: e.distinctVoices,
    });

    let result: { narrative: Narrative; keyVoices?: KeyVoice[]; category?: Story['category']; importance: Importance; fallback: Fallback | null; usage: TokenUsage; model?: string; failure?: string };
    if (!key) result = { ...this.extractive(e, 'no-key', []), importance, usage: emptyUsage() };
    else result = await this.generate(e, key, importance);
    if (result.fallback === 'error' && latest?.kind === 'generated') {
      // An outage does not replace a story Claude wrote with one assembled by code.
      this.o.metrics.storiesSkipped.inc({ reason: 'failed' });
      return { outcome: 'failed', reason: result.failure ?? 'Claude could not be reached' };
    }
    if (latest && latest.fingerprint === fingerprint && result.fallback !== null && result.fallback === latest.fallback) {
      // The retry of a stand-in met the same wall: the stand-in already says so.
      this.o.metrics.storiesSkipped.inc({ reason: 'unchanged' });
      return { outcome: 'unchanged', storyId: latest.id };
    }

    const published = this.o.clock();
    const id = storyId(beat, published, fingerprint);
    const narrative: Narrative = { ...result.narrative, fingerprint, origin: 'hosted' };
    const story: Story = {
      id,
      beat,
      category: result.category ?? beatById(beat)!.category,
      url: `${this.o.publicUrl().replace(/\/+$/, '')}/stories/${id}`,
      publishedAt: new Date(published).toISOString(),
      narrative,
      snapshot: { ...e.context.snapshot, keyVoices: result.keyVoices ?? e.context.snapshot.keyVoices },
      posts: e.context.posts,
      importance: result.importance.importance,
      importanceReason: clamp(result.importance.reason, 300),
    };
    const usd = total(result.usage) ? estimateUsd(result.model ?? this.o.claude.model, result.usage) : null;
    await this.stories.save(story, { fingerprint, fallback: result.fallback, tokens: total(result.usage), usd });
    this.o.metrics.stories.inc({ kind: narrative.kind, fallback: result.fallback ?? 'none' });
    if (total(result.usage)) {
      this.o.metrics.storyTokensPerStory.observe(total(result.usage));
      if (usd !== null) this.o.metrics.storyCost.observe(usd);
    }
    this.o.log?.(
      `stories: ${beat} (${trigger}) → ${narrative.kind}${result.fallback ? ` (${result.fallback})` : ''}, importance ${story.importance}` +
        (total(result.usage) ? `, ${total(result.usage).toLocaleString('en-US')} tokens${usd !== null ? `, $${usd.toFixed(4)}` : ''}` : ''),
    );
    return { outcome: 'written', story, fallback: result.fallback, usage: result.usage, usd };
  }

  /** The extractive story, its disclosure saying why it stands in. */
  private extractive(e: Evidence, fallback: Fallback, rejected: GroundingProblem[]): { narrative: Narrative; fallback: Fallback } {
    const n = extractiveNarrative(e.context);
    const narrative: Narrative = {
      ...n,
      generatedAt: new Date(this.o.clock()).toISOString(),
      disclosure: clamp(`${FALLBACK_NOTE[fallback]}${n.disclosure}`, 400),
      ...(rejected.length ? { rejected: rejected.slice(0, 50) } : {}),
    };
    return { narrative, fallback };
  }

  private async generate(e: Evidence, apiKey: string, importance: Importance) {
    const usage = emptyUsage();
    const { text: evidence, sample } = evidenceBlock(e, importance);
    const first = firstMessages(e, evidence);
    let messages = first;
    const tool = storyTool();
    const system: Anthropic.TextBlockParam[] = [{ type: 'text', text: STORY_SYSTEM_PROMPT, cache_control: { type: 'ephemeral' } }];
    const rejected: GroundingProblem[] = [];
    let model = this.o.claude.model;
    this.client ??= (this.o.createClient ?? defaultStoryClient)({ ...this.o.claude, apiKey });
    const done = (r: { narrative: Narrative; fallback: Fallback | null; keyVoices?: KeyVoice[]; category?: Story['category']; importance: Importance }) => ({ ...r, usage, model });
    try {
      if (this.o.clock() < this.cooldownUntil) throw new CoolingDown(this.cooldownUntil - this.o.clock());
      for (let attempt = 1; attempt <= 2; attempt++) {
        const needed = Math.ceil((STORY_SYSTEM_PROMPT.length + JSON.stringify(messages).length + JSON.stringify(tool).length) / 3.5) + STORY_MAX_OUTPUT_TOKENS;
        const day = await this.stories.reserve(this.o.clock(), needed, this.o.claude.dailyTokenBudget);
        if (!day) return done({ ...this.extractive(e, 'budget', rejected), importance });
        let answer: Anthropic.Message;
        try {
          answer = await this.client.messages.create({
            model: this.o.claude.model,
            max_tokens: STORY_MAX_OUTPUT_TOKENS,
            system,
            tools: [tool],
            tool_choice: { type: 'tool', name: STORY_TOOL },
            messages,
          });
        } catch (err) {
          // Nothing was generated: the reservation goes back.
          await this.stories.settle(day, needed, emptyUsage(), null);
          throw err;
        }
        model = answer.model || model;
        const u: TokenUsage = {
          inputTokens: answer.usage.input_tokens ?? 0,
          outputTokens: answer.usage.output_tokens ?? 0,
          cacheReadTokens: answer.usage.cache_read_input_tokens ?? 0,
          cacheWriteTokens: answer.usage.cache_creation_input_tokens ?? 0,
        };
        usage.inputTokens += u.inputTokens;
        usage.outputTokens += u.outputTokens;
        usage.cacheReadTokens += u.cacheReadTokens;
        usage.cacheWriteTokens += u.cacheWriteTokens;
        const usd = estimateUsd(model, u);
        await this.stories.settle(day, needed, u, usd);
        this.recordUsage(u, usd);
        const toolUse = answer.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use' && b.name === STORY_TOOL);
        const checked = this.check(e, toolUse?.input, answer.stop_reason, model, sample.length, importance);
        if (!checked.problems.length && checked.story) return done({ ...checked.story, fallback: null });
        rejected.push(...checked.problems.map((p) => ({ ...p, detail: clamp(`attempt ${attempt}: ${p.detail}`, 500) })));
        if (attempt === 1) messages = retryMessages(first, { id: toolUse?.id ?? 'toolu_missing', input: toolUse?.input ?? {} }, checked.problems);
      }
      return done({ ...this.extractive(e, 'rejected', rejected), importance });
    } catch (err) {
      let message: string;
      if (err instanceof CoolingDown) message = `Claude is not asked again yet (${err.message})`;
      else {
        const failure = describeNarrativeError(err, this.o.claude.model, apiKey);
        this.cooldownUntil = this.o.clock() + Math.max(failure.retryAfterMs ?? 0, COOLDOWN_MS);
        message = failure.error.message;
      }
      this.o.log?.(`stories: ${e.beat}: ${message}`);
      return { ...done({ ...this.extractive(e, 'error', rejected), importance }), failure: message };
    } finally {
      const today = await this.stories.usage(this.o.clock()).catch(() => null);
      if (today) {
        this.o.metrics.storyTokensToday.set(today.tokens);
        this.o.metrics.storyUsdToday.set(today.usd);
      }
    }
  }

  private recordUsage(u: TokenUsage, usd: number | null): void {
    const m = this.o.metrics.storyTokens;
    m.inc({ type: 'input' }, u.inputTokens);
    m.inc({ type: 'output' }, u.outputTokens);
    m.inc({ type: 'cache_read' }, u.cacheReadTokens);
    m.inc({ type: 'cache_write' }, u.cacheWriteTokens);
    if (usd !== null) this.o.metrics.storyUsd.inc(usd);
  }

  /** Parses a draft and checks it: the grounding check, and key voices that are real authors of evidence posts. */
  private check(e: Evidence, input: unknown, stopReason: string | null, model: string, postCount: number, importance: Importance) {
    const schema = (detail: string) => ({ problems: [{ check: 'schema' as const, paragraph: -1, detail: clamp(detail, 500) }], story: undefined });
    if (input === undefined) return schema(stopReason === 'max_tokens' ? 'the answer was cut off at the token limit; write it shorter' : `the answer did not call ${STORY_TOOL}`);
    const draft = StoryDraft.safeParse(input);
    if (!draft.success) {
      const issues = draft.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      return schema(`the answer does not match the schema: ${issues.join('; ')}`);
    }
    const d = draft.data;
    const generatedAt = new Date(this.o.clock()).toISOString();
    const narrative: Narrative = {
      beat: e.beat,
      headline: d.headline,
      dek: d.dek,
      paragraphs: d.paragraphs,
      model,
      kind: 'generated',
      generatedAt,
      postCount,
      disclosure: generatedDisclosure(model, generatedAt, postCount),
      origin: 'hosted',
    };
    const problems = checkGrounding(narrative, e.context.posts, e.context.snapshot);
    const byId = new Map(e.context.posts.map((p) => [p.id, p]));
    const keyVoices: KeyVoice[] = [];
    const bare = (h: string) => h.trim().replace(/^@/, '').toLowerCase();
    for (const v of d.keyVoices) {
      const post = byId.get(v.postId);
      if (!post) {
        problems.push({ check: 'citation-unknown', paragraph: -1, detail: clamp(`key voice "${v.postId}" is not one of the posts given`, 500) });
        continue;
      }
      if (bare(v.handle) !== bare(post.author.handle ?? '')) {
        problems.push({ check: 'citation-unknown', paragraph: -1, detail: clamp(`key voice "${v.postId}" is by ${post.author.handle ? `@${bare(post.author.handle)}` : 'an author without a handle'}, not "${v.handle}"`, 500) });
        continue;
      }
      if (keyVoices.some((k) => k.postId === post.id)) continue;
      keyVoices.push({
        postId: post.id,
        author: post.author.name,
        ...(post.author.handle ? { handle: post.author.handle } : {}),
        platform: post.source,
        quote: quoteOf(post.text || post.title || post.author.name),
        url: post.url,
        engagement: engagementOf(post),
      });
    }
    // The reason is shown beside the importance: one without a link or quotation mark, or the adjustment does not count.
    const reasonOk = !findLinks(d.importanceReason).length && !/["“”«»]/.test(d.importanceReason);
    const adjusted = reasonOk ? adjustImportance(importance, d.importanceAdjustment, d.importanceReason) : importance;
    return { problems, story: { narrative, keyVoices, category: d.category, importance: adjusted } };
  }
}
