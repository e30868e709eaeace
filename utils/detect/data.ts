// The bundled detector data (offline default): beat lexicons and weights from
// data/lexicon.json, the gazetteer from data/gazetteer.ts. Imported by the background
// and the `detect` command only — never by the always-on content script.
import lexicon from './data/lexicon.json';
import { BEAT_CODES, GAZETTEER } from './data/gazetteer';
import type { DetectorData, DetectorEntity, EntityKindLiteral } from './types';

const KINDS: Record<string, EntityKindLiteral> = { m: 'model', o: 'org', p: 'product', c: 'chip', d: 'dataset', b: 'benchmark', h: 'person' };

/** Parses the compact gazetteer lines (`kind id | Name | aliases | beats | flags`). */
export function parseGazetteer(source: string): DetectorEntity[] {
  const out: DetectorEntity[] = [];
  for (const [n, raw] of source.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const [head = '', name = '', aliases = '', beats = '', flags = ''] = line.split('|').map((f) => f.trim());
    const [kindCode = '', id = ''] = head.split(/\s+/);
    const kind = KINDS[kindCode];
    if (!kind || !id || !name) throw new Error(`gazetteer line ${n}: cannot read "${line}"`);
    const entity: DetectorEntity = {
      id,
      name,
      kind,
      aliases: aliases ? aliases.split(';').map((a) => a.trim()).filter(Boolean) : [],
      beats: beats.split(/\s+/).filter(Boolean).map((code) => {
        const beat = BEAT_CODES[code as keyof typeof BEAT_CODES];
        if (!beat) throw new Error(`gazetteer line ${n}: unknown beat code "${code}"`);
        return beat;
      }),
    };
    for (const flag of flags.split(/\s+/).filter(Boolean)) {
      if (flag === '?') entity.ambiguous = true;
      else if (flag === '~') entity.general = true;
      else if (flag === '=') entity.exact = true;
      else if (flag.startsWith('hf=')) entity.hfRepo = flag.slice(3);
      else throw new Error(`gazetteer line ${n}: unknown flag "${flag}"`);
    }
    out.push(entity);
  }
  return out;
}

/** The detector data shipped with the extension. */
export const bundledDetectorData: DetectorData = {
  version: 'bundled-2026.11',
  weights: lexicon.weights,
  ai: lexicon.ai,
  modelContext: lexicon.modelContext,
  notModels: lexicon.notModels,
  commonWords: lexicon.commonWords,
  beats: lexicon.beats as DetectorData['beats'],
  entities: parseGazetteer(GAZETTEER),
};
