/** "Did you mean …?" for flags, commands and toy names: nearest words by edit distance. */

/** Levenshtein distance (insert, delete, substitute each cost 1). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * Up to `limit` words from `pool` closest to `word` (case-insensitive). A word that contains the
 * input, or that the input contains, ranks first: "demo" should find "Massage Demo" although
 * many short names are fewer edits away. Words too far off to be a typo are left out.
 */
export function nearest(word: string, pool: Iterable<string>, limit = 3): string[] {
  const w = word.toLowerCase();
  const scored: { word: string; score: number }[] = [];
  for (const candidate of new Set(pool)) {
    const c = candidate.toLowerCase();
    const contains = w.length >= 3 && (c.includes(w) || w.includes(c));
    const d = editDistance(w, c);
    // A typo changes a few characters; more than about a third of the word is a different word.
    if (!contains && d > Math.max(2, Math.floor(Math.max(w.length, c.length) / 3))) continue;
    scored.push({ word: candidate, score: contains ? d / 100 : d });
  }
  scored.sort((a, b) => a.score - b.score || a.word.localeCompare(b.word));
  return scored.slice(0, limit).map((s) => s.word);
}

/** `; did you mean X?` (or `X or Y`), or an empty string when nothing is near. */
export function didYouMean(word: string, pool: Iterable<string>, show: (w: string) => string): string {
  const near = nearest(word, pool);
  if (near.length === 0) return '';
  const shown = near.map(show);
  return `; did you mean ${shown.length > 1 ? `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}` : shown[0]}?`;
}
