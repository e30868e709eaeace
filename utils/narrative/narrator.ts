// The narrative engine of the background: gives a DiscourseContext its narrative —
// Claude's, checked and cached, when the user gave a key and has budget left, the
// extractive one otherwise — and keeps the daily token budget and the last cost.
import Anthropic from '@anthropic-ai/sdk';
import { Narrative, type DiscourseContext, type GroundingProblem, type Secrets, type Settings, type SourceError } from '../schema';
import {
  BudgetStatus,
  NarrativeBudgetRecord,
  NarrativeCooldown,
  NarrativeCost,
  NarrativeDraft,
  type NarrativeProgress,
} from '../schema/narrative';
import type { Store } from '../store';
import { MAX_COOLDOWN_MS, cappedStreamingFetch } from '../net';
import { generatedDisclosure } from './disclosure';
import { describeNarrativeError, isAbort } from './errors';
import { extractiveNarrative } from './extractive';
import { checkGrounding } from './grounding';
import { estimateUsd, type TokenUsage } from './pricing';
import { MAX_OUTPUT_TOKENS, SYSTEM_PROMPT, draftJsonSchema, retryPrompt, samplePosts, userPrompt } from './prompt';

export type { NarrativeProgress } from '../schema/narrative';

/** Keys of the narrator's records in the store's `meta` area. */
export const META_KEYS = { budget: 'narrative:budget', lastCost: 'narrative:last-cost', cooldown: 'narrative:cooldown' } as const;

const DAY_MS = 24 * 60 * 60 * 1000;
/** A streamed narrative of MAX_OUTPUT_TOKENS is a few hundred kilobytes of events; past this an answer is refused. */
export const MAX_ANSWER_BYTES = 2_000_000;

export interface NarratorDeps {
  store: Store;
  clock: () => number;
  getSettings: () => Promise<Settings>;
  /** The secrets usable with `settings` (a secret bound to another origin comes back ''): pass the settings the request is built from. */
  getSecrets: (settings: Settings) => Promise<Secrets>;
  /** Builds the SDK client; tests may pass their own. Defaults to {@link defaultClient}. */
  createClient?: (opts: { apiKey: string; baseURL: string }) => Anthropic;
}

export interface AttachOptions {
  signal?: AbortSignal;
  /**
   * Told what stage the narrative is at (writing, checking; which attempt). Never given
   * any of the model's text: nothing is shown before it passed the grounding check.
   */
  onProgress?: (progress: NarrativeProgress) => void;
}

/**
 * The SDK client the extension uses: from the service worker (dangerouslyAllowBrowser
 * only sends the direct-browser-access header), no SDK retries — a 429 would otherwise
 * sleep for its Retry-After inside a popup request; the narrator keeps a cooldown instead.
 */
export function defaultClient({ apiKey, baseURL }: { apiKey: string; baseURL: string }): Anthropic {
  // Every answer streams through the one size cap (utils/net.ts): an endpoint cannot make us hold more.
  const fetch = cappedStreamingFetch((...a) => globalThis.fetch(...a), MAX_ANSWER_BYTES);
  return new Anthropic({ apiKey, baseURL, dangerouslyAllowBrowser: true, maxRetries: 0, timeout: 90_000, fetch });
}

/** Fingerprint of what a narrative is about: the topic, the model, and the snapshot's features, bucketed so noise does not count as news. */
export async function fingerprintSnapshot(snapshot: DiscourseContext['snapshot'], model: string): Promise<string> {
  const material = {
    v: 1,
    topic: snapshot.topicKey,
    beat: snapshot.beat,
    model,
    // 25% steps of volume, 0.2 steps of mood: a narrative survives ordinary drift.
    volume: Math.round(Math.log(snapshot.volume24h + 1) / Math.log(1.25)),
    mood: Math.round(snapshot.mood.score * 5),
    shift: snapshot.mood.shiftLabel,
    voices: snapshot.keyVoices.slice(0, 3).map((v) => v.postId),
  };
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(material)));
  return [...new Uint8Array(digest)].slice(0, 16).map((b) => b.toString(16).padStart(2, '0')).join('');
}

const emptyUsage = (): TokenUsage => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });
const totalTokens = (u: TokenUsage) => u.inputTokens + u.outputTokens + u.cacheReadTokens + u.cacheWriteTokens;
const fmt = (n: number) => n.toLocaleString('en-US');

export class Narrator {
  private readonly createClient: (opts: { apiKey: string; baseURL: string }) => Anthropic;
  /** Budget writes are read-modify-write; one at a time. */
  private budgetWrite: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: NarratorDeps) {
    this.createClient = deps.createClient ?? defaultClient;
  }

  /**
   * Returns the context with its narrative set (and any narrative error in
   * `freshness.errors`). Never throws for an API failure; rethrows only the caller's abort.
   */
  async attach(context: DiscourseContext, opts: AttachOptions = {}): Promise<DiscourseContext> {
    const base: DiscourseContext = {
      ...context,
      freshness: { ...context.freshness, errors: context.freshness.errors.filter((e) => e.source !== 'narrative') },
    };
    const given = context.narrative;
    // Our own extractive fallback is recomputed (a key may have been added since); anything else is checked as it is.
    if (given && !(given.kind === 'extractive' && given.origin !== 'hosted')) return this.checkGiven(base, given);
    if (!base.posts.length) return { ...base, narrative: null };

    const settings = await this.deps.getSettings();
    const secrets = await this.deps.getSecrets(settings);
    const apiKey = secrets.anthropicApiKey.trim();
    if (!apiKey) return { ...base, narrative: extractiveNarrative(base) };

    const model = settings.anthropic.model;
    const fingerprint = await fingerprintSnapshot(base.snapshot, model);
    const cached = await this.fromCache(base, fingerprint, settings);
    if (cached) return { ...base, narrative: cached };

    const now = this.deps.clock();
    const cooldown = await this.deps.store.get('meta', META_KEYS.cooldown, NarrativeCooldown);
    if (cooldown && cooldown.value.until > now) {
      const wait = Math.ceil((cooldown.value.until - now) / 1000);
      return this.fallback(base, [], { source: 'narrative', code: 'rate-limited', message: `Claude asked us to wait (429); trying again in ${wait} s; showing quoted posts instead` });
    }

    const sample = samplePosts(base);
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: userPrompt(base, sample) }];
    const schema = draftJsonSchema();

    const client = this.createClient({ apiKey, baseURL: settings.endpoints.anthropic });
    const usage = emptyUsage();
    const rejected: GroundingProblem[] = [];
    let attempts = 0;
    let servedModel = model;
    let error: SourceError | undefined;
    let narrative: Narrative | undefined;
    try {
      for (let attempt = 1; attempt <= 2 && !narrative; attempt++) {
        // The most a request can cost is written down before it is sent, and settled with
        // the real usage after: a worker stopped mid-stream leaves an over-count, never an under-count.
        const needed = estimateTokens(messages, schema);
        const reservation = await this.reserve(settings, needed);
        if (!reservation.ok) {
          error = budgetError(reservation.status, needed);
          break;
        }
        attempts = attempt;
        let answer: Awaited<ReturnType<Narrator['request']>>;
        try {
          answer = await this.request(client, { model, messages, schema }, attempt, opts);
        } catch (err) {
          // An HTTP error answer generated nothing: give the reservation back. A stream cut
          // off (abort, error event) may have been billed: keep it.
          if (err instanceof Anthropic.APIError && typeof err.status === 'number') await this.settle(reservation.day, needed, 0);
          throw err;
        }
        servedModel = answer.model || model;
        addUsage(usage, answer.usage);
        await this.settle(reservation.day, needed, totalTokens(answer.usage));
        progress(opts, { attempt, phase: 'checking' });
        const checked = this.toNarrative(answer.text, answer.stopReason, base, sample.length, servedModel, fingerprint);
        if (!checked.problems.length) narrative = checked.narrative;
        else {
          rejected.push(...checked.problems.map((p) => ({ ...p, detail: `attempt ${attempt}: ${p.detail}`.slice(0, 500) })));
          messages.push({ role: 'assistant', content: answer.text || '{}' }, { role: 'user', content: retryPrompt(checked.problems) });
        }
      }
    } catch (err) {
      if (isAbort(err) || opts.signal?.aborted) throw err;
      const failure = describeNarrativeError(err, model, apiKey);
      if (failure.retryAfterMs !== undefined) {
        const until = this.deps.clock() + Math.min(failure.retryAfterMs, MAX_COOLDOWN_MS);
        await this.deps.store.put('meta', META_KEYS.cooldown, { until, reason: 'rate-limited' } satisfies NarrativeCooldown, Math.max(1, until - this.deps.clock()));
      }
      error = failure.error;
    }

    if (attempts > 0) await this.recordCost(usage, servedModel, attempts);
    const ttl = settings.anthropic.maxNarrativeAgeMinutes * 60_000;
    if (narrative) {
      await this.deps.store.put('narratives', cacheKey(base), narrative, ttl);
      return { ...base, narrative };
    }
    if (rejected.length && !error) {
      // Both answers failed: remember that for this snapshot, so it is not paid for again until it moves or ages.
      const marker: Narrative = { ...extractiveNarrative(base), fingerprint, rejected: rejected.slice(0, 50), generatedAt: new Date(this.deps.clock()).toISOString() };
      await this.deps.store.put('narratives', cacheKey(base), marker, ttl);
    }
    const checks = [...new Set(rejected.map((p) => p.check))];
    return this.fallback(
      base,
      rejected,
      error ?? { source: 'narrative', code: 'ungrounded', message: `Claude's narrative failed the grounding check twice (${checks.join(', ')}); showing quoted posts instead` },
    );
  }

  /** What the last generated narrative cost, for the options page; null before the first. */
  async getLastCost(): Promise<NarrativeCost | null> {
    return (await this.deps.store.get('meta', META_KEYS.lastCost, NarrativeCost))?.value ?? null;
  }

  /** Today's (UTC) token use against the daily budget. */
  async getBudgetStatus(settings?: Settings): Promise<BudgetStatus> {
    const limit = (settings ?? (await this.deps.getSettings())).anthropic.dailyTokenBudget;
    const day = utcDay(this.deps.clock());
    const rec = await this.deps.store.get('meta', META_KEYS.budget, NarrativeBudgetRecord);
    const used = rec && rec.value.day === day ? rec.value.tokens : 0;
    return { day, used, limit, remaining: Math.max(0, limit - used), spent: used >= limit };
  }

  // ── internals ──────────────────────────────────────────────────────────────

  /** A narrative that came with the context (hosted API, cache): shown only if it passes the same check. */
  private checkGiven(context: DiscourseContext, given: Narrative): DiscourseContext {
    const origin = given.origin ?? (context.freshness.upstream === 'hosted' ? 'hosted' : 'local');
    const problems = checkGrounding(given, context.posts, context.snapshot);
    if (!problems.length) return { ...context, narrative: { ...given, origin } };
    const checks = [...new Set(problems.map((p) => p.check))];
    const from = origin === 'hosted' ? 'The hosted narrative' : 'The cached narrative';
    return this.fallback(context, problems, { source: 'narrative', code: 'ungrounded', message: `${from} failed the grounding check (${checks.join(', ')}); showing quoted posts instead` });
  }

  private fallback(context: DiscourseContext, rejected: GroundingProblem[], error: SourceError): DiscourseContext {
    const narrative = context.posts.length ? extractiveNarrative(context) : null;
    if (narrative && rejected.length) narrative.rejected = rejected.slice(0, 50);
    return { ...context, narrative, freshness: { ...context.freshness, errors: [...context.freshness.errors, error].slice(-20) } };
  }

  /** A cached narrative for this snapshot, if it has not aged out and still passes the check against the current posts and figures. */
  private async fromCache(context: DiscourseContext, fingerprint: string, settings: Settings): Promise<Narrative | null> {
    const hit = await this.deps.store.get('narratives', cacheKey(context), Narrative);
    if (!hit) return null;
    const n = hit.value;
    const age = this.deps.clock() - Date.parse(n.generatedAt);
    if (n.fingerprint !== fingerprint || age >= settings.anthropic.maxNarrativeAgeMinutes * 60_000) return null;
    if (n.kind === 'extractive' && n.rejected?.length) {
      // Claude failed on this very snapshot already: quote posts again, keep the record of why.
      return { ...extractiveNarrative(context), rejected: n.rejected };
    }
    return checkGrounding(n, context.posts, context.snapshot).length ? null : n;
  }

  /** One streamed request, buffered: its text is returned whole, for the check, and shown to no one before. */
  private async request(
    client: Anthropic,
    req: { model: string; messages: Anthropic.MessageParam[]; schema: Record<string, unknown> },
    attempt: number,
    opts: AttachOptions,
  ): Promise<{ text: string; usage: TokenUsage; model: string; stopReason: string | null }> {
    const stream = client.messages.stream(
      {
        model: req.model,
        max_tokens: MAX_OUTPUT_TOKENS,
        system: [{ type: 'text', text: SYSTEM_PROMPT, cache_control: { type: 'ephemeral' } }],
        messages: req.messages,
        output_config: { format: { type: 'json_schema', schema: req.schema } },
      },
      opts.signal ? { signal: opts.signal } : {},
    );
    // The answer is buffered whole: only the phase is reported while it streams.
    progress(opts, { attempt, phase: 'writing' });
    const message = await stream.finalMessage();
    // On an abort mid-stream the SDK resolves with what it had so far; that is not an answer.
    if (opts.signal?.aborted) throw new Anthropic.APIUserAbortError();
    const text = message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    const u = message.usage;
    return {
      text,
      model: message.model,
      stopReason: message.stop_reason,
      usage: {
        inputTokens: u.input_tokens ?? 0,
        outputTokens: u.output_tokens ?? 0,
        cacheReadTokens: u.cache_read_input_tokens ?? 0,
        cacheWriteTokens: u.cache_creation_input_tokens ?? 0,
      },
    };
  }

  /** Parses an answer into a Narrative and checks it; a parse failure is a 'schema' problem the retry can fix. */
  private toNarrative(
    text: string,
    stopReason: string | null,
    context: DiscourseContext,
    postCount: number,
    model: string,
    fingerprint: string,
  ): { narrative?: Narrative; problems: GroundingProblem[] } {
    const schemaProblem = (detail: string) => ({ problems: [{ check: 'schema' as const, paragraph: -1, detail: detail.slice(0, 500) }] });
    if (stopReason === 'refusal') return schemaProblem('the model declined to answer');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return schemaProblem(stopReason === 'max_tokens' ? 'the answer was cut off at the token limit; write it shorter' : 'the answer is not valid JSON');
    }
    const draft = NarrativeDraft.safeParse(json);
    if (!draft.success) {
      const issues = draft.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      return schemaProblem(`the answer does not match the schema: ${issues.join('; ')}`);
    }
    const generatedAt = new Date(this.deps.clock()).toISOString();
    const narrative: Narrative = {
      beat: context.snapshot.beat,
      headline: draft.data.headline,
      dek: draft.data.dek,
      paragraphs: draft.data.paragraphs,
      model,
      kind: 'generated',
      generatedAt,
      postCount,
      disclosure: generatedDisclosure(model, generatedAt, postCount),
      fingerprint,
      origin: 'local',
    };
    return { narrative, problems: checkGrounding(narrative, context.posts, context.snapshot) };
  }

  /** Serialises the budget record's read-modify-writes (one worker; the store has no transactions across calls). */
  private budgetUpdate<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.budgetWrite.then(fn);
    this.budgetWrite = run.catch(() => {});
    return run;
  }

  /**
   * Writes `tokens` down as spent today, if they fit in the budget, and counts the
   * request: the reservation made before a request is sent.
   */
  private reserve(settings: Settings, tokens: number): Promise<{ ok: true; day: string } | { ok: false; status: BudgetStatus }> {
    return this.budgetUpdate(async () => {
      const status = await this.getBudgetStatus(settings);
      if (status.used + tokens > status.limit) return { ok: false as const, status };
      await this.writeBudget(status.day, tokens, 1);
      return { ok: true as const, day: status.day };
    });
  }

  /** Replaces a reservation with what the request really used (on the day it was made). */
  private settle(day: string, reserved: number, used: number): Promise<void> {
    return this.budgetUpdate(async () => {
      if (utcDay(this.deps.clock()) !== day) {
        // Past midnight: the reservation belongs to yesterday; today pays nothing for it.
        return;
      }
      await this.writeBudget(day, used - reserved, 0);
    });
  }

  private async writeBudget(day: string, tokens: number, requests: number): Promise<void> {
    const rec = await this.deps.store.get('meta', META_KEYS.budget, NarrativeBudgetRecord);
    const prev = rec && rec.value.day === day ? rec.value : { day, tokens: 0, requests: 0 };
    const next: NarrativeBudgetRecord = { day, tokens: Math.max(0, prev.tokens + tokens), requests: prev.requests + requests };
    await this.deps.store.put('meta', META_KEYS.budget, next, 2 * DAY_MS);
  }

  private async recordCost(usage: TokenUsage, model: string, attempts: number): Promise<void> {
    const cost: NarrativeCost = { ...usage, usd: estimateUsd(model, usage), model, attempts, at: new Date(this.deps.clock()).toISOString() };
    await this.deps.store.put('meta', META_KEYS.lastCost, cost, 365 * DAY_MS);
  }
}

/** The narratives-store key of a topic (one narrative per topic; the fingerprint says which snapshot). */
export function cacheKey(context: DiscourseContext): string {
  return `narrative|${context.snapshot.topicKey}`;
}

/** Reports progress; a failing listener must not fail the narrative. */
function progress(opts: AttachOptions, p: NarrativeProgress): void {
  try {
    opts.onProgress?.(p);
  } catch {
    // ignored: progress is cosmetic
  }
}

function addUsage(into: TokenUsage, u: TokenUsage): void {
  into.inputTokens += u.inputTokens;
  into.outputTokens += u.outputTokens;
  into.cacheReadTokens += u.cacheReadTokens;
  into.cacheWriteTokens += u.cacheWriteTokens;
}

/** A generous estimate of a request's tokens (about 3.5 characters a token, plus all the output it may write). */
function estimateTokens(messages: Anthropic.MessageParam[], schema: Record<string, unknown>): number {
  const chars = SYSTEM_PROMPT.length + JSON.stringify(messages).length + JSON.stringify(schema).length;
  return Math.ceil(chars / 3.5) + MAX_OUTPUT_TOKENS;
}

function budgetError(status: BudgetStatus, needed: number): SourceError {
  const detail =
    status.used >= status.limit
      ? `${fmt(status.used)} of ${fmt(status.limit)} tokens used today`
      : `${fmt(status.used)} of ${fmt(status.limit)} tokens used today, a narrative needs about ${fmt(needed)}`;
  return { source: 'narrative', code: 'budget', message: `Daily narrative budget spent (${detail}); showing quoted posts instead` };
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

