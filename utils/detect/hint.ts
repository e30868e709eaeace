// The cheap look that decides whether a page is worth reading at all: a few regular
// expressions of AI vocabulary in English, German, French and Spanish, run on the title,
// meta description, headings and lead before any extraction, and again on the extracted
// text before the gazetteer is fetched. A miss here means no sidebar, so the words are
// broad (any sign of AI or machine learning); the detector decides precisely.

/** Case-insensitive signs of AI, in the four languages read. */
export const HINT_WORDS =
  /\b(?:A\.I\.|LLMs?|GPT[-\w]*|ChatGPT|OpenAI|Anthropic|DeepMind|DeepSeek|Claude|Gemini|Llama|Mistral|Qwen|Copilot|Hugging ?Face|Nvidia|machine[- ]learning|artificial intelligence|neural(?: net\w*)?|chatbots?|generative|deep[- ]learning|language models?|model weights|open[- ]weights?|reinforcement learning|transformers?|diffusion models?|embeddings?|fine[- ]tun\w+|computer vision|object detection|representation learning|multi-armed bandits?|prompt(?:ing|[- ]engineering)|pr[ée][- ]?entra[iî]n\w*|preentrenad\w*|vortrainiert\w*|tokeni[sz]\w*|few-shot|zero-shot|chain-of-thought|backpropagation|gradient descent|deepfakes?|agentic|inference|k(?:ü|ue)nstliche[nr]? intelligenz|sprachmodell\w*|maschinelle[ns]? lernen|neuronale\w* netz\w*|intelligence artificielle|apprentissage (?:automatique|profond|par renforcement)|mod[eè]les? de langage|r[ée]seaux? de neurones|inteligencia artificial|aprendizaje (?:autom[aá]tico|profundo|por refuerzo)|modelos? de lenguaje|redes? neuronal(?:es)?)\b/i;
/** Signs of AI that count only as written: the abbreviations AI, KI, IA, ML, AGI. */
export const HINT_CAPS = /\b(?:AI|AIs|KI|IA|AGI|ML|GenAI)\b/;

/** True when `text` carries any sign of AI. */
export function hasAiHint(text: string): boolean {
  return HINT_CAPS.test(text) || HINT_WORDS.test(text);
}
