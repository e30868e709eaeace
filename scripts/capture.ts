// `npm run capture`: writes tests/fixtures/capture/replay.jsonl.gz, the recorded stream
// that `npm run server -- --replay FILE`, `npm run demo` and the server tests replay.
// Fictional people and posts (no real accounts), in the real wire formats: Jetstream
// events (plus the AppView's getProfiles/getPosts answers for the posts that matter),
// HN Algolia hits, GDELT artlists, Mastodon tag timelines, X recent search and YouTube
// commentThreads answers — across all 15 beats over five days. Deterministic (seeded),
// and every AI post is checked against the extension's own detector before it is kept.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { detect } from '../utils/detect';
import { bundledDetectorData } from '../utils/detect/data';
import { dedupeKeys } from '../server/ingest/classify';
import { BEATS, type BeatIdLiteral } from '../utils/schema/beats';

export const CAPTURE_FILE = resolve(import.meta.dirname, '../tests/fixtures/capture/replay.jsonl.gz');
/** The capture's last moment; replay moves it to "now" unless told to keep times. */
export const CAPTURE_END = Date.UTC(2026, 10, 20, 12, 0, 0);
const DAYS = 5;
const HOUR = 3_600_000;

// mulberry32: a small seeded generator, so the capture is the same on every run.
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20261120);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

/** Per beat: what people say, with {e} for an entity of the beat. */
const LINES: Record<BeatIdLiteral, string[]> = {
  'open-source-ai': [
    '{e} just put the open weights on Hugging Face under Apache 2.0',
    'the open model from {e} is the first open source release I would run in production',
    'open weights are not open source: {e} still withholds the training data',
    'downloaded the {e} open weights checkpoint and quantised it for a laptop',
    '{e} open sourced the whole training stack, licence and all',
  ],
  'industry-business': [
    '{e} raises another round at a valuation nobody can justify yet',
    'investors keep pouring funding into {e} while revenue lags far behind',
    '{e} revenue numbers for the quarter beat what investors expected',
    'the acquisition talk around {e} says a lot about where the AI market is heading',
    '{e} is valued higher than most of the companies that supply it',
  ],
  'hardware-compute': [
    '{e} GPU supply is still the bottleneck for every AI data center build',
    'the new {e} chip doubles inference throughput per watt',
    '{e} is building another data center the size of a small town for AI compute',
    'semiconductor export rules hit {e} harder than anyone expected',
    'benchmarked the {e} accelerator against our GPU cluster for training',
  ],
  'research-models': [
    'the {e} paper on arxiv beats every benchmark we track with fewer parameters',
    '{e} reports a new architecture and the benchmark gains look real',
    'researchers reproduced the {e} results and the benchmarks hold up',
    'the {e} technical report is thin on training details but the benchmarks are strong',
    'reading the {e} paper: clever architecture, modest benchmark gains',
  ],
  'agents-automation': [
    'gave the {e} agent a real workflow and it automated most of the boring steps',
    'agentic coding with {e} is impressive until the agent deletes the wrong folder',
    '{e} agents now book travel and file expenses autonomously',
    'the {e} agent framework finally handles long multi step tasks',
    'we tried to automate support tickets with an {e} agent and it mostly worked',
  ],
  'security-privacy': [
    'a prompt injection in {e} leaks private data from connected tools',
    'researchers found a jailbreak that gets {e} to write working malware',
    'the {e} vulnerability lets an attacker exfiltrate chat history',
    'phishing campaigns now use {e} to write flawless lures',
    '{e} patched the prompt injection exploit within a day',
  ],
  'safety-alignment': [
    '{e} published its alignment research and the safety evals look thorough',
    'the AI safety case from {e} leaves out the scariest failure modes',
    'misaligned behaviour in {e} evals should worry everyone working on alignment',
    '{e} is hiring for AI safety while shipping faster than ever',
    'existential risk talk distracts from the alignment problems {e} has today',
  ],
  consciousness: [
    'no, {e} is not conscious, and the sentience claims are marketing',
    'a researcher says {e} shows signs of consciousness and the thread is wild',
    'people keep asking whether {e} has feelings and emotions; it predicts text',
    'the sentience debate around {e} says more about us than about the AI',
    '{e} model welfare work treats possible consciousness as an open question',
  ],
  'bias-fairness': [
    'an audit found racial bias in how {e} screens job applicants',
    '{e} still shows gender bias in image generation, the fairness report admits',
    'the fairness benchmark for {e} hides discrimination against older speakers',
    'biased training data makes {e} discriminate in loan decisions',
    '{e} published a bias audit and the fairness numbers improved',
  ],
  'policy-regulation': [
    'the EU AI Act obligations land on {e} next year and regulators are ready',
    '{e} lobbied hard against the new AI regulation and lost',
    'regulators opened an inquiry into how {e} trains its models',
    'the new AI law forces {e} to disclose training data sources',
    '{e} says the regulation is workable; critics call it toothless',
  ],
  healthcare: [
    'doctors using {e} for clinical notes report fewer errors for patients',
    'the {e} diagnosis model missed cancers that radiologists caught',
    'hospitals pilot {e} to triage patients and clinicians are wary',
    '{e} passed the medical licensing exam but clinical use is another matter',
    'nurses say {e} saves an hour a shift on patient paperwork',
  ],
  'social-media': [
    'deepfakes made with {e} went viral before anyone flagged them',
    'AI slop from {e} is flooding every social media feed',
    'misinformation built with {e} spread faster than the fact checks',
    'the platform will label posts made with {e} as AI generated',
    'a deepfake video from {e} fooled millions on social media',
  ],
  'labor-economy': [
    '{e} says AI will replace jobs in customer support first',
    'workers at the call centre were laid off after {e} took over',
    'layoffs blamed on {e} look more like cost cutting with an AI excuse',
    'economists say {e} raises productivity without cutting employment yet',
    'the {e} study on jobs finds workers gain most in junior roles',
  ],
  education: [
    'teachers say students hand in essays written with {e}',
    'our school gave every student {e} and the classroom changed overnight',
    'universities ban {e} in exams while students use it to study',
    'a teacher built lesson plans with {e} and students loved them',
    '{e} tutoring helped students who were falling behind in maths',
  ],
  'creative-work': [
    'artists are suing {e} over training on their artwork',
    'musicians say the {e} music generator copies their style',
    'illustrators lost commissions to {e} art this year',
    'the {e} film tools are impressive and artists are furious',
    'a novelist used {e} as an editor and the writing got flatter',
  ],
};

const OPINIONS = {
  positive: ['Genuinely impressive.', 'This is great news.', 'Love to see it.', 'Honestly excited about this.', 'A big win for everyone.', 'Really good work.'],
  negative: ['This is bad.', 'Terrible idea.', 'Deeply worrying.', 'I hate where this is going.', 'What a mess.', 'Awful for everyone involved.'],
  neutral: ['Details in the thread.', 'Worth reading in full.', 'Still digesting it.', 'More on this later today.', 'Notes below.', 'Via the announcement.'],
};
const DETAILS = [
  'after {n} hours of testing', 'on day {n} of the rollout', 'in a {n} page report', 'with {n} people in the room', 'per a survey of {n} teams',
  'across {n} countries', 'at a meetup of {n} engineers', 'after {n} support tickets', 'in a thread of {n} replies', 'from {n} sources',
];

const FIRST = ['Ada', 'Bram', 'Chiara', 'Dmitri', 'Efua', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Lior', 'Mara', 'Nikhil', 'Odile', 'Pavel', 'Quinn', 'Rosa', 'Sven', 'Tamar', 'Uma', 'Viktor', 'Wren', 'Xiadani', 'Yusuf', 'Zofia'];
const LAST = ['Achterberg', 'Brennan', 'Castellanos', 'Dunmore', 'Eriksen', 'Fairweather', 'Galloway', 'Halvorsen', 'Iwasaki', 'Jovanovic', 'Kowalczyk', 'Lindqvist', 'Moreau', 'Nakagawa', 'Okafor', 'Pellegrini', 'Quintero', 'Rasmussen', 'Szabo', 'Thorne'];
const OUTLETS = ['thecircuitledger.example', 'dailymodel.example', 'frontierwire.example', 'policydesk.example', 'labnotes.example', 'computeweekly.example'];
const INSTANCES = ['mastodon.example', 'fosstodon.example', 'sigmoid.example'];

type Source = 'bluesky' | 'hackernews' | 'news' | 'mastodon' | 'x' | 'youtube';
const SOURCE_MIX: [Source, number][] = [['bluesky', 0.38], ['hackernews', 0.15], ['news', 0.12], ['mastodon', 0.12], ['x', 0.14], ['youtube', 0.09]];
function pickSource(): Source {
  let r = rand();
  for (const [s, w] of SOURCE_MIX) if ((r -= w) < 0) return s;
  return 'bluesky';
}

interface Person {
  name: string;
  handle: string;
  followers: number;
}
const people: Person[] = [];
for (const f of FIRST) for (const l of LAST) if (rand() < 0.35) people.push({ name: `${f} ${l}`, handle: `${f}${l}`.toLowerCase(), followers: Math.floor(Math.exp(rand() * 11)) });

const b32 = (s: string, n: number) => createHash('sha256').update(s).digest('hex').replace(/[^a-z2-7]/g, '').padEnd(n, 'a').slice(0, n);
const didOf = (p: Person) => `did:plc:${b32(p.handle, 24)}`;
const gdeltDate = (t: number) => new Date(t).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

interface Gen {
  source: Source;
  beat: BeatIdLiteral;
  text: string;
  title?: string;
  t: number;
  person: Person;
  likes: number;
  reposts: number;
  replies: number;
}

/** A time in the capture: busier by day (UTC 13–22 h) and growing towards the end. */
function when(): number {
  for (;;) {
    const t = CAPTURE_END - rand() * DAYS * 24 * HOUR;
    const hour = new Date(t).getUTCHours();
    const daytime = hour >= 13 && hour <= 22 ? 1 : 0.35;
    const growth = 0.5 + 0.5 * (1 - (CAPTURE_END - t) / (DAYS * 24 * HOUR));
    if (rand() < daytime * growth) return Math.floor(t);
  }
}

export function generate(perBeat = 200): { lines: string[]; posts: Gen[] } {
  const posts: Gen[] = [];
  const seenKeys = new Set<string>();
  for (const beat of BEATS) {
    const ents = bundledDetectorData.entities.filter((e) => e.beats.includes(beat.id) && !e.ambiguous && !e.general).slice(0, 10);
    let made = 0;
    for (let tries = 0; made < perBeat && tries < perBeat * 20; tries++) {
      const e = pick(ents);
      const mood = pick(['positive', 'positive', 'neutral', 'negative'] as const);
      const core = pick(LINES[beat.id]).replace('{e}', e.name);
      const detail = pick(DETAILS).replace('{n}', String(int(2, 480)));
      const text = `${core[0]!.toUpperCase()}${core.slice(1)} ${detail}. ${pick(OPINIONS[mood])}`;
      const source = pickSource();
      const title = source === 'news' ? `${core[0]!.toUpperCase()}${core.slice(1)}, ${detail}` : undefined;
      const topic = detect({ url: 'https://example.org/', site: 'example.org', kind: 'post', title: title ?? '', lead: '', body: title ? '' : text }, bundledDetectorData);
      if (topic.beat?.id !== beat.id) continue;
      const person = pick(people);
      const keys = dedupeKeys({ id: `${source}:${posts.length}`, source, author: { name: person.name }, text: title ?? text, ...(title ? { title } : {}), url: `https://example.org/${posts.length}`, createdAt: new Date().toISOString(), engagement: { likes: 0, reposts: 0, replies: 0 }, sentiment: null }).filter((k) => !k.startsWith('id:') && !k.startsWith('url:'));
      if (keys.some((k) => seenKeys.has(k))) continue;
      for (const k of keys) seenKeys.add(k);
      const reach = Math.exp(rand() * 7);
      posts.push({ source, beat: beat.id, text, ...(title ? { title } : {}), t: when(), person, likes: Math.floor(reach), reposts: Math.floor(reach / 6), replies: Math.floor(reach / 10) });
      made++;
    }
    if (made < perBeat) throw new Error(`capture: only ${made} posts for ${beat.id}`);
  }
  posts.sort((a, b) => a.t - b.t);

  const lines: string[] = [JSON.stringify({ type: 'capture', start: new Date(CAPTURE_END - DAYS * 24 * HOUR).toISOString(), end: new Date(CAPTURE_END).toISOString(), note: 'Fictional people and posts in real wire formats, written by scripts/capture.ts' })];
  const by = (s: Source) => posts.filter((p) => p.source === s);

  // Bluesky: the Jetstream events in time order, with noise a real stream carries.
  const bsky = by('bluesky');
  let rk = 0;
  const rkey = (t: number) => `3l${b32(String(t) + rk++, 11)}`;
  const uris: { uri: string; p: Gen }[] = [];
  for (const p of bsky) {
    const did = didOf(p.person);
    const key = rkey(p.t);
    uris.push({ uri: `at://${did}/app.bsky.feed.post/${key}`, p });
    lines.push(JSON.stringify({ type: 'jetstream', event: { did, time_us: p.t * 1000 + int(100, 900_000), kind: 'commit', commit: { rev: `3l${b32(key, 11)}`, operation: 'create', collection: 'app.bsky.feed.post', rkey: key, record: { $type: 'app.bsky.feed.post', createdAt: new Date(p.t).toISOString(), langs: ['en'], text: p.text }, cid: `bafyrei${b32(key + 'cid', 52)}` } } }));
    if (rand() < 0.15) {
      const other = pick(people);
      lines.push(JSON.stringify({ type: 'jetstream', event: { did: didOf(other), time_us: p.t * 1000 + 950_000, kind: 'commit', commit: { rev: 'x', operation: 'create', collection: 'app.bsky.feed.post', rkey: rkey(p.t + 1), record: { $type: 'app.bsky.feed.post', createdAt: new Date(p.t).toISOString(), langs: ['en'], text: pick(['Sourdough came out great this morning.', 'Anyone else watching the match tonight?', 'New bike day!', 'The train is late again.']) } } } }));
    }
    if (rand() < 0.03) lines.push(JSON.stringify({ type: 'jetstream', event: { did, time_us: p.t * 1000 + 990_000, kind: 'identity', identity: { did, handle: `${p.person.handle}.bsky.example`, seq: int(1, 1e9), time: new Date(p.t).toISOString() } } }));
  }
  const dids = [...new Set(bsky.map((p) => p.person))];
  for (let i = 0; i < dids.length; i += 25) {
    lines.push(JSON.stringify({ type: 'bluesky-profiles', answer: { profiles: dids.slice(i, i + 25).map((p) => ({ did: didOf(p), handle: `${p.handle}.bsky.example`, displayName: p.name, followersCount: p.followers, followsCount: int(10, 900), postsCount: int(50, 9000) })) } }));
  }
  const matter = uris.filter(({ p }) => p.likes > 50);
  for (let i = 0; i < matter.length; i += 25) {
    lines.push(JSON.stringify({ type: 'bluesky-posts', answer: { posts: matter.slice(i, i + 25).map(({ uri, p }) => ({ uri, cid: `bafyrei${b32(uri, 52)}`, likeCount: p.likes, repostCount: p.reposts, replyCount: p.replies, quoteCount: 0, indexedAt: new Date(p.t).toISOString() })) } }));
  }

  // Hacker News: search_by_date answers of 100 hits, newest first.
  const hn = by('hackernews').reverse();
  for (let i = 0; i < hn.length; i += 100) {
    const hits = hn.slice(i, i + 100).map((p, j) => {
      const id = 42_100_000 + i + j;
      const comment = j % 3 !== 0;
      const storyTitle = p.text.split('. ')[0]!;
      return comment
        ? { objectID: String(id), created_at: new Date(p.t).toISOString(), created_at_i: Math.floor(p.t / 1000), author: p.person.handle, title: null, url: null, story_text: null, comment_text: `<p>${p.text}</p>`, story_id: id - 7, story_title: storyTitle, story_url: `https://${pick(OUTLETS)}/story/${id - 7}`, points: null, num_comments: null, _tags: ['comment', `author_${p.person.handle}`, `story_${id - 7}`] }
        : { objectID: String(id), created_at: new Date(p.t).toISOString(), created_at_i: Math.floor(p.t / 1000), author: p.person.handle, title: p.text, url: `https://${pick(OUTLETS)}/item/${id}`, story_text: null, comment_text: null, points: p.likes, num_comments: p.replies, _tags: ['story', `author_${p.person.handle}`, `story_${id}`] };
    });
    lines.push(JSON.stringify({ type: 'hackernews', answer: { hits, nbHits: hits.length, page: 0, nbPages: 1, hitsPerPage: 100, processingTimeMS: 3, query: '', params: 'tags=(story,comment)' } }));
  }

  // GDELT: artlists of 75 with a tone timeline.
  const news = by('news');
  for (let i = 0; i < news.length; i += 75) {
    const chunk = news.slice(i, i + 75);
    const articles = chunk.map((p, j) => {
      const outlet = OUTLETS[(i + j) % OUTLETS.length]!;
      return { url: `https://www.${outlet}/2026/11/${(i + j).toString(36)}-${b32(p.title!, 8)}`, url_mobile: '', title: p.title, seendate: gdeltDate(p.t), socialimage: '', domain: outlet, language: 'English', sourcecountry: 'United States' };
    });
    const tone = { query_details: { title: 'capture', date_resolution: '15m' }, timeline: [{ series: 'Average Tone', data: chunk.map((p) => ({ date: gdeltDate(p.t), value: Math.round((rand() * 8 - 4) * 100) / 100 })) }] };
    lines.push(JSON.stringify({ type: 'gdelt', answer: { articles }, tone }));
  }

  // Mastodon: tag timelines of 40, newest first.
  const masto = by('mastodon').reverse();
  for (let i = 0; i < masto.length; i += 40) {
    const instance = INSTANCES[(i / 40) % INSTANCES.length]!;
    const statuses = masto.slice(i, i + 40).map((p, j) => {
      const id = String(113_500_000_000_000_000n + BigInt(p.t) * 1000n + BigInt(j));
      const acct = `${p.person.handle}@${instance}`;
      return { id, created_at: new Date(p.t).toISOString(), in_reply_to_id: null, sensitive: false, spoiler_text: '', visibility: 'public', language: 'en', uri: `https://${instance}/users/${p.person.handle}/statuses/${id}`, url: `https://${instance}/@${p.person.handle}/${id}`, replies_count: p.replies, reblogs_count: p.reposts, favourites_count: p.likes, content: `<p>${p.text} <a href="https://${instance}/tags/ai" class="mention hashtag" rel="tag">#<span>AI</span></a></p>`, reblog: null, account: { id: b32(acct, 10), username: p.person.handle, acct, display_name: p.person.name, url: `https://${instance}/@${p.person.handle}`, followers_count: p.person.followers, bot: false }, media_attachments: [], tags: [{ name: 'ai' }] };
    });
    lines.push(JSON.stringify({ type: 'mastodon', instance: `https://${instance}`, answer: statuses }));
  }

  // X: recent search answers of 100 with their authors expanded.
  const xs = by('x').reverse();
  for (let i = 0; i < xs.length; i += 100) {
    const chunk = xs.slice(i, i + 100);
    const data = chunk.map((p, j) => ({ id: String(1_990_000_000_000_000_000n + BigInt(p.t) * 100n + BigInt(j)), text: p.text, author_id: b32(p.person.handle, 12).replace(/[a-z]/g, (c) => String(c.charCodeAt(0) % 10)), created_at: new Date(p.t).toISOString(), lang: 'en', edit_history_tweet_ids: [], public_metrics: { retweet_count: p.reposts, reply_count: p.replies, like_count: p.likes, quote_count: int(0, 20), bookmark_count: int(0, 50), impression_count: p.likes * int(20, 90) } }));
    const users = [...new Map(chunk.map((p, j) => [data[j]!.author_id, { id: data[j]!.author_id, name: p.person.name, username: p.person.handle.slice(0, 15), public_metrics: { followers_count: p.person.followers * 3, following_count: int(10, 900), tweet_count: int(100, 40_000), listed_count: int(0, 300) } }])).values()];
    lines.push(JSON.stringify({ type: 'x', answer: { data, includes: { users }, meta: { newest_id: data[0]!.id, oldest_id: data.at(-1)!.id, result_count: data.length } } }));
  }

  // YouTube: commentThreads answers of 50, under a handful of videos.
  const yt = by('youtube');
  for (let i = 0; i < yt.length; i += 50) {
    const videoId = b32(`video${i}`, 11).replace(/[2-7]/g, 'Q');
    const items = yt.slice(i, i + 50).map((p, j) => {
      const id = `Ugz${b32(`${i}-${j}-${p.t}`, 20)}4AaABAg`;
      return { kind: 'youtube#commentThread', etag: b32(id, 27), id, snippet: { channelId: 'UCcapture0000000000000', videoId, topLevelComment: { kind: 'youtube#comment', etag: b32(id + 'e', 27), id, snippet: { channelId: 'UCcapture0000000000000', videoId, textDisplay: p.text, textOriginal: p.text, authorDisplayName: `@${p.person.handle}`, authorProfileImageUrl: 'https://yt3.ggpht.example/a.jpg', authorChannelUrl: `http://www.youtube.com/@${p.person.handle}`, authorChannelId: { value: `UC${b32(p.person.handle, 22)}` }, canRate: true, viewerRating: 'none', likeCount: p.likes, publishedAt: new Date(p.t).toISOString(), updatedAt: new Date(p.t).toISOString() } }, canReply: true, totalReplyCount: p.replies, isPublic: true } };
    });
    lines.push(JSON.stringify({ type: 'youtube', answer: { kind: 'youtube#commentThreadListResponse', etag: b32(videoId, 27), pageInfo: { totalResults: items.length, resultsPerPage: 50 }, items } }));
  }
  return { lines, posts };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { lines, posts } = generate();
  mkdirSync(dirname(CAPTURE_FILE), { recursive: true });
  const gz = gzipSync(`${lines.join('\n')}\n`, { level: 9 });
  writeFileSync(CAPTURE_FILE, gz);
  const per = Object.fromEntries(SOURCE_MIX.map(([s]) => [s, posts.filter((p) => p.source === s).length]));
  console.log(`wrote ${CAPTURE_FILE}: ${lines.length} lines, ${posts.length} AI posts ${JSON.stringify(per)}, ${(gz.length / 1024).toFixed(0)} KB`);
}
