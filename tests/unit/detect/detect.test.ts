// Entity matching, ambiguity, unseen names, ranges, beat output shape, data merging.
import { describe, expect, it } from 'vitest';
import { detect, findEntities, mergeEntities, pageText, prefilter, type ExtractedPage } from '../../../utils/detect';
import { bundledDetectorData as data } from '../../../utils/detect/data';
import { DetectorDataSchema, parseDetectorData } from '../../../utils/schema/detector';
import { PageTopic, Entity } from '../../../utils/schema';

const page = (title: string, body: string, lead = ''): ExtractedPage => ({ url: 'https://news.example/a', site: 'news.example', kind: 'article', title, lead, body });

describe('gazetteer', () => {
  it('has at least 400 entities with unique ids of every kind', () => {
    expect(data.entities.length).toBeGreaterThanOrEqual(400);
    expect(new Set(data.entities.map((e) => e.id)).size).toBe(data.entities.length);
    for (const kind of ['model', 'org', 'product', 'chip', 'dataset', 'benchmark', 'person']) expect(data.entities.some((e) => e.kind === kind)).toBe(true);
  });

  it('parses with the DetectorData schema (so refreshed copies can be checked the same way)', () => {
    expect(() => parseDetectorData(data)).not.toThrow();
    expect(DetectorDataSchema.safeParse({ ...data, weights: { ...data.weights, title: -1 } }).success).toBe(false);
  });
});

const AI = 'The AI lab released the open weights of the model on Hugging Face.';

describe('findEntities: spellings fold to one entity', () => {
  it.each([
    ['DeepSeek-V3 is here.', 'deepseek-v3', 'DeepSeek-V3'],
    ['DeepSeek V3 is here.', 'deepseek-v3', 'DeepSeek V3'],
    ['deepseek v3 is here.', 'deepseek-v3', 'deepseek v3'],
    ['DeepSeekV3 is here.', 'deepseek-v3', 'DeepSeekV3'],
    ['Tülu 3 is here.', 'tulu-3', 'Tülu 3'],
    ['Tulu 3 is here.', 'tulu-3', 'Tulu 3'],
    ['Meta shipped Llama 3.1 405B today.', 'llama-3.1', 'Llama 3.1 405B'],
    ['We fine-tuned Llama-3.1-8B-Instruct.', 'llama-3.1', 'Llama-3.1-8B-Instruct'],
    ['Qwen2.5 and more.', 'qwen2.5', 'Qwen2.5'],
    ['Qwen 2.5 and more.', 'qwen2.5', 'Qwen 2.5'],
    ['Mixtral 8x7B runs fast.', 'mixtral', 'Mixtral 8x7B'],
    ['Use HuggingFace today.', 'hugging-face', 'HuggingFace'],
    ['Claude Sonnet 4.5 writes code.', 'claude-sonnet-4.5', 'Claude Sonnet 4.5'],
    ['GPT-4o mini is cheap.', 'gpt-4o-mini', 'GPT-4o mini'],
    ['Nvidia H100 GPUs.', 'h100', 'Nvidia H100'],
    ['Eight H100s in a node.', 'h100', 'H100s'],
  ])('%s → %s', (text, id, written) => {
    const found = findEntities(`${text} ${AI}`, data).find((m) => m.id === id);
    expect(found, JSON.stringify(findEntities(text, data))).toBeDefined();
    expect(`${text} ${AI}`.slice(found!.start, found!.end)).toBe(written);
    expect(found!.known).toBe(true);
  });
});

describe('ambiguous names need AI evidence nearby', () => {
  it.each([
    ['The llamas grazed on the hill. Llama wool is warm.', 'llama', false],
    ['Meta released Llama under an open license for AI developers.', 'llama', true],
    ['The cold mistral wind blew. Mistral gusts reached 90 km/h.', 'mistral-ai', false],
    ['Mistral released a new AI model with open weights.', 'mistral-ai', true],
    ['Gemini, your horoscope says rest this week.', 'gemini', false],
    ['Gemini, the AI chatbot from Google, answered.', 'gemini', true],
    ['Claude Monet painted water lilies.', 'claude', false],
    ['Claude, the AI assistant, wrote the code.', 'claude', true],
    ['An apple a day. Apple pie is great.', 'apple', false],
    ['Apple trains its AI models on private cloud compute.', 'apple', true],
    ['Falcon nests on the tower.', 'falcon', false],
    ['To grok a thing is to know it.', 'grok', false],
    ['Grok, the xAI chatbot, answered wrongly.', 'grok', true],
    ['The letter Phi denotes the golden ratio.', 'phi', false],
    ['Orca pods feed in the strait.', 'orca', false],
  ])('%s → %s counted: %s', (text, id, counted) => {
    expect(findEntities(text, data).some((m) => m.id === id)).toBe(counted);
  });

  it('counts an ambiguous name in a short text when the page confirmed it', () => {
    expect(findEntities('Claude', data).some((m) => m.id === 'claude')).toBe(false);
    expect(findEntities('Claude', data, ['claude']).some((m) => m.id === 'claude')).toBe(true);
  });
});

describe('unseen model names are reported with known: false', () => {
  it.each([
    ['Korvax-2 is a new model with 12B parameters and open weights.', 'korvax-2', 'Korvax-2'],
    ['The lab open-sourced Zephyrine 7B, a reasoning model.', 'zephyrine', 'Zephyrine 7B'],
    ['Meta is training Llama 5, a much larger AI model.', 'llama-5', 'Llama 5'],
    ['Brightwave-Orbit 3 weights are on Hugging Face.', 'brightwave-orbit-3', 'Brightwave-Orbit 3'],
  ])('%s', (text, id, name) => {
    const m = findEntities(text, data).find((e) => e.id === id);
    expect(m, JSON.stringify(findEntities(text, data))).toMatchObject({ name, known: false, kind: 'model' });
  });

  it.each([
    ['Windows 11 ships next month with new AI features and a new model of licensing.'],
    ['Section 230 protects platforms, the AI model debate aside.'],
    ['SpaceX launched Falcon 9 on Friday.'],
    ['The iPhone 16 has a faster chip for AI models.'],
    ['Paragraph 12: the open-weights model was released with its weights on Hugging Face.'],
    ['Lesson 3 covers how language models learn their weights.'],
  ])('no unseen name in: %s', (text) => {
    expect(findEntities(text, data).filter((m) => !m.known)).toEqual([]);
  });
});

describe('detect', () => {
  it('returns a PageTopic with ranges indexing `${title}\\n${lead}\\n${body}`', () => {
    const p = page('Meta releases Llama 3.1 405B with open weights', 'An open model for AI developers.', 'Llama-3.1-405B is on Hugging Face. Meta said more is coming.');
    const topic = detect(p, data);
    expect(() => PageTopic.parse(topic)).not.toThrow();
    expect(topic.beat?.id).toBe('open-source-ai');
    const text = pageText(p);
    const llama = topic.entities.find((e) => e.id === 'llama-3.1')!;
    expect(llama.count).toBe(2);
    expect(llama.ranges.map(([s, e]) => text.slice(s, e))).toEqual(['Llama 3.1 405B', 'Llama-3.1-405B']);
    expect(topic.query).toContain('Llama 3.1');
    expect(topic.runnersUp.every((r) => r.score <= topic.beat!.score)).toBe(true);
  });

  it('never puts the title or other page text in the query', () => {
    const title = 'Teachers say chatbots are rewriting homework in our district';
    const topic = detect(page(title, 'Students use generative AI chatbots for essays; teachers worry about AI in the classroom and homework.'), data);
    expect(topic.beat?.id).toBe('education');
    expect(topic.entities.filter((e) => e.known)).toEqual([]);
    expect(topic.query).not.toContain('Teachers');
    expect(topic.query).not.toContain('district');
  });

  it('gives no beat, no entities and no query to a page that is not about AI', () => {
    const topic = detect(page('Apple pie', 'Peel six apples. The mistral wind blew while Claude baked. Gemini apples keep their shape.'), data);
    expect(topic).toMatchObject({ beat: null, runnersUp: [], entities: [], query: '' });
  });

  it('does not call a long page about AI for one passing mention', () => {
    const filler = 'The council discussed the new bus routes, parking fees and the library budget. '.repeat(300);
    expect(detect(page('City council meeting', `${filler} One speaker mentioned AI. ${filler}`), data).beat).toBeNull();
  });

  it.each([
    [page('DeepSeek V3 is out', ''), true],
    [page('Weekend weather', 'Sunny and warm; the council meets on Monday about bus routes.'), false],
    [page('', '', 'Our artificial intelligence team'), true],
  ])('prefilter %#', (p, expected) => {
    expect(prefilter(p)).toBe(expected);
  });
});

describe('mergeEntities', () => {
  it('adds refreshed entities and lets their names match, without changing the bundled data', () => {
    const fresh = Entity.parse({ id: 'quillmoth-4', name: 'Quillmoth 4', kind: 'model', aliases: ['Quillmoth-4', 'QM4'], beats: ['research-models'] });
    const merged = mergeEntities(data, [fresh]);
    expect(merged.entities.length).toBe(data.entities.length + 1);
    expect(data.entities.some((e) => e.id === 'quillmoth-4')).toBe(false);
    expect(findEntities('QM4 beats GPT-5.', merged).find((m) => m.id === 'quillmoth-4')).toMatchObject({ known: true, start: 0, end: 3 });
    expect(findEntities('QM4 beats GPT-5.', data).some((m) => m.id === 'quillmoth-4')).toBe(false);
  });

  it('replaces an entity with the same id and unites the aliases', () => {
    const merged = mergeEntities(data, [Entity.parse({ id: 'anthropic', name: 'Anthropic PBC', kind: 'org', aliases: ['Anthropic PBC'] })]);
    const e = merged.entities.filter((x) => x.id === 'anthropic');
    expect(e).toHaveLength(1);
    expect(e[0]!.name).toBe('Anthropic PBC');
    expect(e[0]!.beats).toEqual(data.entities.find((x) => x.id === 'anthropic')!.beats);
    expect(() => parseDetectorData(merged)).not.toThrow();
  });
});
