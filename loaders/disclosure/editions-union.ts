import type { PublishedCell } from "../contracts.ts";
import type { AuditCatalogue } from "./catalogue.ts";

/**
 * Everything online at once (Article 7 over time): the current edition and every archived
 * one, as one table set for the audit. Only published files are read, like the audit itself.
 * Each edition's cells are cells of their own (marked with the edition in the category, so
 * that a cell keeps its zone), under that edition's relations. The attacker then assumes
 * that a figure keeps its value from one edition to the next unless two published values
 * differ: an equality joins each occurrence of a cell to its first published one (or to its
 * first one). A part public last year and secret this year, beside a revised total, is thus
 * read by difference, and the audit sees it; a hypothesis the published values contradict
 * shows as inconsistent tables, and the audit fails closed.
 */
export interface PublishedEdition {
  /** Name of the edition (its year, or "courante"). */
  name: string;
  cells: readonly PublishedCell[];
  catalogue: AuditCatalogue;
}

const keyOf = (c: Pick<PublishedCell, "indicator" | "year" | "level" | "code" | "breakdown" | "category">) =>
  [c.indicator, c.year, c.level, c.code, c.breakdown, c.category].join("|");

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
  const occurrences = new Map<string, PublishedCell[]>();
  let minPopulation: number | undefined;
  for (const edition of editions) {
    const own = new Map<string, string>();
    for (const c of edition.cells) {
      const marked = { ...c, category: `${c.category}@${edition.name}` };
      own.set(keyOf(c), keyOf(marked));
      cells.push(marked);
      const list = occurrences.get(keyOf(c)) ?? [];
      list.push(marked);
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
  for (const list of occurrences.values()) {
    if (list.length < 2) continue;
    const anchor = list.find(shown) ?? list[0]!;
    for (const other of list) {
      if (other === anchor) continue;
      // Two published values that differ: a revision, no hypothesis joins them.
      if (shown(anchor) && shown(other) && anchor.value !== other.value) continue;
      sums.push({ total: keyOf(anchor), parts: [keyOf(other)], complete: true });
    }
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
