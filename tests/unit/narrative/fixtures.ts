// A realistic context for the narrative tests: the DeepSeek V3 open-weights day on the
// Open Source AI beat, with posts from Bluesky, Hacker News, the news and Mastodon, and a
// narrative that passes the grounding check, which the tests then break one way at a time.
import { DiscourseContext, type Narrative } from '../../../utils/schema';

export const POSTS = [
  {
    id: 'bluesky:at://did:plc:sinaw/app.bsky.feed.post/3lbx1',
    source: 'bluesky',
    author: { name: 'Sina Whitcombe', handle: 'sinawhitcombe.net' },
    text: "DeepSeek V3 is the strongest open-weights model I've run locally so far. The license is permissive enough for most of what I do, and it's fast on a single node.",
    url: 'https://bsky.app/profile/sinawhitcombe.net/post/3lbx1',
    createdAt: '2026-11-10T09:14:00.000Z',
    engagement: { likes: 812, reposts: 140, replies: 61 },
    sentiment: 0.71,
  },
  {
    id: 'hackernews:42424242',
    source: 'hackernews',
    author: { name: 'tpkestrel', handle: 'tpkestrel', url: 'https://news.ycombinator.com/user?id=tpkestrel' },
    text: 'Calling this "open source" is a stretch. The weights are downloadable but the license is not open source by any OSI definition, and the training data is a black box.',
    url: 'https://news.ycombinator.com/item?id=42424242',
    createdAt: '2026-11-10T10:02:00.000Z',
    engagement: { likes: 344, reposts: 0, replies: 97 },
    sentiment: -0.34,
  },
  {
    id: 'news:https://www.theverge.com/2026/11/10/deepseek-v3-open-weights',
    source: 'news',
    author: { name: 'Kylie Robison' },
    outlet: 'The Verge',
    title: 'DeepSeek’s new open model rattles the big labs',
    text: 'DeepSeek released the weights of V3 on Monday, and the reaction from rival labs was swift. “We take it seriously,” one executive said.',
    url: 'https://www.theverge.com/2026/11/10/deepseek-v3-open-weights',
    createdAt: '2026-11-10T07:30:00.000Z',
    engagement: { likes: 0, reposts: 0, replies: 0 },
    sentiment: 0.05,
  },
  {
    id: 'mastodon:https://hachyderm.io/@nicole/113456',
    source: 'mastodon',
    author: { name: 'Nicole', handle: 'nicole@hachyderm.io' },
    text: 'Tried the new DeepSeek weights on our eval suite. Impressive on code, worrying on refusals — it happily wrote a phishing email when asked politely.',
    url: 'https://hachyderm.io/@nicole/113456',
    createdAt: '2026-11-10T11:45:00.000Z',
    engagement: { likes: 95, reposts: 30, replies: 12 },
    sentiment: -0.12,
  },
  {
    id: 'bluesky:at://did:plc:ed3/app.bsky.feed.post/3lbx9',
    source: 'bluesky',
    author: { name: 'Ed Zitron', handle: 'edzitron.com' },
    text: 'Every "open" model launch is a pricing war in disguise. Watch what happens to API prices this week.',
    url: 'https://bsky.app/profile/edzitron.com/post/3lbx9',
    createdAt: '2026-11-10T08:20:00.000Z',
    engagement: { likes: 410, reposts: 88, replies: 40 },
    sentiment: -0.2,
  },
  {
    id: 'hackernews:42424300',
    source: 'hackernews',
    author: { name: 'maxminir', handle: 'maxminir' },
    text: 'Ran it through my usual benchmarks: roughly on par with the closed frontier models from six months ago, at a fraction of the serving cost.',
    url: 'https://news.ycombinator.com/item?id=42424300',
    createdAt: '2026-11-10T10:40:00.000Z',
    engagement: { likes: 120, reposts: 0, replies: 33 },
    sentiment: 0.4,
  },
] as const;

export const CONTEXT: DiscourseContext = DiscourseContext.parse({
  topic: { beat: 'open-source-ai', entities: ['deepseek-v3'], q: 'DeepSeek V3', key: 'open-source-ai|deepseek-v3' },
  snapshot: {
    topicKey: 'open-source-ai|deepseek-v3',
    beat: 'open-source-ai',
    query: 'DeepSeek V3',
    generatedAt: '2026-11-10T12:00:00.000Z',
    volume24h: 1240,
    volumePrev24h: 918,
    totalRecords: 5210,
    bySource: [
      { source: 'bluesky', count: 620 },
      { source: 'hackernews', count: 310 },
      { source: 'news', count: 186 },
      { source: 'mastodon', count: 124 },
    ],
    mood: { positive: 0.41, neutral: 0.37, negative: 0.22, score: 0.18, shift: -0.12, shiftLabel: 'more negative' },
    keyVoices: [
      {
        postId: POSTS[0].id,
        author: 'Sina Whitcombe',
        handle: 'sinawhitcombe.net',
        platform: 'bluesky',
        quote: "DeepSeek V3 is the strongest open-weights model I've run locally so far.",
        url: POSTS[0].url,
        engagement: 1013,
      },
      {
        postId: POSTS[1].id,
        author: 'tpkestrel',
        platform: 'hackernews',
        quote: 'The weights are downloadable but the license is not open source by any OSI definition',
        url: POSTS[1].url,
        engagement: 441,
      },
      {
        postId: POSTS[3].id,
        author: 'Nicole',
        handle: 'nicole@hachyderm.io',
        platform: 'mastodon',
        quote: 'Impressive on code, worrying on refusals',
        url: POSTS[3].url,
        engagement: 137,
      },
    ],
    timeline: [
      { hour: '2026-11-10T09:00:00.000Z', count: 160 },
      { hour: '2026-11-10T10:00:00.000Z', count: 212 },
      { hour: '2026-11-10T11:00:00.000Z', count: 188 },
    ],
  },
  posts: POSTS,
  narrative: null,
  stories: [],
  freshness: { fetchedAt: '2026-11-10T12:00:00.000Z', stale: false, origin: 'live', upstream: 'live', errors: [] },
});

/** What Claude is scripted to answer when it gets everything right. */
export const GOOD_DRAFT = {
  headline: 'DeepSeek V3 weights split the open-source crowd',
  dek: 'About 1,240 posts in 24 hours, up 35% on the day before, as the mood turns more negative.',
  paragraphs: [
    {
      text: 'Half of the conversation was on Bluesky (50%), where Sina Whitcombe called it “the strongest open-weights model I\'ve run locally so far.”',
      citations: [POSTS[0].id],
    },
    {
      text: 'On Hacker News the argument was about the word itself: tpkestrel wrote that the license "is not open source by any OSI definition", and maxminir found it on par with "the closed frontier models from six months ago".',
      citations: [POSTS[1].id, POSTS[5].id],
    },
    {
      text: 'The mood slipped by 12 points against the previous day, with 22% of posts reading negative. On Mastodon, Nicole found it “Impressive on code, worrying on refusals”.',
      citations: [POSTS[3].id],
    },
  ],
};

/** A draft as the model answers it: headline, dek, paragraphs with citations. */
export interface DraftShape {
  headline: string;
  dek: string;
  paragraphs: { text: string; citations: readonly string[] }[];
}

/** The same narrative as the hosted API would send it. */
export function narrativeFrom(draft: DraftShape, over: Partial<Narrative> = {}): Narrative {
  return {
    beat: 'open-source-ai',
    headline: draft.headline,
    dek: draft.dek,
    paragraphs: draft.paragraphs.map((p) => ({ text: p.text, citations: [...p.citations] })),
    model: 'claude-sonnet-5-5',
    kind: 'generated',
    generatedAt: '2026-11-10T12:01:00.000Z',
    postCount: POSTS.length,
    disclosure: 'AI-generated by claude-sonnet-5-5 from 6 posts.',
    ...over,
  };
}

/** A deep copy of the good draft with one paragraph's text or citations replaced. */
export function breakDraft(i: number, change: { text?: string; citations?: string[] }): typeof GOOD_DRAFT {
  const d = structuredClone(GOOD_DRAFT) as { headline: string; dek: string; paragraphs: { text: string; citations: string[] }[] };
  const p = d.paragraphs[i]!;
  if (change.text !== undefined) p.text = change.text;
  if (change.citations !== undefined) p.citations = change.citations;
  return d as unknown as typeof GOOD_DRAFT;
}
