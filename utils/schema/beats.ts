// The fixed beat table. Plain data with no zod import, so the always-on
// content script and the `detect` command can use it without paying for the schemas.

export const BEAT_CATEGORIES = ['Industry', 'Technical', 'Philosophical', 'Policy', 'Society'] as const;

export const BEATS = [
  { id: 'open-source-ai', name: 'Open Source AI', category: 'Industry' },
  { id: 'industry-business', name: 'AI Industry & Business', category: 'Industry' },
  { id: 'hardware-compute', name: 'AI Hardware & Compute', category: 'Industry' },
  { id: 'research-models', name: 'Models & Research', category: 'Technical' },
  { id: 'agents-automation', name: 'Agents & Automation', category: 'Technical' },
  { id: 'security-privacy', name: 'AI Security & Privacy', category: 'Technical' },
  { id: 'safety-alignment', name: 'AI Safety & Alignment', category: 'Philosophical' },
  { id: 'consciousness', name: 'AI Consciousness', category: 'Philosophical' },
  { id: 'bias-fairness', name: 'AI Bias & Fairness', category: 'Philosophical' },
  { id: 'policy-regulation', name: 'AI Policy & Regulation', category: 'Policy' },
  { id: 'healthcare', name: 'AI in Healthcare', category: 'Society' },
  { id: 'social-media', name: 'AI & Social Media', category: 'Society' },
  { id: 'labor-economy', name: 'AI, Labor & the Economy', category: 'Society' },
  { id: 'education', name: 'AI in Education', category: 'Society' },
  { id: 'creative-work', name: 'AI & Creative Work', category: 'Society' },
] as const satisfies readonly { id: string; name: string; category: (typeof BEAT_CATEGORIES)[number] }[];

export type BeatIdLiteral = (typeof BEATS)[number]['id'];

export const BEAT_IDS = BEATS.map((b) => b.id) as unknown as readonly [BeatIdLiteral, ...BeatIdLiteral[]];

/** The beat with this id, or undefined for an unknown id. */
export function beatById(id: string): (typeof BEATS)[number] | undefined {
  return BEATS.find((b) => b.id === id);
}
