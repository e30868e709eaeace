// The bundled sample pack: what a fresh install shows with no server, no key and no
// network. Written by the Undercurrent team on SAMPLE_DATE; the posts are illustrative,
// not real quotes, and every surface labels them "Sample data".
import { BEATS } from '../schema/beats';
import type { BeatId, DiscourseContext, DiscoursePost, KeyVoice, Narrative, SourceId, TimelinePoint } from '../schema';

export const SAMPLE_DATE = '2026-11-20';
const END = Date.parse(`${SAMPLE_DATE}T12:00:00Z`);

interface SamplePost {
  source: SourceId;
  author: string;
  handle: string;
  text: string;
  hoursAgo: number;
  likes: number;
  reposts: number;
  sentiment: number;
}

interface SampleBeat {
  beat: BeatId;
  query: string;
  entities: string[];
  volume24h: number;
  volumePrev24h: number;
  bySource: Partial<Record<SourceId, number>>;
  mood: { positive: number; neutral: number; negative: number; score: number; shift: number; shiftLabel: string };
  posts: SamplePost[];
  headline: string;
  dek: string;
  /** Paragraph text with {n} marking post n's quote; citations follow from the marks. */
  paragraphs: string[];
}

const BEAT_SAMPLES: SampleBeat[] = [
  {
    beat: 'open-source-ai',
    query: 'open weights model release',
    entities: ['deepseek', 'llama', 'hugging-face'],
    volume24h: 1840,
    volumePrev24h: 1310,
    bySource: { bluesky: 620, hackernews: 410, news: 290, mastodon: 240, x: 280 },
    mood: { positive: 0.46, neutral: 0.33, negative: 0.21, score: 0.19, shift: 0.12, shiftLabel: 'more positive' },
    posts: [
      { source: 'hackernews', author: 'kvcache', handle: 'kvcache', text: 'The interesting part is not the benchmark table, it is that the weights ship under a licence you can actually build a company on.', hoursAgo: 3, likes: 412, reposts: 0, sentiment: 0.42 },
      { source: 'bluesky', author: 'Mira Osei', handle: 'miraosei.bsky.social', text: 'Open weights are not open source. Without the data and the training code we are still renting trust.', hoursAgo: 5, likes: 958, reposts: 211, sentiment: -0.18 },
      { source: 'news', author: 'The Register', handle: 'theregister.com', text: 'The release puts a 400-billion-parameter model on Hugging Face within a day of its announcement, with a permissive licence.', hoursAgo: 9, likes: 0, reposts: 0, sentiment: 0.1 },
      { source: 'mastodon', author: 'Jonas Varga', handle: '@jvarga@sigmoid.social', text: 'Ran the 8B distill on a laptop GPU this morning. Quantised, it is honestly good enough for most of my retrieval work.', hoursAgo: 12, likes: 187, reposts: 64, sentiment: 0.58 },
      { source: 'x', author: 'Priya Raman', handle: '@priyaraman_ml', text: 'Every open release now comes with a fight over what "open" means. Worth reading the licence before the leaderboard.', hoursAgo: 16, likes: 1320, reposts: 240, sentiment: 0.05 },
    ],
    headline: 'An open-weights release lifts the mood, and reopens the fight over "open"',
    dek: 'Volume is up by a third on the day as builders try the weights and critics ask what was left out.',
    paragraphs: [
      'Builders led the conversation. On Hacker News the focus was the licence: "{0}" On Mastodon, hands-on reports followed: "{3}"',
      'The counterpoint came from Bluesky, where the distinction between weights and source drew the most engagement: "{1}" On X the same caution was put more mildly: "{4}"',
      'News coverage stuck to the facts of the release: "{2}"',
    ],
  },
  {
    beat: 'policy-regulation',
    query: 'AI Act enforcement',
    entities: ['openai', 'anthropic'],
    volume24h: 960,
    volumePrev24h: 1120,
    bySource: { news: 380, bluesky: 240, x: 190, hackernews: 90, mastodon: 60 },
    mood: { positive: 0.22, neutral: 0.41, negative: 0.37, score: -0.14, shift: -0.09, shiftLabel: 'slightly more negative' },
    posts: [
      { source: 'news', author: 'Euractiv', handle: 'euractiv.com', text: 'Brussels confirmed that obligations for general-purpose models apply from August, with codes of practice still being finalised.', hoursAgo: 4, likes: 0, reposts: 0, sentiment: 0 },
      { source: 'bluesky', author: 'Lena Fischer', handle: 'lenafischer.bsky.social', text: 'Compliance teams are being asked to document training data they were never allowed to see. That is the real bottleneck.', hoursAgo: 6, likes: 540, reposts: 130, sentiment: -0.36 },
      { source: 'x', author: 'Tom Adeyemi', handle: '@tadeyemi', text: 'Startups keep saying the rules will crush them. The text exempts most of them. Read it.', hoursAgo: 11, likes: 880, reposts: 150, sentiment: -0.1 },
      { source: 'hackernews', author: 'regwatch', handle: 'regwatch', text: 'The penalty ceiling gets the headlines, but the reporting duties are what will change engineering roadmaps.', hoursAgo: 15, likes: 233, reposts: 0, sentiment: -0.05 },
    ],
    headline: 'Enforcement dates firm up, and the argument moves to paperwork',
    dek: 'Talk is down on the day and a little more negative, centred on documentation duties rather than fines.',
    paragraphs: [
      'The news peg was procedural: "{0}"',
      'On Bluesky the worry was practical: "{1}" Hacker News made a similar point: "{3}"',
      'Not everyone is alarmed. The most-shared post on X pushed back: "{2}"',
    ],
  },
  {
    beat: 'safety-alignment',
    query: 'alignment evaluation',
    entities: ['anthropic', 'openai'],
    volume24h: 720,
    volumePrev24h: 700,
    bySource: { bluesky: 260, x: 210, hackernews: 140, news: 70, mastodon: 40 },
    mood: { positive: 0.28, neutral: 0.39, negative: 0.33, score: -0.04, shift: 0.01, shiftLabel: 'steady' },
    posts: [
      { source: 'bluesky', author: 'Dr. Ana Lima', handle: 'analima.bsky.social', text: 'An eval that a model can recognise as an eval measures test-taking, not behaviour.', hoursAgo: 2, likes: 1210, reposts: 330, sentiment: -0.2 },
      { source: 'hackernews', author: 'gradientdescent', handle: 'gradientdescent', text: 'I appreciate that the system card publishes the failures too. That is more useful than another safety pledge.', hoursAgo: 7, likes: 301, reposts: 0, sentiment: 0.44 },
      { source: 'x', author: 'Sam Whitford', handle: '@swhitford', text: 'Red-teaming budgets are still a rounding error next to training runs.', hoursAgo: 10, likes: 760, reposts: 120, sentiment: -0.3 },
      { source: 'news', author: 'MIT Technology Review', handle: 'technologyreview.com', text: 'Labs are converging on shared evaluation suites, but disagree on who should run them.', hoursAgo: 20, likes: 0, reposts: 0, sentiment: 0 },
    ],
    headline: 'A steady, split conversation about whether evals measure what matters',
    dek: 'Volume and mood barely moved; the argument is about method, not alarm.',
    paragraphs: [
      'The most-engaged post questioned the tests themselves: "{0}"',
      'Some credit went to transparency: "{1}" Others pointed at money: "{2}"',
      'News framed it as a governance question: "{3}"',
    ],
  },
  {
    beat: 'healthcare',
    query: 'clinical AI scribe',
    entities: [],
    volume24h: 430,
    volumePrev24h: 310,
    bySource: { news: 170, bluesky: 110, x: 80, hackernews: 40, mastodon: 30 },
    mood: { positive: 0.44, neutral: 0.36, negative: 0.2, score: 0.17, shift: 0.21, shiftLabel: 'sharply more positive' },
    posts: [
      { source: 'news', author: 'STAT', handle: 'statnews.com', text: 'Hospitals piloting ambient scribes report doctors spending less time on notes after hours.', hoursAgo: 5, likes: 0, reposts: 0, sentiment: 0.3 },
      { source: 'bluesky', author: 'Nurse Kay', handle: 'nursekay.bsky.social', text: 'It gave me back my evenings. It also once wrote that a patient denied chest pain when she said the opposite.', hoursAgo: 8, likes: 640, reposts: 150, sentiment: -0.05 },
      { source: 'x', author: 'Dr. Raj Patel', handle: '@rajpatelmd', text: 'The scribe is only as good as the clinician who reads the note before signing it.', hoursAgo: 13, likes: 410, reposts: 70, sentiment: 0.2 },
    ],
    headline: 'Clinicians warm to AI scribes, with one eye on the errors',
    dek: 'Talk rose by more than a third and turned sharply more positive on reports of time saved.',
    paragraphs: [
      'The good news led: "{0}"',
      'Clinicians on social media were more mixed: "{1}" On X: "{2}"',
    ],
  },
  {
    beat: 'hardware-compute',
    query: 'GPU supply data center',
    entities: ['nvidia'],
    volume24h: 1150,
    volumePrev24h: 1040,
    bySource: { news: 420, x: 300, hackernews: 250, bluesky: 130, mastodon: 50 },
    mood: { positive: 0.35, neutral: 0.42, negative: 0.23, score: 0.08, shift: 0.03, shiftLabel: 'steady' },
    posts: [
      { source: 'news', author: 'Reuters', handle: 'reuters.com', text: 'Cloud providers raised capital spending guidance again, citing demand for AI accelerators.', hoursAgo: 3, likes: 0, reposts: 0, sentiment: 0.2 },
      { source: 'hackernews', author: 'wattsup', handle: 'wattsup', text: 'The constraint is no longer chips, it is grid interconnects. Nobody can build substations fast enough.', hoursAgo: 6, likes: 520, reposts: 0, sentiment: -0.25 },
      { source: 'x', author: 'Elena Park', handle: '@elenapark_semis', text: 'Memory bandwidth, not FLOPs, decides inference cost this year.', hoursAgo: 14, likes: 990, reposts: 180, sentiment: 0 },
    ],
    headline: 'Spending keeps climbing while the bottleneck moves to power',
    dek: 'Volume edged up and mood held steady as the talk shifted from chips to grids.',
    paragraphs: [
      'The headline number came from earnings: "{0}"',
      'Engineers on Hacker News pointed elsewhere: "{1}" On X the focus was memory: "{2}"',
    ],
  },
];

function postId(s: SampleBeat, i: number): string {
  return `sample:${s.beat}:${i}`;
}

function toPost(s: SampleBeat, p: SamplePost, i: number): DiscoursePost {
  return {
    id: postId(s, i),
    source: p.source,
    author: { name: p.author, handle: p.handle },
    text: p.text,
    url: `https://example.com/undercurrent-sample/${s.beat}/${i}`,
    createdAt: new Date(END - p.hoursAgo * 3600_000).toISOString(),
    engagement: { likes: p.likes, reposts: p.reposts, replies: 0 },
    sentiment: p.sentiment,
  };
}

/** A deterministic 7-day hourly curve that ends on the sample's 24 h volume. */
function timeline(s: SampleBeat): TimelinePoint[] {
  const points: TimelinePoint[] = [];
  const perHourLast = s.volume24h / 24;
  const perHourPrev = s.volumePrev24h / 24;
  for (let h = 167; h >= 0; h--) {
    const base = h < 24 ? perHourLast : perHourPrev * (0.7 + 0.3 * ((168 - h) / 168));
    const daily = 0.65 + 0.35 * Math.sin(((h % 24) / 24) * Math.PI * 2);
    points.push({ hour: new Date(END - h * 3600_000).toISOString(), count: Math.round(base * daily), score: null });
  }
  return points;
}

function narrative(s: SampleBeat, posts: DiscoursePost[]): Narrative {
  return {
    beat: s.beat,
    headline: s.headline,
    dek: s.dek,
    paragraphs: s.paragraphs.map((t) => {
      const citations: string[] = [];
      const text = t.replace(/\{(\d+)\}/g, (_m, n: string) => {
        const post = posts[Number(n)]!;
        citations.push(post.id);
        return post.text;
      });
      return { text, citations };
    }),
    model: 'sample',
    kind: 'sample',
    generatedAt: new Date(END).toISOString(),
    postCount: posts.length,
    disclosure: `Sample narrative written by the Undercurrent team on ${SAMPLE_DATE} from illustrative posts. Connect a source for live discourse.`,
  };
}

/** A post as a key voice, quoting its whole text (hand-written data: short posts). */
export function voiceOf(p: DiscoursePost): KeyVoice {
  return {
    postId: p.id,
    author: p.author.name,
    handle: p.author.handle,
    platform: p.source,
    quote: p.text,
    url: p.url,
    engagement: p.engagement.likes + p.engagement.reposts,
  };
}

/** Every sample context, one per beat that has one. */
export function samplePack(): DiscourseContext[] {
  return BEAT_SAMPLES.map((s) => {
    const posts = s.posts.map((p, i) => toPost(s, p, i));
    const keyVoices = [...posts].map(voiceOf).sort((a, b) => b.engagement - a.engagement);
    const key = `sample:${s.beat}`;
    const beat = BEATS.find((b) => b.id === s.beat)!;
    return {
      topic: { key, beat: s.beat, entities: s.entities, q: s.query },
      snapshot: {
        topicKey: key,
        beat: s.beat,
        query: s.query,
        generatedAt: new Date(END).toISOString(),
        volume24h: s.volume24h,
        volumePrev24h: s.volumePrev24h,
        totalRecords: s.volume24h + s.volumePrev24h,
        bySource: Object.entries(s.bySource).map(([source, count]) => ({ source: source as SourceId, count })),
        mood: s.mood,
        keyVoices,
        timeline: timeline(s),
      },
      posts,
      narrative: narrative(s, posts),
      stories: posts
        .filter((p) => p.source === 'news')
        .map((p) => ({
          id: `${p.id}:story`,
          title: p.text.length > 120 ? `${p.text.slice(0, 117)}…` : p.text,
          url: p.url,
          outlet: p.author.name,
          category: beat.category,
          beat: s.beat,
          importance: 3,
          publishedAt: p.createdAt,
        })),
      freshness: { fetchedAt: new Date(END).toISOString(), stale: true, origin: 'sample', upstream: 'sample', sampleDate: SAMPLE_DATE, errors: [] },
    };
  });
}
