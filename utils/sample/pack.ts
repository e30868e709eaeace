// The bundled sample pack: what a fresh install shows with no server, no key and no
// network. Written by the Undercurrent team on SAMPLE_DATE. Every person, handle and
// outlet in it is fictional, the posts are illustrative (not real quotes), and every
// surface labels them "Sample data … not about this page". Figures in the headlines,
// deks and paragraphs are the figures in the data (tests/unit/sample/pack.test.ts).
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

/** A related story: a headline, as an outlet would title it. */
interface SampleStory {
  title: string;
  outlet: string;
  hoursAgo: number;
}

interface SampleBeat {
  beat: BeatId;
  query: string;
  entities: string[];
  volume24h: number;
  volumePrev24h: number;
  /** Counts per source over the last 24 h; they add up to volume24h. */
  bySource: Partial<Record<SourceId, number>>;
  /** Shares add up to 1; the shift's label follows from its value (shiftLabel). */
  mood: { positive: number; neutral: number; negative: number; score: number; shift: number };
  posts: SamplePost[];
  stories: SampleStory[];
  headline: string;
  /** Any percentage here is the volume change or a mood share, rounded as the UI rounds it. */
  dek: string;
  /** Paragraph text with {n} marking post n's quote; citations follow from the marks. */
  paragraphs: string[];
}

function p(source: SourceId, author: string, handle: string, hoursAgo: number, likes: number, reposts: number, sentiment: number, text: string): SamplePost {
  return { source, author, handle, hoursAgo, likes, reposts, sentiment, text };
}

const BEAT_SAMPLES: SampleBeat[] = [
  {
    beat: 'open-source-ai',
    query: 'open weights model release',
    entities: ['deepseek', 'llama', 'hugging-face'],
    volume24h: 1840,
    volumePrev24h: 1310,
    bySource: { bluesky: 620, hackernews: 410, x: 280, news: 290, mastodon: 240 },
    mood: { positive: 0.46, neutral: 0.33, negative: 0.21, score: 0.19, shift: 0.12 },
    posts: [
      p('hackernews', 'kvcache', 'kvcache', 3, 412, 0, 0.42, 'The interesting part is not the benchmark table, it is that the weights ship under a licence you can actually build a company on.'),
      p('bluesky', 'Mira Osei', 'miraosei.bsky.social', 5, 958, 211, -0.18, 'Open weights are not open source. Without the data and the training code we are still renting trust.'),
      p('news', 'The Daily Circuit', 'dailycircuit.example', 9, 0, 0, 0.1, 'The release puts a 671-billion-parameter mixture-of-experts model on Hugging Face within a day of its announcement, with a permissive licence.'),
      p('mastodon', 'Jonas Varga', '@jvarga@sigmoid.example', 12, 187, 64, 0.58, 'Ran the 8B distill on a laptop GPU this morning. Quantised, it is honestly good enough for most of my retrieval work.'),
      p('x', 'Priya Raman', '@priyaraman_ml', 16, 1320, 240, 0.05, 'Every open release now comes with a fight over what "open" means. Worth reading the licence before the leaderboard.'),
    ],
    stories: [
      { title: 'A 671B open-weights model becomes the most downloaded repository on Hugging Face in a day', outlet: 'The Daily Circuit', hoursAgo: 9 },
      { title: 'Open weights, closed data: what the licence does and does not allow', outlet: 'Signal Weekly', hoursAgo: 20 },
    ],
    headline: 'An open-weights release lifts the mood, and reopens the fight over "open"',
    dek: 'Volume is up 40% on the day and the mood is more positive, as builders try the weights and critics ask what was left out.',
    paragraphs: [
      'Builders led the conversation. On Hacker News the focus was the licence: "{0}" On Mastodon, hands-on reports followed: "{3}"',
      'The counterpoint came from Bluesky, where the distinction between weights and source drew the most engagement: "{1}" On X the same caution was put more mildly: "{4}"',
      'News coverage stuck to the facts of the release: "{2}"',
    ],
  },
  {
    beat: 'industry-business',
    query: 'AI revenue funding',
    entities: ['openai', 'anthropic'],
    volume24h: 1380,
    volumePrev24h: 1200,
    bySource: { news: 520, x: 380, hackernews: 230, bluesky: 190, mastodon: 60 },
    mood: { positive: 0.31, neutral: 0.4, negative: 0.29, score: 0.02, shift: -0.06 },
    posts: [
      p('news', 'Ledger & Line', 'ledgerline.example', 4, 0, 0, 0.15, 'Enterprise AI contracts grew faster than expected this quarter, but most buyers are still in pilots rather than full rollouts.'),
      p('x', 'Dana Kroll', '@danakroll_vc', 7, 1140, 210, -0.22, 'Every pitch deck this month has the same slide: inference costs falling, margins rising. Only one of those is showing up in the numbers.'),
      p('hackernews', 'unitecon', 'unitecon', 11, 364, 0, -0.12, 'Revenue per customer is fine. Revenue per GPU-hour is the figure nobody wants to publish.'),
      p('bluesky', 'Omar Haddad', 'omarhaddad.bsky.social', 15, 420, 88, 0.3, 'Small teams are the quiet winners: two engineers and an API key now ship what took a department in 2022.'),
    ],
    stories: [
      { title: 'Enterprise AI spending climbs, but pilots still outnumber rollouts', outlet: 'Ledger & Line', hoursAgo: 4 },
      { title: 'Why AI start-ups are raising again on thinner margins', outlet: 'Northwind Tribune', hoursAgo: 22 },
    ],
    headline: 'Money keeps flowing, and the margin question gets louder',
    dek: 'Talk is up 15% on the day and slightly more negative as investors ask where the profits are.',
    paragraphs: [
      'Earnings set the tone: "{0}"',
      'Sceptics focused on unit economics. On X: "{1}" On Hacker News: "{2}"',
      'The upbeat view came from builders on Bluesky: "{3}"',
    ],
  },
  {
    beat: 'hardware-compute',
    query: 'GPU supply data center',
    entities: ['nvidia'],
    volume24h: 1150,
    volumePrev24h: 1040,
    bySource: { news: 420, x: 300, hackernews: 250, bluesky: 130, mastodon: 50 },
    mood: { positive: 0.35, neutral: 0.42, negative: 0.23, score: 0.08, shift: 0.03 },
    posts: [
      p('news', 'Compute Report', 'computereport.example', 3, 0, 0, 0.2, 'Cloud providers raised capital spending guidance again, citing demand for AI accelerators.'),
      p('hackernews', 'wattsup', 'wattsup', 6, 520, 0, -0.25, 'The constraint is no longer chips, it is grid interconnects. Nobody can build substations fast enough.'),
      p('x', 'Elena Park', '@elenapark_semis', 14, 990, 180, 0, 'Memory bandwidth, not FLOPs, decides inference cost this year.'),
    ],
    stories: [
      { title: 'Cloud giants lift capital spending guidance on accelerator demand', outlet: 'Compute Report', hoursAgo: 3 },
      { title: 'The new bottleneck for data centres is the power grid', outlet: 'The Daily Circuit', hoursAgo: 18 },
    ],
    headline: 'Spending keeps climbing while the bottleneck moves to power',
    dek: 'Volume edged up 11% and the mood held steady as the talk shifted from chips to grids.',
    paragraphs: [
      'The headline number came from earnings: "{0}"',
      'Engineers on Hacker News pointed elsewhere: "{1}" On X the focus was memory: "{2}"',
    ],
  },
  {
    beat: 'research-models',
    query: 'new model benchmark paper',
    entities: ['mistral'],
    volume24h: 1620,
    volumePrev24h: 1350,
    bySource: { hackernews: 540, x: 430, bluesky: 330, news: 180, mastodon: 140 },
    mood: { positive: 0.42, neutral: 0.41, negative: 0.17, score: 0.21, shift: 0.07 },
    posts: [
      p('hackernews', 'attnspan', 'attnspan', 2, 610, 0, 0.45, 'The ablations are the real contribution here. Half the gain comes from the data mix, not the architecture.'),
      p('x', 'Yuki Tanabe', '@yukitanabe_ai', 6, 1480, 320, 0.3, 'A 24B model matching last year\'s frontier on reasoning evals is the story. The leaderboard position is not.'),
      p('bluesky', 'Carla Mendes', 'carlamendes.bsky.social', 10, 520, 97, -0.2, 'Benchmarks saturate faster than we can write them. I would trade three new evals for one held-out test set.'),
      p('news', 'Signal Weekly', 'signalweekly.example', 19, 0, 0, 0.1, 'The paper reports gains on maths and coding tasks and releases the evaluation code alongside the model.'),
    ],
    stories: [
      { title: 'A mid-sized model closes the gap on reasoning benchmarks', outlet: 'Signal Weekly', hoursAgo: 19 },
      { title: 'Researchers question how much benchmark gains still tell us', outlet: 'The Daily Circuit', hoursAgo: 30 },
    ],
    headline: 'A smaller model posts big scores, and researchers argue over what they mean',
    dek: 'Volume is up 20% and the mood is more positive, with the ablations getting more attention than the leaderboard.',
    paragraphs: [
      'Hacker News read the paper closely: "{0}" On X, the size was the point: "{1}"',
      'Doubts about the benchmarks themselves drew engagement on Bluesky: "{2}" Coverage noted what was released: "{3}"',
    ],
  },
  {
    beat: 'agents-automation',
    query: 'AI agents automation',
    entities: [],
    volume24h: 890,
    volumePrev24h: 640,
    bySource: { hackernews: 310, x: 260, bluesky: 170, news: 100, mastodon: 50 },
    mood: { positive: 0.38, neutral: 0.34, negative: 0.28, score: 0.08, shift: 0.04 },
    posts: [
      p('hackernews', 'retryloop', 'retryloop', 3, 455, 0, -0.3, 'My agent finished the task in four minutes and then spent forty retrying a flaky test. Reliability is the whole product.'),
      p('x', 'Ben Adler', '@benadler_dev', 8, 870, 140, 0.4, 'Gave an agent our backlog of dependency upgrades. It opened 31 pull requests; 27 merged without edits.'),
      p('bluesky', 'Sofia Lind', 'sofialind.bsky.social', 13, 390, 60, -0.15, 'Nobody has a good answer yet for who is accountable when an agent spends money on your behalf.'),
    ],
    stories: [
      { title: 'Coding agents move from demos to maintenance work', outlet: 'The Daily Circuit', hoursAgo: 7 },
      { title: 'Who pays when an AI agent makes a mistake?', outlet: 'Northwind Tribune', hoursAgo: 26 },
    ],
    headline: 'Agents take on the chores, and the talk turns to reliability',
    dek: 'Talk rose 39% with the mood steady: success stories and failure stories in about equal measure.',
    paragraphs: [
      'Practitioners on Hacker News set the terms: "{0}" On X, a success story travelled: "{1}"',
      'On Bluesky the question was accountability: "{2}"',
    ],
  },
  {
    beat: 'security-privacy',
    query: 'prompt injection data leak',
    entities: [],
    volume24h: 670,
    volumePrev24h: 420,
    bySource: { hackernews: 240, bluesky: 160, news: 130, x: 100, mastodon: 40 },
    mood: { positive: 0.18, neutral: 0.37, negative: 0.45, score: -0.29, shift: -0.18 },
    posts: [
      p('news', 'Northwind Tribune', 'northwind.example', 5, 0, 0, -0.3, 'Researchers showed that instructions hidden in a shared document could make an assistant forward a user\'s files.'),
      p('hackernews', 'sandboxed', 'sandboxed', 7, 590, 0, -0.4, 'Prompt injection is not a bug you patch. Any tool an assistant can call is a tool the attacker can call.'),
      p('bluesky', 'Grace Okafor', 'graceokafor.bsky.social', 12, 480, 120, -0.25, 'Turned off the assistant in my mail client today. Convenience is not worth my inbox being an attack surface.'),
      p('x', 'Luis Ortega', '@luisortega_sec', 17, 350, 70, 0.2, 'The fix that works is boring: least privilege and a human confirmation before anything leaves the machine.'),
    ],
    stories: [
      { title: 'Hidden instructions in shared files can hijack AI assistants, researchers show', outlet: 'Northwind Tribune', hoursAgo: 5 },
      { title: 'How to limit what an AI assistant can reach', outlet: 'Signal Weekly', hoursAgo: 28 },
    ],
    headline: 'A new injection demo sends security talk up, and the mood down',
    dek: 'Volume is up 60% and sharply more negative after a demonstration that an assistant could be made to leak files.',
    paragraphs: [
      'The trigger was a research demo: "{0}"',
      'Security engineers were blunt: "{1}" Some users acted on it: "{2}"',
      'The most practical advice came from X: "{3}"',
    ],
  },
  {
    beat: 'safety-alignment',
    query: 'alignment evaluation',
    entities: ['anthropic', 'openai'],
    volume24h: 720,
    volumePrev24h: 700,
    bySource: { bluesky: 260, x: 210, hackernews: 140, news: 70, mastodon: 40 },
    mood: { positive: 0.28, neutral: 0.39, negative: 0.33, score: -0.04, shift: 0.01 },
    posts: [
      p('bluesky', 'Ana Lima', 'analima.bsky.social', 2, 1210, 330, -0.2, 'An eval that a model can recognise as an eval measures test-taking, not behaviour.'),
      p('hackernews', 'gradientdescent', 'gradientdescent', 7, 301, 0, 0.44, 'I appreciate that the system card publishes the failures too. That is more useful than another safety pledge.'),
      p('x', 'Sam Whitford', '@swhitford', 10, 760, 120, -0.3, 'Red-teaming budgets are still a rounding error next to training runs.'),
      p('news', 'Signal Weekly', 'signalweekly.example', 20, 0, 0, 0, 'Labs are converging on shared evaluation suites, but disagree on who should run them.'),
    ],
    stories: [
      { title: 'AI labs edge towards shared safety tests, but not a shared referee', outlet: 'Signal Weekly', hoursAgo: 20 },
      { title: 'What a model\'s system card does and does not tell you', outlet: 'The Daily Circuit', hoursAgo: 40 },
    ],
    headline: 'A steady, split conversation about whether evals measure what matters',
    dek: 'Volume rose 3% and the mood held steady; the argument is about method, not alarm.',
    paragraphs: [
      'The most-engaged post questioned the tests themselves: "{0}"',
      'Some credit went to transparency: "{1}" Others pointed at money: "{2}"',
      'News framed it as a governance question: "{3}"',
    ],
  },
  {
    beat: 'consciousness',
    query: 'AI sentience consciousness',
    entities: [],
    volume24h: 240,
    volumePrev24h: 260,
    bySource: { bluesky: 90, x: 70, hackernews: 40, news: 25, mastodon: 15 },
    mood: { positive: 0.27, neutral: 0.45, negative: 0.28, score: -0.01, shift: 0.02 },
    posts: [
      p('bluesky', 'Hugo Brandt', 'hugobrandt.bsky.social', 4, 310, 75, 0, 'A chatbot saying it has feelings tells you about its training data, not about feelings.'),
      p('x', 'Nadia Rahimi', '@nadiarahimi_phil', 9, 420, 90, 0.1, 'We do not need to settle consciousness to decide how products should talk about themselves.'),
      p('news', 'Northwind Tribune', 'northwind.example', 21, 0, 0, 0, 'A group of philosophers and engineers proposed a checklist of indicators, while stressing that none is proof.'),
    ],
    stories: [
      { title: 'Philosophers and engineers publish a checklist for machine consciousness claims', outlet: 'Northwind Tribune', hoursAgo: 21 },
    ],
    headline: 'A quiet beat: careful voices on claims of machine feelings',
    dek: 'Talk was down 8% and the mood steady, mostly about how to judge such claims.',
    paragraphs: [
      'The most-shared post was sceptical: "{0}" A philosopher on X reframed it: "{1}"',
      'The news peg was a proposal: "{2}"',
    ],
  },
  {
    beat: 'bias-fairness',
    query: 'algorithmic bias audit',
    entities: [],
    volume24h: 310,
    volumePrev24h: 280,
    bySource: { bluesky: 120, news: 80, x: 60, mastodon: 30, hackernews: 20 },
    mood: { positive: 0.2, neutral: 0.42, negative: 0.38, score: -0.18, shift: -0.04 },
    posts: [
      p('news', 'The Daily Circuit', 'dailycircuit.example', 6, 0, 0, -0.2, 'An audit of a hiring screener found it ranked applicants lower when their CVs mentioned a career break.'),
      p('bluesky', 'Amara Nwosu', 'amaranwosu.bsky.social', 9, 640, 180, -0.35, 'Career breaks are mostly caregiving. A model that penalises them is a model that penalises mothers.'),
      p('mastodon', 'Pieter de Vries', '@pdevries@fairml.example', 16, 120, 40, 0.25, 'Good news buried in the report: the vendor retrained within a week once the audit data was shared.'),
    ],
    stories: [
      { title: 'Audit finds hiring AI marked down CVs with career breaks', outlet: 'The Daily Circuit', hoursAgo: 6 },
    ],
    headline: 'A hiring-tool audit puts career breaks in the spotlight',
    dek: 'Volume rose 11% and the mood held steady but negative, around one audit.',
    paragraphs: [
      'The audit set the agenda: "{0}"',
      'The sharpest reading came from Bluesky: "{1}" A quieter note on Mastodon: "{2}"',
    ],
  },
  {
    beat: 'policy-regulation',
    query: 'AI Act enforcement',
    entities: ['openai', 'anthropic'],
    volume24h: 960,
    volumePrev24h: 1120,
    bySource: { news: 380, bluesky: 240, x: 190, hackernews: 90, mastodon: 60 },
    mood: { positive: 0.22, neutral: 0.41, negative: 0.37, score: -0.14, shift: -0.09 },
    posts: [
      p('news', 'Ledger & Line', 'ledgerline.example', 4, 0, 0, 0, 'Regulators confirmed that obligations for general-purpose models apply from August, with codes of practice still being finalised.'),
      p('bluesky', 'Lena Fischer', 'lenafischer.bsky.social', 6, 540, 130, -0.36, 'Compliance teams are being asked to document training data they were never allowed to see. That is the real bottleneck.'),
      p('x', 'Tom Adeyemi', '@tadeyemi', 11, 880, 150, -0.1, 'Startups keep saying the rules will crush them. The text exempts most of them. Read it.'),
      p('hackernews', 'regwatch', 'regwatch', 15, 233, 0, -0.05, 'The penalty ceiling gets the headlines, but the reporting duties are what will change engineering roadmaps.'),
    ],
    stories: [
      { title: 'Obligations for general-purpose AI models to apply from August', outlet: 'Ledger & Line', hoursAgo: 4 },
      { title: 'The paperwork, not the fines: what AI rules ask of engineering teams', outlet: 'Signal Weekly', hoursAgo: 25 },
    ],
    headline: 'Enforcement dates firm up, and the argument moves to paperwork',
    dek: 'Talk is down 14% on the day and more negative, centred on documentation duties rather than fines.',
    paragraphs: [
      'The news peg was procedural: "{0}"',
      'On Bluesky the worry was practical: "{1}" Hacker News made a similar point: "{3}"',
      'Not everyone is alarmed. The most-shared post on X pushed back: "{2}"',
    ],
  },
  {
    beat: 'healthcare',
    query: 'clinical AI scribe',
    entities: [],
    volume24h: 430,
    volumePrev24h: 310,
    bySource: { news: 170, bluesky: 110, x: 80, hackernews: 40, mastodon: 30 },
    mood: { positive: 0.44, neutral: 0.36, negative: 0.2, score: 0.17, shift: 0.21 },
    posts: [
      p('news', 'Clinic Post', 'clinicpost.example', 5, 0, 0, 0.3, 'Hospitals piloting ambient scribes report doctors spending less time on notes after hours.'),
      p('bluesky', 'Kay Morrison', 'kaymorrison.bsky.social', 8, 640, 150, -0.05, 'It gave me back my evenings. It also once wrote that a patient denied chest pain when she said the opposite.'),
      p('x', 'Raj Malhotra', '@rajmalhotra_md', 13, 410, 70, 0.2, 'The scribe is only as good as the clinician who reads the note before signing it.'),
    ],
    stories: [
      { title: 'Hospitals report less after-hours paperwork with AI scribes', outlet: 'Clinic Post', hoursAgo: 5 },
      { title: 'AI scribes: the errors clinicians say they still catch', outlet: 'Northwind Tribune', hoursAgo: 30 },
    ],
    headline: 'Clinicians warm to AI scribes, with one eye on the errors',
    dek: 'Talk rose 39% and turned sharply more positive on reports of time saved.',
    paragraphs: ['The good news led: "{0}"', 'Clinicians on social media were more mixed: "{1}" On X: "{2}"'],
  },
  {
    beat: 'social-media',
    query: 'AI generated content feeds',
    entities: [],
    volume24h: 780,
    volumePrev24h: 900,
    bySource: { x: 300, bluesky: 240, news: 140, hackernews: 60, mastodon: 40 },
    mood: { positive: 0.19, neutral: 0.38, negative: 0.43, score: -0.24, shift: -0.08 },
    posts: [
      p('bluesky', 'Tess Holloway', 'tessholloway.bsky.social', 3, 870, 260, -0.4, 'Half my feed this morning was AI-generated recipe videos narrated by the same synthetic voice.'),
      p('x', 'Marcus Bell', '@marcusbell', 9, 540, 110, -0.2, 'Labels on AI images only work if the platforms keep the metadata. Most strip it on upload.'),
      p('news', 'Signal Weekly', 'signalweekly.example', 14, 0, 0, 0.1, 'Two platforms said they would label AI-generated videos by default from next month.'),
    ],
    stories: [
      { title: 'Platforms to label AI-generated videos by default', outlet: 'Signal Weekly', hoursAgo: 14 },
    ],
    headline: 'Feeds fill with synthetic clips, and labels are not keeping up',
    dek: 'Volume fell 13% but the mood is more negative, with 43% of posts critical.',
    paragraphs: ['The most-engaged complaint: "{0}" On X, a technical point: "{1}"', 'News had the platforms\' answer: "{2}"'],
  },
  {
    beat: 'labor-economy',
    query: 'AI jobs layoffs productivity',
    entities: [],
    volume24h: 1020,
    volumePrev24h: 850,
    bySource: { news: 360, x: 280, bluesky: 200, hackernews: 120, mastodon: 60 },
    mood: { positive: 0.21, neutral: 0.37, negative: 0.42, score: -0.21, shift: -0.11 },
    posts: [
      p('news', 'Ledger & Line', 'ledgerline.example', 4, 0, 0, -0.2, 'A support-software company said it would not replace agents who leave, citing AI tools that now answer most routine tickets.'),
      p('bluesky', 'Rosa Jimenez', 'rosajimenez.bsky.social', 7, 760, 200, -0.45, 'Not replacing people who leave is still a layoff. It just happens one resignation at a time.'),
      p('hackernews', 'payrollguy', 'payrollguy', 12, 280, 0, 0.2, 'Productivity numbers at our shop are real, but the time went into more projects, not fewer people.'),
    ],
    stories: [
      { title: 'Support firm freezes hiring as AI answers routine tickets', outlet: 'Ledger & Line', hoursAgo: 4 },
      { title: 'Where the hours saved by AI tools actually go', outlet: 'Northwind Tribune', hoursAgo: 33 },
    ],
    headline: 'Hiring freezes, not layoffs, are the new worry',
    dek: 'Talk is up 20% and more negative after a company said it would not refill support roles.',
    paragraphs: ['The trigger was a company statement: "{0}"', 'The response on Bluesky was pointed: "{1}" A different picture on Hacker News: "{2}"'],
  },
  {
    beat: 'education',
    query: 'AI tutors classrooms',
    entities: [],
    volume24h: 410,
    volumePrev24h: 380,
    bySource: { news: 140, bluesky: 110, x: 90, mastodon: 40, hackernews: 30 },
    mood: { positive: 0.34, neutral: 0.4, negative: 0.26, score: 0.08, shift: 0.06 },
    posts: [
      p('news', 'The Daily Circuit', 'dailycircuit.example', 6, 0, 0, 0.2, 'A school district trial found pupils using an AI tutor for maths homework asked more questions in class, not fewer.'),
      p('bluesky', 'Megan Doyle', 'megandoyle.bsky.social', 10, 380, 90, -0.2, 'I teach essay writing. I now spend more time checking whether work is theirs than teaching them to write.'),
      p('mastodon', 'Arjun Mehta', '@arjun@edu.example', 18, 150, 45, 0.4, 'Used the tutor as a sparring partner for exam revision with my Year 11s. They argued with it, which was the point.'),
    ],
    stories: [
      { title: 'AI maths tutor trial: pupils asked more questions in class', outlet: 'The Daily Circuit', hoursAgo: 6 },
    ],
    headline: 'Teachers report both sides of the AI tutor',
    dek: 'Volume rose 8% and the mood is more positive after an encouraging classroom trial.',
    paragraphs: ['The news was a trial result: "{0}"', 'Teachers were split. On Bluesky: "{1}" On Mastodon: "{2}"'],
  },
  {
    beat: 'creative-work',
    query: 'AI art music copyright',
    entities: [],
    volume24h: 560,
    volumePrev24h: 470,
    bySource: { bluesky: 230, x: 150, news: 90, mastodon: 60, hackernews: 30 },
    mood: { positive: 0.24, neutral: 0.33, negative: 0.43, score: -0.19, shift: -0.03 },
    posts: [
      p('bluesky', 'Iris Calloway', 'iriscalloway.bsky.social', 2, 1320, 410, -0.45, 'Found my illustrations in a training set again. Opting out after the fact is not consent.'),
      p('news', 'Northwind Tribune', 'northwind.example', 8, 0, 0, 0, 'A music label and an AI company announced a licensing deal that pays artists per training use.'),
      p('x', 'Felix Arendt', '@felixarendt_music', 15, 460, 80, 0.3, 'A licence that pays per use is the first AI deal I have seen that treats musicians as suppliers, not raw material.'),
    ],
    stories: [
      { title: 'Label and AI company agree per-use payments for training on music', outlet: 'Northwind Tribune', hoursAgo: 8 },
    ],
    headline: 'Artists push back on training data as a licensing deal offers a way out',
    dek: 'Talk rose 19% and the mood held steady, with 43% of posts negative.',
    paragraphs: ['The loudest voice was an illustrator\'s: "{0}"', 'The news offered a model: "{1}" Some musicians welcomed it: "{2}"'],
  },
];

/** The words the UI uses for a mood shift, from its value. */
export function shiftLabel(shift: number): string {
  if (shift > 0.15) return 'sharply more positive';
  if (shift > 0.05) return 'more positive';
  if (shift < -0.15) return 'sharply more negative';
  if (shift < -0.05) return 'more negative';
  return 'steady';
}

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

/** A small seeded generator (mulberry32): the same pack on every install. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(s: string): number {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** Splits `total` over `weights` in whole numbers that add up exactly (largest remainder). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const raw = weights.map((w) => (w / sum) * total);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]![1]]!++;
  return out;
}

/** Share of a day's posts in each UTC hour: quiet overnight in the Americas, busy in European afternoons and US mornings. */
const DAY_SHAPE = [0.55, 0.45, 0.38, 0.34, 0.33, 0.36, 0.45, 0.6, 0.78, 0.92, 1.0, 1.02, 1.05, 1.12, 1.25, 1.35, 1.38, 1.32, 1.22, 1.1, 0.98, 0.88, 0.78, 0.66];

/**
 * Seven days of hourly counts shaped like real traffic (a daily rhythm, noise, a weekend
 * dip and the odd burst around a post that travelled); the last 24 hours add up to
 * volume24h and the 24 before to volumePrev24h.
 */
function timeline(s: SampleBeat): TimelinePoint[] {
  const rnd = random(hash(s.beat));
  const hours = Array.from({ length: 168 }, (_, i) => END - (167 - i) * 3600_000);
  const weights = hours.map((t) => {
    const d = new Date(t);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6 ? 0.7 : 1;
    return DAY_SHAPE[d.getUTCHours()]! * weekend * (0.75 + 0.5 * rnd());
  });
  // Bursts where the sample's posts were written: a post that travels brings replies.
  for (const post of s.posts) {
    const i = 167 - post.hoursAgo;
    for (let k = 0; k < 4 && i + k < 168; k++) weights[i + k]! *= 1 + (post.likes + post.reposts + 300) / 1500 / (k + 1);
  }
  // Earlier days: around the previous day's level, drifting.
  const days = [0, 1, 2, 3, 4].map((d) => Math.round(s.volumePrev24h * (0.8 + 0.25 * rnd()) * (1 - 0.03 * (4 - d))));
  const totals = [...days, s.volumePrev24h, s.volume24h];
  return totals.flatMap((total, day) => {
    const slice = weights.slice(day * 24, day * 24 + 24);
    return apportion(total, slice).map((count, h) => ({ hour: new Date(hours[day * 24 + h]!).toISOString(), count, score: null }));
  });
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
    disclosure: `Sample narrative written by the Undercurrent team on ${SAMPLE_DATE} from illustrative posts by fictional people. Connect a source for live discourse.`,
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

/** The hand-written text of each beat, for the consistency test: headline, dek and paragraphs with {n} marks. */
export function sampleSources(): readonly Readonly<SampleBeat>[] {
  return BEAT_SAMPLES;
}

/** Every sample context, one per beat. */
export function samplePack(): DiscourseContext[] {
  return BEAT_SAMPLES.map((s) => {
    const posts = s.posts.map((p, i) => toPost(s, p, i));
    const hourly = timeline(s);
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
        // The window is the week the timeline charts.
        totalRecords: hourly.reduce((a, p) => a + p.count, 0),
        windowHours: hourly.length,
        bySource: Object.entries(s.bySource).map(([source, count]) => ({ source: source as SourceId, count })),
        mood: { ...s.mood, shiftLabel: shiftLabel(s.mood.shift) },
        keyVoices,
        timeline: hourly,
      },
      posts,
      narrative: narrative(s, posts),
      stories: s.stories.map((st, i) => ({
        id: `sample:${s.beat}:story:${i}`,
        title: st.title,
        url: `https://example.com/undercurrent-sample/${s.beat}/story-${i}`,
        outlet: st.outlet,
        category: beat.category,
        beat: s.beat,
        importance: 3,
        publishedAt: new Date(END - st.hoursAgo * 3600_000).toISOString(),
      })),
      freshness: { fetchedAt: new Date(END).toISOString(), stale: true, origin: 'sample', upstream: 'sample', sampleDate: SAMPLE_DATE, errors: [] },
    };
  });
}
