// What a narrative cost, from the token counts the API reports and the public price
// list (USD per million tokens, platform.claude.com/docs/en/about-claude/pricing, 2026-11).
// A model not listed gets no price rather than a guess.

interface Price {
  input: number;
  output: number;
  /** Cache hits, per million tokens. */
  cacheRead: number;
}

// Longest prefix first: "claude-opus-5-5" must not be priced as "claude-opus-5".
const PRICES: [prefix: string, price: Price][] = [
  ['claude-fable-5-1', { input: 10, output: 50, cacheRead: 0.25 }],
  ['claude-mythos-5-1', { input: 10, output: 50, cacheRead: 0.25 }],
  ['claude-opus-5-5', { input: 4, output: 20, cacheRead: 0.2 }],
  ['claude-sonnet-5-5', { input: 2, output: 10, cacheRead: 0.1 }],
  ['claude-haiku-5-5', { input: 0.1, output: 0.5, cacheRead: 0.01 }],
  ['claude-fable-5', { input: 10, output: 50, cacheRead: 1 }],
  ['claude-mythos-5', { input: 10, output: 50, cacheRead: 1 }],
  ['claude-opus-5', { input: 5, output: 25, cacheRead: 0.5 }],
  ['claude-sonnet-5', { input: 2, output: 10, cacheRead: 0.2 }],
  ['claude-opus-4-8', { input: 5, output: 25, cacheRead: 0.5 }],
  ['claude-opus-4-7', { input: 5, output: 25, cacheRead: 0.5 }],
  ['claude-opus-4-6', { input: 5, output: 25, cacheRead: 0.5 }],
  ['claude-opus-4-5', { input: 5, output: 25, cacheRead: 0.5 }],
  ['claude-sonnet-4', { input: 3, output: 15, cacheRead: 0.3 }],
  ['claude-haiku-4-5', { input: 1, output: 5, cacheRead: 0.1 }],
];

/** Token counts as summed over a narrative's requests. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** Estimated USD for the usage, or null for a model without a listed price. 5-minute cache writes cost 1.25× input. */
export function estimateUsd(model: string, u: TokenUsage): number | null {
  const price = PRICES.find(([prefix]) => model === prefix || model.startsWith(`${prefix}-`))?.[1];
  if (!price) return null;
  const usd = (u.inputTokens * price.input + u.cacheWriteTokens * price.input * 1.25 + u.cacheReadTokens * price.cacheRead + u.outputTokens * price.output) / 1e6;
  return Math.round(usd * 1e6) / 1e6;
}
