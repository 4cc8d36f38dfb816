import { cellKey, type Cell, type PublishedCell } from "../contracts.ts";

/**
 * What the editions already online impose on the protection of a new or revised edition
 * (Article 7 over time, docs/SECRET-EDITIONS.md). An archive cannot be taken back: what it
 * published is known for ever, and a cell it hid must not come back by difference.
 * - A cell secret in an archive stays secret: its new value, published, would give the old
 *   one back whenever it did not change, and nothing public says whether it did.
 * - A cell public in an archive with the value computed now stays public (`locked`): it is
 *   online anyway, so hiding it protects nothing, and the protection must not count on it as
 *   a complement (it finds another one).
 * - A cell public in an archive whose value changed is revised: it is protected anew like a
 *   new cell, and its key goes into the published list of revised cells (`revised`), so that
 *   the audit of the union links each other cell to its archived value (editions-union.ts)
 *   and never a revised one.
 */
export interface ArchiveConstraints {
  secret: Set<string>;
  locked: Set<string>;
  /** Keys of the cells public in an older edition whose value changed, sorted. */
  revised: string[];
}

/** Published values are rounded at their decimals: a difference below this is no revision. */
const sameValue = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/** `archives`: the published cells of each archived edition, oldest first. */
export function constraintsFromArchives(
  cells: readonly Cell[],
  archives: readonly (readonly PublishedCell[])[],
): ArchiveConstraints {
  const secret = new Set<string>();
  // null: a value the archive could not compute (a share of nothing), public as such.
  const latest = new Map<string, number | null>();
  for (const archive of archives) {
    for (const c of archive) {
      const key = cellKey(c);
      if (c.secret) secret.add(key);
      else latest.set(key, c.value);
    }
  }
  const locked = new Set<string>();
  const revised: string[] = [];
  for (const c of cells) {
    const key = cellKey(c);
    if (secret.has(key)) continue;
    if (!latest.has(key)) continue;
    const archived = latest.get(key)!;
    const same = archived === null || c.value === null ? archived === c.value : sameValue(c.value, archived);
    if (same) locked.add(key);
    else revised.push(key);
  }
  // A key secret in one archive and public in another (an archive made before this rule):
  // it stays secret, and the union audit judges what the archives already gave away.
  for (const key of secret) locked.delete(key);
  return { secret, locked, revised: revised.sort() };
}
