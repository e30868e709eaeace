// The bundled detector data (offline default). Imported by the background and the
// `detect` command only — never by the always-on content script.
import type { DetectorData } from './types';

export const bundledDetectorData: DetectorData = {
  version: 'bootstrap-1',
  threshold: 3,
  beats: {
    'open-source-ai': { terms: { 'open source': 2, 'open-source': 2, 'open weights': 3, 'open-weights': 3, 'hugging face': 2, weights: 1, license: 1 } },
    'industry-business': { terms: { funding: 2, valuation: 2, revenue: 2, acquisition: 2, startup: 1, investors: 2 } },
    'hardware-compute': { terms: { gpu: 2, gpus: 2, chips: 2, nvidia: 2, 'data center': 2, compute: 1 } },
    'research-models': { terms: { benchmark: 2, paper: 1, model: 1, parameters: 2, training: 1, 'language model': 2 } },
    'agents-automation': { terms: { agent: 2, agents: 2, agentic: 3, automation: 2, 'tool use': 2 } },
    'security-privacy': { terms: { jailbreak: 3, 'prompt injection': 3, vulnerability: 2, privacy: 2, breach: 2 } },
    'safety-alignment': { terms: { alignment: 3, 'ai safety': 3, 'existential risk': 3, misaligned: 3 } },
    consciousness: { terms: { conscious: 3, consciousness: 3, sentient: 3, sentience: 3 } },
    'bias-fairness': { terms: { bias: 2, biased: 2, fairness: 3, discrimination: 2 } },
    'policy-regulation': { terms: { regulation: 3, 'ai act': 3, lawmakers: 2, policy: 1, senate: 2, executive: 1 } },
    healthcare: { terms: { patients: 2, clinical: 2, diagnosis: 2, hospital: 2, medical: 2 } },
    'social-media': { terms: { deepfake: 3, deepfakes: 3, misinformation: 2, 'social media': 2 } },
    'labor-economy': { terms: { jobs: 2, workers: 2, layoffs: 2, unemployment: 2, labor: 2 } },
    education: { terms: { students: 2, teachers: 2, classroom: 2, school: 1, homework: 2 } },
    'creative-work': { terms: { artists: 2, copyright: 2, musicians: 2, writers: 1, 'image generator': 3 } },
  },
  entities: [
    { id: 'llama', name: 'Llama', kind: 'model', aliases: ['Llama', 'LLaMA'], beats: ['open-source-ai', 'research-models'], ambiguous: true },
    { id: 'deepseek-v3', name: 'DeepSeek V3', kind: 'model', aliases: ['DeepSeek V3', 'DeepSeek-V3'], beats: ['open-source-ai', 'research-models'] },
    { id: 'deepseek', name: 'DeepSeek', kind: 'org', aliases: ['DeepSeek'], beats: ['open-source-ai', 'industry-business'] },
    { id: 'anthropic', name: 'Anthropic', kind: 'org', aliases: ['Anthropic'], beats: ['safety-alignment', 'industry-business'] },
    { id: 'openai', name: 'OpenAI', kind: 'org', aliases: ['OpenAI'], beats: ['industry-business'] },
    { id: 'meta', name: 'Meta', kind: 'org', aliases: ['Meta AI'], beats: ['industry-business'] },
    { id: 'mistral-ai', name: 'Mistral AI', kind: 'org', aliases: ['Mistral AI', 'Mistral'], beats: ['open-source-ai'], ambiguous: true },
    { id: 'hugging-face', name: 'Hugging Face', kind: 'org', aliases: ['Hugging Face', 'HuggingFace'], beats: ['open-source-ai'] },
    { id: 'nvidia', name: 'Nvidia', kind: 'org', aliases: ['Nvidia', 'NVIDIA'], beats: ['hardware-compute'] },
  ],
};
