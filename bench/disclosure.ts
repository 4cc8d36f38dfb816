/**
 * Disclosure control at the sizes the observatory meets: Aix (54 IRIS + commune +
 * département) and the whole département (840 IRIS, 119 communes). Prints the time to
 * protect and to audit, and the secondary suppressions against the exact optimum on the
 * components small enough to solve exactly. Run: npx tsx bench/disclosure.ts [aix|departement]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seededRandom } from "../loaders/common/seeded-random.ts";
import { cellKey, type Cell, type Level, type SumRelation } from "../loaders/contracts.ts";
import {
  audit,
  auditPrimaryCells,
  buildAuditCatalogue,
  type AuditRatio,
  type AuditEvolution,
} from "../loaders/disclosure/audit.ts";
import { optimalSecondary } from "../loaders/disclosure/optimum.ts";
import { primarySecrets, propagateToDerived, type ZonePopulation } from "../loaders/disclosure/primary.ts";
import { protect } from "../loaders/disclosure/protect.ts";
import { constraintsFromArchives } from "../loaders/disclosure/editions-constraints.ts";

/** Deterministic generator, so every run measures the same tables. */
const random = seededRandom;

function poisson(rand: () => number, mean: number): number {
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rand)));
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rand(); p > limit; p *= rand()) k++;
  return k;
}
const gaussian = (rand: () => number) => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());

interface Geography {
  iris: { code: string; commune: string; population: number | null }[];
  communes: { code: string; population: number }[];
  departement: string;
  /** Communes published beside the IRIS: all of them, or Aix only (then the département total has a hidden remainder). */
  allCommunes: boolean;
}

function geography(kind: "aix" | "departement", rand: () => number): Geography {
  const communes: { code: string; population: number }[] = [];
  const iris: Geography["iris"] = [];
  const communeCount = kind === "aix" ? 1 : 119;
  let remaining = kind === "aix" ? 54 : 840;
  for (let c = 0; c < communeCount; c++) {
    const code = c === 0 ? "13001" : `13${String(c + 1).padStart(3, "0")}`;
    // A few big communes split into IRIS (Marseille, Aix...), most small and unsplit.
    const split =
      kind === "aix"
        ? 54
        : c === 1
          ? 395
          : c < 52
            ? Math.min(remaining, Math.max(1, Math.round(3 + 25 * rand() ** 3)))
            : 0;
    const n = Math.min(split, remaining);
    remaining -= n;
    let population = 0;
    for (let i = 0; i < n; i++) {
      const activity = rand() < 0.03;
      const pop = activity ? (rand() < 0.5 ? null : Math.round(20 + 60 * rand())) : Math.round(1200 + 2500 * rand());
      population += pop ?? 0;
      iris.push({ code: `${code}${String(i + 1).padStart(4, "0")}`, commune: code, population: pop });
    }
    communes.push({ code, population: n > 0 ? population : Math.round(300 + 30000 * rand() ** 2) });
  }
  return { iris, communes, departement: "13", allCommunes: kind === "departement" };
}

interface TableSet {
  cells: Cell[];
  relations: SumRelation[];
  zones: ZonePopulation[];
  ratios: AuditRatio[];
  evolutions: AuditEvolution[];
}

/** ~40 indicators with additive breakdowns, 2 years, a rate per indicator and evolutions. */
function tables(geo: Geography, rand: () => number): TableSet {
  const cells: Cell[] = [];
  const relations: SumRelation[] = [];
  const ratios: AuditRatio[] = [];
  const evolutions: AuditEvolution[] = [];
  const years = [2015, 2016];
  const breakdownSizes = [2, 3, 4, 6, 3, 2, 5];
  const put = (c: Cell) => (cells.push(c), cellKey(c));
  for (let n = 0; n < 40; n++) {
    const indicator = `ind${String(n).padStart(2, "0")}`;
    const perThousand = 0.5 + 20 * rand() ** 2; // from rare aids to APA-like counts
    const size = breakdownSizes[n % breakdownSizes.length]!;
    const shares = Array.from({ length: size }, () => 0.2 + rand());
    const sumShares = shares.reduce((a, b) => a + b, 0);
    const amount = n % 10 === 9; // places of childminders: amounts with contributors
    for (const year of years) {
      const value = (level: Level, code: string, category: string, v: number, contributors: number): Cell => ({
        indicator,
        year,
        level,
        code,
        breakdown: category ? "classe" : "",
        category,
        value: v,
        unit: amount ? "amount" : "count",
        contributors: amount ? contributors : null,
      });
      const byCommune = new Map<
        string,
        {
          total: number;
          parts: number[];
          people: number;
          partPeople: number[];
          irisTotals: string[];
          irisParts: string[][];
          known: number;
        }
      >();
      for (const zone of geo.iris) {
        const people = poisson(rand, ((zone.population ?? 40) * perThousand) / 1000);
        const parts = shares.map(() => 0);
        for (let p = 0; p < people; p++) {
          let u = rand() * sumShares;
          let k = 0;
          while (u > shares[k]! && k < size - 1) u -= shares[k++]!;
          parts[k]!++;
        }
        const factor = amount ? 3 : 1;
        const total = put(value("iris", zone.code, "", people * factor, people));
        const partKeys = parts.map((p, k) => put(value("iris", zone.code, `c${k}`, p * factor, p)));
        relations.push({ total, parts: partKeys, complete: true });
        const c = byCommune.get(zone.commune) ?? {
          total: 0,
          parts: shares.map(() => 0),
          people: 0,
          partPeople: shares.map(() => 0),
          irisTotals: [],
          irisParts: shares.map(() => []),
          known: 0,
        };
        c.total += people * factor;
        c.people += people;
        parts.forEach((p, k) => {
          c.parts[k]! += p * factor;
          c.partPeople[k]! += p;
          c.irisParts[k]!.push(partKeys[k]!);
        });
        c.irisTotals.push(total);
        byCommune.set(zone.commune, c);
        if (!amount) {
          const pop = `population|${zone.code}`;
          const rate = cells.length;
          put({
            indicator: `${indicator}-taux`,
            year,
            level: "iris",
            code: zone.code,
            breakdown: "",
            category: "",
            value: zone.population ? Math.round(((1000 * people) / zone.population) * 10) / 10 : null,
            unit: "rate",
            contributors: null,
            inputs: [total, pop],
          });
          ratios.push({ cell: cellKey(cells[rate]!), numerator: total, denominator: pop, per: 1000, decimals: 1 });
        }
      }
      const departement = {
        total: 0,
        parts: shares.map(() => 0),
        people: 0,
        partPeople: shares.map(() => 0),
        communeTotals: [] as string[],
        communeParts: shares.map(() => [] as string[]),
      };
      for (const commune of geo.communes) {
        if (!geo.allCommunes && commune.code !== "13001") continue;
        const placed = byCommune.get(commune.code);
        // Rows not placed in an IRIS (about 2 %) and unsplit communes drawn directly.
        const extraPeople = placed
          ? poisson(rand, placed.people * 0.02)
          : poisson(rand, (commune.population * perThousand) / 1000);
        const extraParts = shares.map((s) => Math.round((extraPeople * s) / sumShares));
        const factor = amount ? 3 : 1;
        const people = (placed?.people ?? 0) + extraParts.reduce((a, b) => a + b, 0);
        const total = put(value("commune", commune.code, "", people * factor, people));
        const partKeys = extraParts.map((p, k) => {
          const partPeople = (placed?.partPeople[k] ?? 0) + p;
          return put(value("commune", commune.code, `c${k}`, partPeople * factor, partPeople));
        });
        relations.push({ total, parts: partKeys, complete: true });
        if (placed) {
          relations.push({ total, parts: placed.irisTotals, complete: extraPeople === 0 ? false : false });
          partKeys.forEach((k, i) => relations.push({ total: k, parts: placed.irisParts[i]!, complete: false }));
        }
        departement.total += people * factor;
        departement.people += people;
        extraParts.forEach((p, k) => {
          const partPeople = (placed?.partPeople[k] ?? 0) + p;
          departement.parts[k]! += partPeople * factor;
          departement.partPeople[k]! += partPeople;
          departement.communeParts[k]!.push(partKeys[k]!);
        });
        departement.communeTotals.push(total);
      }
      const elsewhere = geo.allCommunes ? 0 : Math.round(departement.people * 40);
      const factor = amount ? 3 : 1;
      const dTotal = put(
        value("departement", "13", "", (departement.people + elsewhere) * factor, departement.people + elsewhere),
      );
      const dParts = shares.map((s, k) => {
        const p = departement.partPeople[k]! + Math.round((elsewhere * s) / sumShares);
        return put(value("departement", "13", `c${k}`, p * factor, p));
      });
      // Rounding the remainder of other communes would break additivity: recompute the total.
      const dCell = cells.find((c) => cellKey(c) === dTotal)!;
      dCell.value = dParts.reduce((s, k) => s + cells.find((c) => cellKey(c) === k)!.value!, 0);
      relations.push({ total: dTotal, parts: dParts, complete: true });
      relations.push({ total: dTotal, parts: departement.communeTotals, complete: geo.allCommunes });
      dParts.forEach((k, i) =>
        relations.push({ total: k, parts: departement.communeParts[i]!, complete: geo.allCommunes }),
      );
    }
  }
  // Evolutions of IRIS totals between the two years (percent, one decimal).
  const byKeyCell = new Map(cells.map((c) => [cellKey(c), c]));
  for (const c of [...cells]) {
    if (
      c.year !== 2016 ||
      c.level !== "iris" ||
      c.category !== "" ||
      c.unit !== "count" ||
      c.indicator.endsWith("-taux")
    )
      continue;
    const previous = cellKey({ ...c, year: 2015 });
    const before = byKeyCell.get(previous)?.value;
    if (!before) continue;
    const evolution: Cell = {
      indicator: `${c.indicator}-evol`,
      year: 2016,
      level: "iris",
      code: c.code,
      breakdown: "",
      category: "",
      value: Math.round((1000 * (c.value! - before)) / before) / 10,
      unit: "evolution",
      contributors: null,
      inputs: [previous, cellKey(c)],
    };
    cells.push(evolution);
    evolutions.push({ cell: cellKey(evolution), from: previous, to: cellKey(c), kind: "percent", decimals: 1 });
  }
  const zones: ZonePopulation[] = [
    ...geo.iris.map((z) => ({ level: "iris" as const, code: z.code, population: z.population })),
    ...geo.communes.map((c) => ({ level: "commune" as const, code: c.code, population: c.population })),
    { level: "departement", code: "13", population: 2_000_000 },
  ];
  return { cells, relations, zones, ratios, evolutions };
}

/**
 * A consistent revision of 2015: in `count` IRIS of indicators with a breakdown, one person
 * moves from the first category to the second; the commune and département parts follow.
 */
function reviseSome(set: TableSet, count: number): Cell[] {
  const cells = set.cells.map((c) => ({ ...c }));
  const byKey = new Map(cells.map((c) => [cellKey(c), c]));
  const moved = cells.filter(
    (c) =>
      c.year === 2015 &&
      c.level === "iris" &&
      c.category === "c0" &&
      c.unit === "count" &&
      (c.value ?? 0) >= 1 &&
      byKey.has(cellKey({ ...c, category: "c1" })),
  );
  for (const c of moved.slice(0, count)) {
    const iris = c.code;
    const commune = iris.slice(0, 5);
    for (const [level, code] of [
      ["iris", iris],
      ["commune", commune],
      ["departement", "13"],
    ] as const) {
      const from = byKey.get(cellKey({ ...c, level, code, category: "c0" }));
      const to = byKey.get(cellKey({ ...c, level, code, category: "c1" }));
      if (!from || !to) continue;
      from.value = from.value! - 1;
      to.value = to.value! + 1;
    }
  }
  return cells;
}

/** Components of the suppression problem (cells linked by a relation). */
function suppressionComponents(set: TableSet): Map<string, number> {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(k, r);
    return r;
  };
  for (const c of set.cells) parent.set(cellKey(c), cellKey(c));
  for (const r of set.relations) for (const p of r.parts) parent.set(find(p), find(r.total));
  const out = new Map<string, number>();
  let n = 0;
  const ids = new Map<string, number>();
  for (const c of set.cells) {
    const root = find(cellKey(c));
    if (!ids.has(root)) ids.set(root, n++);
    out.set(cellKey(c), ids.get(root)!);
  }
  return out;
}

async function run(kind: "aix" | "departement") {
  const rand = random(kind === "aix" ? 13001 : 13);
  const geo = geography(kind, rand);
  const set = tables(geo, rand);
  const populations = geo.iris
    .filter((z) => z.population !== null)
    .map((z) => ({ key: `population|${z.code}`, value: z.population! }));
  console.log(
    `\n== ${kind === "aix" ? "Aix-en-Provence" : "Département 13"} : ${geo.iris.length} IRIS, ${geo.communes.length} commune(s), ${set.cells.length} cases, ${set.relations.length} relations`,
  );

  let start = performance.now();
  const table = protect(set.cells, set.relations, set.zones);
  const protectMs = performance.now() - start;
  const primary = primarySecrets(set.cells, set.zones, { threshold: 5, minPopulation: 100 });
  propagateToDerived(set.cells, primary);
  const secret = new Set(table.cells.filter((c) => c.secret).map(cellKey));
  const secondary = [...secret].filter((k) => !primary.has(k));
  console.log(
    `protect : ${protectMs.toFixed(0)} ms ; ${secret.size} cases secrètes sur ${set.cells.length} : ${table.hiddenCounts.protected} protégées (${primary.size} primaires, dérivées comprises, plus les zéros et les compléments qu'on prendrait pour des primaires), ${table.hiddenCounts.complements} compléments seulement cachés ; ${secondary.length} en secret secondaire`,
  );
  // The rule before issue 16: every complement protected like a primary cell, which cascades.
  if (process.env.BENCH_SKIP_CASCADE !== "1") {
    start = performance.now();
    const cascade = protect(set.cells, set.relations, set.zones, { protectComplements: true });
    const cascadeMs = performance.now() - start;
    console.log(
      `avant (compléments protégés, en cascade) : ${cascade.cells.filter((c) => c.secret).length} cases secrètes sur ${set.cells.length} ; protect : ${cascadeMs.toFixed(0)} ms`,
    );
  }
  // BENCH_QUICK=1: protect and audit only (the département takes minutes per protection).
  const quick = process.env.BENCH_QUICK === "1";
  // What the LP widening adds on top of the relation and Gaussian heuristics.
  if (!quick) {
    start = performance.now();
    const heuristicsOnly = protect(set.cells, set.relations, set.zones, { widen: false });
    const heuristicsMs = performance.now() - start;
    const heuristicSecret = heuristicsOnly.cells.filter((c) => c.secret).length;
    console.log(
      `protect sans élargissement par PL : ${heuristicsMs.toFixed(0)} ms ; ${heuristicSecret - primary.size} en secret secondaire (élargissement : +${secret.size - heuristicSecret})`,
    );

    // Information cost of issue 18's rules (zeros beside secret totals, zeros pinning a secret
    // share or evolution): the same table set protected without them, as before.
    start = performance.now();
    const withoutZeros = protect(set.cells, set.relations, set.zones, { protectZeros: false });
    const beforeSecret = withoutZeros.cells.filter((c) => c.secret).length;
    console.log(
      `coût des règles du numéro 18 : ${secret.size} cases secrètes sur ${set.cells.length} (contre ${beforeSecret} sans protéger les zéros : +${secret.size - beforeSecret}) ; protect sans elles : ${(performance.now() - start).toFixed(0)} ms`,
    );

    // Zeros beside a PUBLISHED total whose individuals all share one category (attribute.ts):
    // the rule chosen (every total) against one limited to small totals and the rule before.
    for (const [label, upTo] of [
      ["zéros à côté des seuls totaux secrets (règle précédente)", 0],
      ["et à côté des totaux publiés de moins de 20", 20],
    ] as const) {
      const laxer = protect(set.cells, set.relations, set.zones, { attributeUpTo: upTo });
      const laxerSecret = laxer.cells.filter((c) => c.secret).length;
      console.log(`  ${label} : ${laxerSecret} cases secrètes (règle retenue, tout total : ${secret.size})`);
    }
  }

  const catalogue = buildAuditCatalogue({
    relations: set.relations,
    ratios: set.ratios,
    evolutions: set.evolutions,
    populations,
    zones: set.zones,
  });
  const cacheDir = await mkdtemp(join(tmpdir(), "abs-audit-bench-"));
  try {
    start = performance.now();
    const primaryCells = auditPrimaryCells(set.cells, set.zones, { threshold: 5, minPopulation: 100 });
    const report = await audit(table.cells, catalogue, { cacheDir, primary: primaryCells });
    const auditMs = performance.now() - start;
    console.log(
      `audit : ${auditMs.toFixed(0)} ms, ${report.components} composantes, ${report.ok ? "réussi" : `ÉCHEC (${report.failures.length})`}`,
    );
    for (const f of report.failures.slice(0, 5)) console.log(`  - ${f.cell} : ${f.reason}`);
    start = performance.now();
    const again = await audit(table.cells, catalogue, { cacheDir, primary: primaryCells });
    console.log(
      `audit relancé avec le cache : ${(performance.now() - start).toFixed(0)} ms (${again.cached}/${again.components} composantes en cache)`,
    );
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }

  if (quick) return;
  // Editions over time (docs/SECRET-EDITIONS.md): the next edition protected from this one as
  // its archive, first unchanged, then with 2015 revised (one person moved between two
  // categories of 30 IRIS: the IRIS, commune and département parts change, the totals do not).
  start = performance.now();
  const unchanged = protect(set.cells, set.relations, set.zones, {
    archives: constraintsFromArchives(set.cells, [table.cells]),
  });
  const unchangedSecret = unchanged.cells.filter((c) => c.secret).length;
  console.log(
    `édition suivante, rien de révisé : ${unchangedSecret} cases secrètes (archive : ${secret.size}) ; protect depuis l'archive : ${(performance.now() - start).toFixed(0)} ms`,
  );
  const revisedCells = reviseSome(set, 30);
  const constraints = constraintsFromArchives(revisedCells, [table.cells]);
  start = performance.now();
  const revisedTable = protect(revisedCells, set.relations, set.zones, { archives: constraints });
  const revisedMs = performance.now() - start;
  const fresh = protect(revisedCells, set.relations, set.zones).cells.filter((c) => c.secret).length;
  console.log(
    `édition révisée : ${constraints.revised.length} cases révisées ; ${revisedTable.cells.filter((c) => c.secret).length} cases secrètes depuis l'archive (contre ${fresh} protégée seule) ; protect : ${revisedMs.toFixed(0)} ms`,
  );

  // Exact optimum on the small components (counts and amounts in sum relations only).
  const component = suppressionComponents(set);
  const members = new Map<number, Cell[]>();
  for (const c of set.cells)
    if (!c.inputs) members.set(component.get(cellKey(c))!, [...(members.get(component.get(cellKey(c))!) ?? []), c]);
  const relationsOf = new Map<number, SumRelation[]>();
  for (const r of set.relations)
    relationsOf.set(component.get(r.total)!, [...(relationsOf.get(component.get(r.total)!) ?? []), r]);
  const limit = Number(process.env.OPTIMUM_LIMIT ?? 400);
  let solved = 0,
    heuristic = 0,
    optimum = 0,
    skipped = 0;
  start = performance.now();
  for (const [id, cells] of members) {
    const relations = relationsOf.get(id) ?? [];
    if (relations.length === 0) continue;
    if (cells.length > limit) {
      skipped++;
      continue;
    }
    const exact = await optimalSecondary(cells, relations, primary, { timeLimit: 10 });
    if (exact.status !== "Optimal") {
      skipped++;
      continue;
    }
    solved++;
    optimum += exact.secondary.length;
    heuristic += cells.filter((c) => secret.has(cellKey(c)) && !primary.has(cellKey(c))).length;
  }
  console.log(
    `optimum exact (composantes de ${limit} cases au plus) : ${solved} composantes résolues en ${(performance.now() - start).toFixed(0)} ms, ` +
      `${heuristic} suppressions secondaires par protect contre ${optimum} au minimum (écart ${optimum ? (((heuristic - optimum) / optimum) * 100).toFixed(1) : "0"} %) ; ${skipped} composantes trop grandes`,
  );
}

const which = process.argv[2];
for (const kind of ["aix", "departement"] as const) if (!which || which === kind) await run(kind);
