/** Text as a search compares it: without accents, in lower case. */
export function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase();
}

/**
 * Whether every word of `query` appears somewhere in `texts`, whatever the
 * case and accents ("cote ivoire" finds "Côte d'Ivoire"); an empty query
 * matches everything.
 */
export function matchesEveryWord(query: string, texts: string[]): boolean {
  const haystack = folded(texts.join(' '));
  return folded(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
