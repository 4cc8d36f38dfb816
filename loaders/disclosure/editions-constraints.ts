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
 * - A revised count whose difference with the published value is 1 to threshold−1 people
 *   (one person moved by a better geocoding, a late record) is hidden: published beside the
 *   old value, the difference would show those few people, placed (Article 7 forbids any
 *   published derivation resting on 1 to 4 individuals, other editions included). The same
 *   holds for a rebuild of the edition online now (the deployed copy, see
 *   loaders/publish/editions-deployed.ts), which constrains like an archive.
 */
export interface ArchiveConstraints {
  secret: Set<string>;
  locked: Set<string>;
  /** Keys of the cells public in an older edition whose value changed, sorted. */
  revised: string[];
  /** Revised counts that moved by 1 to threshold−1 people: hidden (they are in `secret` too). */
  smallRevisions: string[];
  /** Keys public in the latest edition showing them (and secret in none): see publishedRevisions. */
  online: Set<string>;
}

/** Published values are rounded at their decimals: a difference below this is no revision. */
const sameValue = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/** A difference of 1 to threshold−1 (either way) between a published count and its new value. */
export const smallDifference = (now: number | null, before: number | null, threshold: number): boolean => {
  if (now === null || before === null) return false;
  const d = Math.abs(now - before);
  return d >= 1 - 1e-9 && d < threshold;
};

/** `archives`: the published cells of each archived edition, oldest first. */
export function constraintsFromArchives(
  cells: readonly Cell[],
  archives: readonly (readonly PublishedCell[])[],
  threshold = 5,
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
  const smallRevisions: string[] = [];
  for (const c of cells) {
    const key = cellKey(c);
    if (secret.has(key)) continue;
    if (!latest.has(key)) continue;
    const archived = latest.get(key)!;
    const same = archived === null || c.value === null ? archived === c.value : sameValue(c.value, archived);
    if (same) locked.add(key);
    else {
      revised.push(key);
      if (c.unit === "count" && smallDifference(c.value, archived, threshold)) smallRevisions.push(key);
    }
  }
  const online = new Set([...latest.keys()].filter((key) => !secret.has(key)));
  // Hidden like a small count: the protection then finds complements, so that the new value
  // (and the difference) cannot be recomputed from the other cells either.
  for (const key of smallRevisions) secret.add(key);
  // The other cells of that zone and indicator are unlocked: a zero beside the hidden total,
  // kept public, would say what the few people who changed are not (sex, age, GIR); hidden,
  // it goes into the published list (publishedRevisions), so that nothing says it kept its value.
  const zoneOf = (key: string) => key.split("|").slice(0, 4).join("|");
  const touched = new Set(smallRevisions.map(zoneOf));
  for (const key of [...locked]) if (touched.has(zoneOf(key))) locked.delete(key);
  // A key secret in one archive and public in another (an archive made before this rule):
  // it stays secret, and the union audit judges what the archives already gave away.
  for (const key of secret) locked.delete(key);
  return { secret, locked, revised: revised.sort(), smallRevisions: smallRevisions.sort(), online };
}

/**
 * The list published in audit-catalogue.json: the cells whose value may differ from the one
 * online, so that the union audit never joins them (editions-union.ts). The revised cells,
 * and every cell public online that the protection now hides (a complement or a zero of a
 * revised zone, unlocked above): hidden, its value is not claimed unchanged.
 */
export function publishedRevisions(constraints: ArchiveConstraints, published: readonly PublishedCell[]): string[] {
  const keys = new Set(constraints.revised);
  for (const c of published) if (c.secret && constraints.online.has(cellKey(c))) keys.add(cellKey(c));
  return [...keys].sort();
}
