/**
 * Typo-tolerant lookup of street-name words: a symmetric-deletion index (every word of the
 * reference stored under its variants with one or two letters deleted), so that a misspelt
 * word finds its neighbours without comparing it to the whole vocabulary.
 */

/** Edits allowed for a word of this length: none for short words, where a typo makes another word. */
export function allowedEdits(length: number): number {
  return length <= 3 ? 0 : length <= 7 ? 1 : 2;
}

let rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal string alignment distance (adjacent transpositions count as one edit), bounded. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = a.length,
    m = b.length;
  // Three rows reused from call to call: the distance runs for every candidate word.
  if (rows[0]!.length <= m) rows = [0, 1, 2].map(() => new Int32Array(2 * (m + 1)));
  let [prevPrev, prev, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= m; j++) {
    prevPrev[j] = 0;
    prev[j] = j;
    current[j] = 0;
  }
  for (let i = 1; i <= n; i++) {
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        d = Math.min(d, prevPrev[j - 2]! + 1);
      }
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const oldest = prevPrev;
    prevPrev = prev;
    prev = current;
    current = oldest;
  }
  return prev[m]!;
}

function deletions(word: string, depth: number, out: Set<string>): void {
  if (depth === 0 || word.length <= 1) return;
  for (let i = 0; i < word.length; i++) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!out.has(shorter)) {
      out.add(shorter);
      deletions(shorter, depth - 1, out);
    }
  }
}

export class TokenVocabulary {
  private readonly byDeletion = new Map<string, string[]>();
  private readonly words = new Set<string>();
  private readonly cache = new Map<string, Array<{ word: string; distance: number }>>();

  add(word: string): void {
    if (this.words.has(word)) return;
    this.words.add(word);
    const variants = new Set<string>([word]);
    deletions(word, allowedEdits(word.length), variants);
    for (const variant of variants) {
      const list = this.byDeletion.get(variant);
      if (list) list.push(word);
      else this.byDeletion.set(variant, [word]);
    }
  }

  has(word: string): boolean {
    return this.words.has(word);
  }

  /** Known words within the allowed number of edits of `word` (itself included when known). */
  near(word: string): Array<{ word: string; distance: number }> {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const max = allowedEdits(word.length);
    const variants = new Set<string>([word]);
    deletions(word, max, variants);
    const found = new Map<string, number>();
    for (const variant of variants) {
      for (const candidate of this.byDeletion.get(variant) ?? []) {
        if (found.has(candidate)) continue;
        const limit = Math.min(max, allowedEdits(candidate.length));
        const distance = editDistance(word, candidate, limit);
        if (distance <= limit) found.set(candidate, distance);
      }
    }
    const result = [...found].map(([w, distance]) => ({ word: w, distance }));
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }
}
