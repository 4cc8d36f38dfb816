/**
 * Counts the site shows besides the tables (geocoding quality, editions' changes) follow
 * Article 7 like the tables: a count of 1 to 4 records is never printed. Either it is
 * written "moins de 5", or small counts are grouped until the group holds at least 5.
 */
export const FEWER_THAN = "moins de 5";

/** The count as published: itself when 0 or at least `threshold`, else "moins de 5". */
export function publishedCount(n: number, threshold = 5): number | string {
  return n > 0 && n < threshold ? (threshold === 5 ? FEWER_THAN : `moins de ${threshold}`) : n;
}

/**
 * Counts by category with every count of 1 to threshold-1 merged into `groupLabel`; when the
 * group itself stays under the threshold, the smallest other category joins it, so that the
 * group cannot be read as a small count either (the grand total is published beside it).
 */
export function groupSmallCounts(
  counts: Readonly<Record<string, number | undefined>>,
  groupLabel: string,
  threshold = 5,
): Record<string, number> {
  const entries = Object.entries(counts).filter((e): e is [string, number] => (e[1] ?? 0) > 0);
  const small = entries.filter(([, n]) => n < threshold);
  if (small.length === 0) return Object.fromEntries(entries);
  const large = entries.filter(([, n]) => n >= threshold).sort((a, b) => a[1] - b[1]);
  let group = small.reduce((s, [, n]) => s + n, 0);
  while (group < threshold && large.length > 0) group += large.shift()![1];
  const out: Record<string, number> = {};
  for (const [k, n] of entries) if (large.some(([l]) => l === k)) out[k] = n;
  out[groupLabel] = group;
  return out;
}
