// The language of a page: its declared `<html lang>` when it is one the detector reads,
// else a count of each language's commonest words in the text (a few dozen words, no
// model to ship). Only the four languages with AI vocabulary in the lexicon are told apart.

/** Languages the lexicon has vocabulary for. */
export type PageLanguage = 'en' | 'de' | 'fr' | 'es';

const COMMON: Record<PageLanguage, string[]> = {
  en: ['the', 'and', 'of', 'to', 'is', 'that', 'with', 'for', 'this', 'are', 'was', 'it', 'be', 'on', 'have'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'ein', 'eine', 'auf', 'sich', 'den', 'für', 'auch', 'wird'],
  fr: ['le', 'les', 'et', 'des', 'est', 'une', 'dans', 'pour', 'que', 'qui', 'pas', 'sur', 'du', 'avec', 'au'],
  es: ['el', 'los', 'las', 'y', 'que', 'del', 'una', 'por', 'con', 'para', 'es', 'se', 'como', 'pero', 'al'],
};
const LANGS = Object.keys(COMMON) as PageLanguage[];
const INDEX = new Map<string, number>();
LANGS.forEach((l, i) => COMMON[l].forEach((w) => INDEX.set(w, (INDEX.get(w) ?? 0) | (1 << i))));

/** Words read when guessing from text. */
const SAMPLE_WORDS = 400;

/** The primary subtag of a declared language, if it is one of ours. */
export function declaredLanguage(lang: string | null | undefined): PageLanguage | null {
  const primary = (lang ?? '').trim().toLowerCase().split(/[-_]/)[0] as PageLanguage;
  return LANGS.includes(primary) ? primary : null;
}

/** The language whose common words are most frequent in `text`, or null when none stands out. */
export function guessLanguage(text: string): PageLanguage | null {
  const counts = new Array<number>(LANGS.length).fill(0);
  const re = /\p{L}+/gu;
  let n = 0;
  for (let m = re.exec(text); m && n < SAMPLE_WORDS; m = re.exec(text), n++) {
    const bits = INDEX.get(m[0].toLowerCase());
    if (bits) for (let i = 0; i < LANGS.length; i++) if (bits & (1 << i)) counts[i]!++;
  }
  let best = -1;
  let second = 0;
  for (let i = 0; i < LANGS.length; i++) {
    if (best < 0 || counts[i]! > counts[best]!) {
      if (best >= 0) second = Math.max(second, counts[best]!);
      best = i;
    } else second = Math.max(second, counts[i]!);
  }
  // Too few words, or two languages neck and neck: no guess.
  return counts[best]! >= 5 && counts[best]! >= second * 1.5 ? LANGS[best]! : null;
}

/** The page language: declared when it is one of ours, else guessed from the text. */
export function pageLanguage(declared: string | null | undefined, text: string): PageLanguage | null {
  return declaredLanguage(declared) ?? guessLanguage(text);
}
