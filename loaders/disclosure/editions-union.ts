import type { PublishedCell } from "../contracts.ts";
import { audit, type AuditOptions, type AuditReport } from "./audit.ts";
import type { AuditCatalogue } from "./catalogue.ts";

/**
 * Everything online at once (Article 7 over time): the current edition and every archived
 * one, as one table set for the audit. Only published files are read, like the audit itself.
 * Each edition's cells are cells of their own (marked with the edition in the category, so
 * that a cell keeps its zone), under that edition's relations. Editions are taken oldest
 * first (archives by year, then the current one), and each occurrence of a cell is joined by
 * an equality to the one of the edition before, as an attacker reads them:
 * - an edition that publishes its list of revised cells (catalogue `revisions`) says that
 *   every other cell public before kept its value: the equality is known, and a cell it
 *   lists is never joined; a cell published again after being secret is joined too (the
 *   attacker assumes it did not change); two secret occurrences are not joined, since
 *   nothing public says whether the value changed, and the protection keeps both secret;
 * - an edition without the list (archived before it existed) is joined on every cell,
 *   unless two published values differ.
 * A part public last year and secret this year, beside a revised total, is thus read by
 * difference, and the audit sees it; a hypothesis the published values contradict (a
 * changed value missing from the list) shows as inconsistent tables, and the audit fails
 * closed.
 */
export interface PublishedEdition {
  /** Name of the edition: its year (an archive), DEPLOYED (the build online now) or "courante". */
  name: string;
  cells: readonly PublishedCell[];
  catalogue: AuditCatalogue;
}

const keyOf = (c: Pick<PublishedCell, "indicator" | "year" | "level" | "code" | "breakdown" | "category">) =>
  [c.indicator, c.year, c.level, c.code, c.breakdown, c.category].join("|");

/** The name of the deployed build's copy in the union: after every archive, before the current edition. */
export const DEPLOYED = "deployee";

/** Archives by year, then the deployed build, then the current edition (any other name). */
const rank = (e: PublishedEdition) => Number(e.name) || (e.name === DEPLOYED ? Number.MAX_SAFE_INTEGER : Infinity);
const oldestFirst = (editions: readonly PublishedEdition[]) => [...editions].sort((a, b) => rank(a) - rank(b));

export function unionOfEditions(editions: readonly PublishedEdition[]): {
  cells: PublishedCell[];
  catalogue: AuditCatalogue;
} {
  const cells: PublishedCell[] = [];
  const sums: AuditCatalogue["sums"] = [];
  const ratios: AuditCatalogue["ratios"] = [];
  const evolutions: AuditCatalogue["evolutions"] = [];
  const populations = new Map<string, AuditCatalogue["populations"][number]>();
  const zones = new Map<string, NonNullable<AuditCatalogue["zones"]>[number]>();
  /** Each cell's occurrences, oldest first, with the revision list of their edition. */
  const occurrences = new Map<string, { cell: PublishedCell; revisions?: Set<string> }[]>();
  let minPopulation: number | undefined;
  for (const edition of oldestFirst(editions)) {
    const revisions = edition.catalogue.revisions ? new Set(edition.catalogue.revisions) : undefined;
    const own = new Map<string, string>();
    for (const c of edition.cells) {
      const marked = { ...c, category: `${c.category}@${edition.name}` };
      own.set(keyOf(c), keyOf(marked));
      cells.push(marked);
      const list = occurrences.get(keyOf(c)) ?? [];
      list.push({ cell: marked, ...(revisions ? { revisions } : {}) });
      occurrences.set(keyOf(c), list);
    }
    // Keys outside the edition's cells (public populations) keep their name.
    const name = (key: string) => own.get(key) ?? key;
    for (const x of edition.catalogue.sums)
      sums.push({ total: name(x.total), parts: x.parts.map(name), complete: x.complete });
    for (const r of edition.catalogue.ratios)
      ratios.push({ ...r, cell: name(r.cell), numerator: name(r.numerator), denominator: name(r.denominator) });
    for (const e of edition.catalogue.evolutions)
      evolutions.push({ ...e, cell: name(e.cell), from: name(e.from), to: name(e.to) });
    for (const p of edition.catalogue.populations) populations.set(p.key, p);
    for (const z of edition.catalogue.zones ?? []) zones.set(`${z.level}|${z.code}`, z);
    minPopulation ??= edition.catalogue.minPopulation;
  }
  const shown = (c: PublishedCell) => !c.secret && c.value !== null;
  for (const [key, list] of occurrences) {
    list.forEach(({ cell: newer, revisions }, i) => {
      if (i === 0) return;
      const older = list[i - 1]!.cell;
      const joined = revisions
        ? !revisions.has(key) && (shown(older) || shown(newer))
        : !(shown(older) && shown(newer) && older.value !== newer.value);
      if (joined) sums.push({ total: keyOf(older), parts: [keyOf(newer)], complete: true });
    });
  }
  return {
    cells,
    catalogue: {
      version: 1,
      sums,
      ratios,
      evolutions,
      populations: [...populations.values()],
      ...(zones.size > 0 ? { zones: [...zones.values()], minPopulation: minPopulation ?? 100 } : {}),
    },
  };
}

// Written again here rather than imported from editions-constraints.ts: the audit shares no
// code with the protection, so that one mistake cannot both make and hide a leak.
const smallDifference = (now: number, before: number, threshold: number) => {
  const d = Math.abs(now - before);
  return d >= 1 - 1e-9 && d < threshold;
};

/**
 * What the LP cannot see: a revised count published in two editions (the last one showing
 * it, and the newer one) with a difference of 1 to threshold−1 is those few people, placed
 * (finding F1: one beneficiary moved into an IRIS by a better geocoding, five cells +1
 * between the site online and its rebuild). Each such cell of the newer edition is a
 * failure, named as the union names it (`…@<edition>`).
 */
export function revisionDifferences(editions: readonly PublishedEdition[], threshold = 5): AuditReport["failures"] {
  const failures: AuditReport["failures"] = [];
  const lastShown = new Map<string, { value: number; edition: string }>();
  for (const edition of oldestFirst(editions)) {
    for (const c of edition.cells) {
      if (c.secret || c.value === null) continue;
      const key = keyOf(c);
      const older = lastShown.get(key);
      if (older && c.unit === "count" && smallDifference(c.value, older.value, threshold)) {
        const d = Math.abs(c.value - older.value);
        failures.push({
          cell: `${key}@${edition.name}`,
          low: d,
          high: d,
          reason: `case révisée publiée à côté de sa valeur de l'édition ${older.edition} : la différence porte sur 1 à ${threshold - 1} personne(s)`,
        });
      }
      lastShown.set(key, { value: c.value, edition: edition.name });
    }
  }
  return failures;
}

/**
 * The audit of everything online at once: the LP audit of the union, and the published
 * differences between editions. Every build with an archive or a deployed copy runs it, and
 * `npm run edition:archive` before archiving.
 */
export async function auditUnion(
  editions: readonly PublishedEdition[],
  options: AuditOptions = {},
): Promise<AuditReport> {
  const union = unionOfEditions(editions);
  const report = await audit(union.cells, union.catalogue, options);
  const failures = [...report.failures, ...revisionDifferences(editions, options.threshold)];
  failures.sort((a, b) => (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0));
  return { ...report, ok: failures.length === 0, failures };
}

/** Same cells (key, value, secrecy) and same published relations, revisions aside. */
export function sameEdition(a: PublishedEdition, b: PublishedEdition): boolean {
  if (a.cells.length !== b.cells.length) return false;
  const shown = (c: PublishedCell) => `${keyOf(c)}=${c.secret ? "s" : c.value}`;
  const cells = new Set(a.cells.map(shown));
  if (!b.cells.every((c) => cells.has(shown(c)))) return false;
  const relations = (e: PublishedEdition) => JSON.stringify({ ...e.catalogue, revisions: undefined });
  return relations(a) === relations(b);
}
