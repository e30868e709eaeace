// Precision on real pages, by failure class (issue: names that are everyday words, passing
// mentions, new-name evidence, missed ML posts, wrong beats, languages). Each row is a
// shape seen on real saved pages, rewritten; tests/fixtures/real is the measure.
import { describe, expect, it } from 'vitest';
import { detect, type ExtractedPage } from '../../../utils/detect';
import { bundledDetectorData as data } from '../../../utils/detect/data';
import { guessLanguage, pageLanguage } from '../../../utils/detect/lang';
import { extractPage } from '../../../utils/extract';

const page = (title: string, body: string, lang?: string, kind: 'article' | 'post' = 'article'): ExtractedPage => ({
  url: 'https://news.example/a',
  site: 'news.example',
  kind,
  title,
  lead: '',
  body,
  ...(lang ? { lang } : {}),
});
const ids = (p: ExtractedPage) => detect(p, data).entities.map((e) => e.id);
const beat = (p: ExtractedPage) => detect(p, data).beat?.id ?? null;

const AI_EN = 'The language model was trained with reinforcement learning and its open weights were released on Hugging Face.';

describe('a name that is also an everyday word or place is not the name', () => {
  it.each([
    // what, lang, title, body, id that must not be reported
    ['Spanish "imagen" (image)', 'es', 'La inteligencia artificial llega a los hospitales', 'Imagen: archivo. La imagen muestra un robot. La inteligencia artificial generativa y los modelos de lenguaje ayudan a los médicos a leer una imagen de rayos X.', 'imagen'],
    ['Spanish "veo" (I see)', 'es', 'Inteligencia artificial en la escuela', 'Veo que los estudiantes usan la inteligencia artificial. Veo muchos modelos de lenguaje en las aulas y la IA generativa ya está aquí.', 'veo'],
    ['Spanish "llama" (calls)', 'es', 'Un chatbot de inteligencia artificial', 'Llama la atención que el chatbot de inteligencia artificial responde rápido. Llama a su madre cada día, dice el modelo de lenguaje.', 'llama'],
    ['French "le chat" (the cat)', 'fr', "L'intelligence artificielle et les animaux", "Le chat dort. Le chat regarde l'écran où un modèle de langage d'intelligence artificielle décrit des images.", 'le-chat'],
    ['XAI, explainable AI', 'en', 'Explainable AI in the clinic', 'XAI methods make a neural network explain its output. XAI is a field of machine learning research, and XAI tools help clinicians.', 'xai'],
    ['minimax, the game-tree rule', 'en', 'How chess engines think', 'The AI uses minimax search with alpha-beta pruning. Minimax assumes the opponent plays well; a neural network then scores positions for the machine learning model.', 'minimax'],
    ['meta-learning', 'en', 'Meta-learning for few-shot tasks', 'Meta-learning trains a neural network to adapt fast. In machine learning, Meta-learning methods learn to learn across tasks with deep learning.', 'meta'],
    ['a cited author who shares a chip name', 'en', 'Attention in neural networks', 'As Rubin et al. showed, the neural network learns attention over inputs. Later work (Rubin, 2019) trained deep learning models on more data.', 'rubin'],
    ['the metric perplexity', 'en', 'Evaluating a language model', 'Perplexity is the exponent of the cross-entropy. The language model reaches a perplexity of 12 after training, and perplexity falls as the neural network grows.', 'perplexity'],
    ['a numbered step', 'en', 'Fine-tuning a language model', 'Step 3: load the language model and its weights. Step 4: start fine-tuning the neural network on your data with machine learning tools.', 'step-3'],
    ['a road', 'en', 'Roadworks on the A100 this weekend', 'The A100 will be closed between junctions 3 and 4 for resurfacing. Drivers should follow the diversion along the B200.', 'a100'],
    ['a journal', 'en', 'How children learn words', 'The study, published in Cognition, found that children learn words from context. Neural network models of learning were compared with the machine learning results.', 'cognition'],
  ])('%s', (_what, lang, title, body, id) => {
    expect(ids(page(title, body, lang))).not.toContain(id);
  });

  it.each([
    ['Imagen 3 in a Spanish story (versioned)', 'es', 'Google presenta Imagen 3', 'Google presentó Imagen 3, su modelo de inteligencia artificial generativa que crea imágenes a partir de texto.', 'imagen'],
    ['xAI as spelled', 'en', 'xAI raises money', 'xAI, the AI company, released Grok 4 with open weights for its language model.', 'xai'],
    ['MiniMax as spelled', 'en', 'MiniMax ships a model', 'MiniMax released the open weights of its language model on Hugging Face.', 'minimax'],
    ['A100 GPUs', 'en', 'Training on A100s', 'The language model was trained on 4,096 A100 GPUs for machine learning research.', 'a100'],
    ['Perplexity the company, mid-sentence', 'en', 'AI search engines', 'The startup Perplexity raised money for its AI search engine, a chatbot built on language models.', 'perplexity'],
    ['a two-word name opening a sentence', 'en', 'Open weights everywhere', 'Rival labs are watching. Mistral AI, which released its own open-weights models earlier this year, said openness keeps the field honest.', 'mistral-ai'],
  ])('the name still counts where it is one: %s', (_what, lang, title, body, id) => {
    expect(ids(page(title, body, lang))).toContain(id);
  });
});

describe('a passing mention is not a page about AI', () => {
  it.each([
    ['a story that mentions a chatbot once', 'City council approves new bus lanes', 'The council voted 7-2 to approve bus lanes on Main Street. Residents spoke for two hours. One speaker said a chatbot had answered her questions about the plan faster than the city website. The lanes open in March, and cyclists will share them at night.'],
    ['artificial intelligence once in a long review', 'Voice search shoot-out on two phones', 'I tested the new voice search on both phones for a week. '.repeat(10) + 'It feels like an artificial intelligence experience at times. ' + 'Battery life, weather and directions were the real tests. '.repeat(10)],
  ])('%s', (_what, title, body) => {
    expect(beat(page(title, body))).toBeNull();
  });

  const doc = (html: string) => new DOMParser().parseFromString(html, 'text/html');
  const prose = '<p>The harbour festival returns this weekend with boats, music and food stalls along the quay, and the organisers expect thousands of visitors from across the region.</p>'.repeat(4);
  it.each([
    ['AI only in the navigation and footer', `<html><body><nav><a href="/ai">AI</a> <a href="/ai">Artificial intelligence</a> <a href="/ml">Machine learning</a></nav><article><h1>Harbour festival returns</h1>${prose}</article><footer>AI newsletter · Machine learning jobs · ChatGPT tips</footer></body></html>`],
    ['an AI-generated audio player label', `<html><body><article><h1>Harbour festival returns</h1><div class="audio-player"><button>Listen</button><span>This audio is AI-generated. AI voice by a text-to-speech model.</span></div>${prose}</article></body></html>`],
    ['a homepage whose text is headlines', `<html><body><main>${Array.from({ length: 30 }, (_, i) => `<h3><a href="/s${i}">${i % 10 === 0 ? 'AI chatbots and machine learning reshape the office' : 'Harbour festival returns with boats and music'}</a></h3>`).join('')}<p>Subscribe today.</p></main></body></html>`],
  ])('%s', (_what, html) => {
    const p = extractPage(doc(html), 'https://news.example/2026/harbour');
    expect(p ? beat(p) : null).toBeNull();
  });
});

describe('a new name needs a version and model context, or the title', () => {
  it.each([
    ['method names', 'Few-Shot prompting and Retrieval-Augmented generation beat Sparsely-Gated mixtures; the model weights were released.', 'few-shot'],
    ['method names (2)', 'Few-Shot prompting and Retrieval-Augmented generation beat Sparsely-Gated mixtures; the model weights were released.', 'retrieval-augmented'],
    ['a date', 'On Sep 8 the lab released the model weights and its parameters.', 'sep-8'],
    ['a numbered heading', 'Mistake 1: forgetting to save the model checkpoint. The model weights matter.', 'mistake-1'],
    ['a byline with a number', 'By Surname 2 comments. The model weights were released with 7 billion parameters.', 'surname-2'],
    ['a German compound', 'Die Open-Source-Modelle wurden veröffentlicht; die Gewichte des Modells sind frei.', 'source-modelle'],
  ])('not a name: %s', (_what, body, id) => {
    expect(ids(page('Notes on language models and AI', body))).not.toContain(id);
  });

  it.each([
    ['a hyphenated version', 'Korvax-2 was released with open weights and 12 billion parameters.', 'korvax-2'],
    ['a size', 'Zephyrine 12B was fine-tuned and its weights released.', 'zephyrine'],
    ['two words and a version', 'Nemotron-Cascade 2 was released with open weights.', 'nemotron-cascade-2'],
    ['a dotted version', 'Yuan 1.0 was trained with 245 billion parameters and released.', 'yuan-1.0'],
  ])('a name: %s', (_what, body, id) => {
    expect(ids(page('Open models and AI', body))).toContain(id);
  });
});

describe('machine-learning research and tutorial posts are found, under Models & Research', () => {
  it.each([
    ['reinforcement learning', 'Policy gradient algorithms', 'Policy gradient methods optimise the policy directly. We derive the REINFORCE estimator, add a baseline to reduce variance, and compare actor-critic methods on continuous control. Reinforcement learning agents learn from reward signals; the policy gradient theorem makes this tractable.'],
    ['bandits', 'The multi-armed bandit problem and its solutions', 'A multi-armed bandit has K arms with unknown rewards. Epsilon-greedy, UCB and Thompson sampling trade exploration against exploitation. We compare their regret in simulation, a classic setting for reinforcement learning research.'],
    ['object detection', 'Object detection for dummies, part 3', 'Object detection finds and classifies objects in an image. R-CNN proposes regions, Fast R-CNN shares convolutional features, and the region proposal network makes detection end to end. We train a convolutional neural network on the COCO benchmark.'],
    ['representation learning', 'Contrastive representation learning', 'Representation learning maps inputs to embeddings that make downstream tasks easy. Contrastive losses pull positive pairs together and push negatives apart; self-supervised learning methods such as SimCLR learn without labels and are evaluated on benchmarks.'],
  ])('%s', (_what, title, body) => {
    expect(beat(page(title, body))).toBe('research-models');
  });
});

describe('pages in German, French and Spanish', () => {
  it.each([
    ['de', 'KI-Modell von Forschern vorgestellt', 'Forscher haben ein neues Sprachmodell vorgestellt. Die künstliche Intelligenz wurde mit maschinellem Lernen trainiert, und die KI beantwortet Fragen.', 'research-models'],
    ['fr', "L'IA générative à l'école", "Les enseignants voient les élèves utiliser l'intelligence artificielle. L'IA générative et les modèles de langage changent les devoirs à l'école.", 'education'],
    ['es', 'La IA en los hospitales', 'Los médicos usan la inteligencia artificial para leer radiografías. Los pacientes reciben diagnósticos más rápidos gracias a la IA y al aprendizaje automático.', 'healthcare'],
  ])('%s', (lang, title, body, want) => {
    expect(beat(page(title, body, lang))).toBe(want);
  });

  it.each([
    ['IA is Iowa on an English page', 'en', 'Des Moines, IA weather', 'Des Moines, IA: snow expected tonight. Residents of Ames, IA and Iowa City, IA should drive carefully. The IA department of transport has trucks ready.'],
    ['KI on a French page is no German AI', 'fr', 'Le KI de Pierre', 'Le KI est un club de sport. Le KI organise des matchs le samedi et le KI recrute des joueurs.'],
  ])('%s', (_what, lang, title, body) => {
    expect(beat(page(title, body, lang))).toBeNull();
  });

  it.each([
    ['declared wins', 'de-DE', 'The model is here and it is good.', 'de'],
    ['declared but not ours: guess', 'pt-BR', 'Les modèles de langage sont dans les écoles et les élèves les utilisent pour des devoirs.', 'fr'],
    ['guessed German', undefined, 'Die Forscher haben das Modell mit den Daten trainiert und es ist nicht schlecht, sagt sie.', 'de'],
    ['guessed Spanish', undefined, 'Los investigadores entrenaron el modelo con los datos y es muy bueno para las tareas de la escuela.', 'es'],
    ['too little text', undefined, 'OK', null],
  ])('page language: %s', (_what, declared, text, want) => {
    expect(pageLanguage(declared, text)).toBe(want);
  });

  it('guesses nothing when two languages are level', () => {
    expect(guessLanguage('the der the der the der the der the der')).toBeNull();
  });
});
