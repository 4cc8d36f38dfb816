import { describe, expect, it } from "vitest";
import type { Cell, SumRelation } from "../../loaders/contracts.ts";
import { audit, auditPrimaryCells, buildAuditCatalogue } from "../../loaders/disclosure/audit.ts";
import { protect } from "../../loaders/disclosure/protect.ts";
import { byKey, cell, key, reveal, secretKeys, sum, zone } from "./tables.ts";

/**
 * Issue 16: a complement (a cell hidden so that a small one cannot be read by difference) is
 * hidden, not protected. Protected like a small cell, it needed an interval of 5 of its own,
 * and the zeros beside it were protected too, each needing complements: the suppressions
 * cascaded (at département scale, every commune APA total secret).
 */
type Zone = {
  code: string;
  level: "iris" | "commune" | "departement";
  t: number;
  f: number;
  young: number;
  old: number;
};
const apa = (z: Zone) => ({
  t: cell("apa", z.code, "", z.t, { level: z.level }),
  f: cell("apa", z.code, "f", z.f, { level: z.level, breakdown: "sexe" }),
  m: cell("apa", z.code, "m", z.t - z.f, { level: z.level, breakdown: "sexe" }),
  young: cell("apa", z.code, "60-74", z.young, { level: z.level, breakdown: "age" }),
  mid: cell("apa", z.code, "75-84", z.t - z.young - z.old, { level: z.level, breakdown: "age" }),
  old: cell("apa", z.code, "85-plus", z.old, { level: z.level, breakdown: "age" }),
});
type Table = ReturnType<typeof apa>;
const fields = ["t", "f", "m", "young", "mid", "old"] as const;
const sumOf = (list: Table[], k: "t" | "f" | "young" | "old") => list.reduce((s, z) => s + z[k].value!, 0);
const above = (code: string, level: Zone["level"], list: Table[]) =>
  apa({ code, level, t: sumOf(list, "t"), f: sumOf(list, "f"), young: sumOf(list, "young"), old: sumOf(list, "old") });

// Three IRIS of one commune: 3 beneficiaries in the first (primary), 37 in the third, which
// has nobody aged 60-74 (a zero beside it); two more communes; the département above.
const iris = [
  { code: "130010101", t: 3, f: 2, young: 1, old: 1 },
  { code: "130010102", t: 41, f: 25, young: 12, old: 10 },
  { code: "130010103", t: 37, f: 22, young: 0, old: 11 },
].map((z) => apa({ ...z, level: "iris" }));
const commune = above("13001", "commune", iris);
const others = [
  { code: "13002", t: 52, f: 30, young: 20, old: 12 },
  { code: "13003", t: 66, f: 41, young: 25, old: 15 },
].map((z) => apa({ ...z, level: "commune" }));
const communes = [commune, ...others];
const departement = above("13", "departement", communes);
const tables = [...iris, ...communes, departement];
const relations: SumRelation[] = tables.flatMap((z) => [sum(z.t, [z.f, z.m]), sum(z.t, [z.young, z.mid, z.old])]);
for (const k of fields) {
  relations.push(
    sum(
      commune[k],
      iris.map((i) => i[k]),
    ),
  );
  relations.push(
    sum(
      departement[k],
      communes.map((c) => c[k]),
    ),
  );
}
const cells: Cell[] = tables.flatMap((z) => Object.values(z));
const zones = [
  ...iris.map((i) => zone(i.t.code, 2000)),
  ...communes.map((c) => zone(c.t.code, 20000, "commune")),
  zone("13", 2_000_000, "departement"),
];
const primary = auditPrimaryCells(cells, zones, { threshold: 5, minPopulation: 100 });
const catalogue = buildAuditCatalogue({ relations, zones, minPopulation: 100 });
const [small, , partner] = iris as [Table, Table, Table];

describe("a complement is hidden, not protected (issue 16)", () => {
  it("protected like a small cell, the complement made the zero beside it secret too (the cascade)", () => {
    const before = secretKeys(protect(cells, relations, zones, { protectComplements: true }).cells);
    expect(before).toContain(key(partner.t));
    expect(before).toContain(key(partner.young));
  });

  it("keeps the commune and département public and the zero beside the complement, the small cell 5 wide", async () => {
    const table = protect(cells, relations, zones);
    const published = byKey(table.cells);
    expect(published.get(key(small.t))!.secret).toBe(true);
    // The third IRIS is the complement of the first: hidden, with a value of 37.
    expect(published.get(key(partner.t))!.secret).toBe(true);
    expect(published.get(key(partner.young))).toMatchObject({ secret: false, value: 0 });
    for (const z of [...communes, departement])
      for (const k of fields) expect(published.get(key(z[k]))!.secret).toBe(false);
    expect(table.hiddenCounts.complements).toBeGreaterThan(0);

    const report = await audit(table.cells, catalogue, { primary, keep: 1000 });
    expect(report.failures).toEqual([]);
    // LP bounds of the small cell: at least 5 wide.
    const interval = report.narrowest.find((i) => i.kind === "cell" && i.cell === key(small.t))!;
    expect(interval.high - interval.low).toBeGreaterThanOrEqual(5);
    // The audit recomputes which cells are primary from the true values, not from protect.
    expect(primary.has(key(small.t))).toBe(true);
    expect(primary.has(key(partner.t))).toBe(false);
  });

  it("re-publishing the complement fails the audit, naming the small cell it exposes", async () => {
    const table = protect(cells, relations, zones);
    const mutated = await audit(reveal(table.cells, partner.t), catalogue, { primary });
    expect(mutated.ok).toBe(false);
    expect(mutated.failures.map((f) => f.cell)).toContain(key(small.t));
  });
});
