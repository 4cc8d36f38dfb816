import { describe, expect, it } from "vitest";
import type { Cell, PublishedCell } from "../../loaders/contracts.ts";
import { protect } from "../../loaders/disclosure/protect.ts";
import { audit, buildAuditCatalogue } from "../../loaders/disclosure/audit.ts";
import { byKey, cell, key, reveal, sum, zone } from "./tables.ts";

// A village where every APA beneficiary is a woman under 75 (Verquières, issue 18): the
// total is secret, the zeros beside it would say who the hidden people are.
const c = (code: string, breakdown: string, category: string, value: number, year = 2015) =>
  cell("apa", code, category, value, {
    level: code === "13" ? "departement" : "commune",
    breakdown: category === "" ? "" : breakdown,
    year,
  });
const zones = [zone("A", 772, "commune"), zone("B", 5000, "commune"), zone("C", 4000, "commune")];
const values: Record<string, [number, number, number, number, number]> = {
  // total, women, men, under 75, 75 and over
  A: [3, 3, 0, 3, 0],
  B: [40, 22, 18, 15, 25],
  C: [30, 14, 16, 10, 20],
  13: [73, 39, 34, 28, 45],
};
const zoneCells = (code: string) => {
  const [t, f, m, young, old] = values[code]!;
  return {
    total: c(code, "", "", t),
    sex: [c(code, "sex", "F", f), c(code, "sex", "M", m)],
    age: [c(code, "age", "<75", young), c(code, "age", ">=75", old)],
  };
};
const byZone = Object.fromEntries(["A", "B", "C", "13"].map((z) => [z, zoneCells(z)]));
const flat = (z: ReturnType<typeof zoneCells>) => [z.total, ...z.sex, ...z.age];
const breakdownCells = Object.values(byZone).flatMap(flat);
const slices = (z: ReturnType<typeof zoneCells>) => flat(z);
const relations = [
  ...Object.values(byZone).flatMap((z) => [sum(z.total, z.sex), sum(z.total, z.age)]),
  ...slices(byZone["13"]!).map((d, n) =>
    sum(
      d,
      ["A", "B", "C"].map((z) => slices(byZone[z]!)[n]!),
    ),
  ),
];
const A = byZone.A!;

/** The pattern of the protection before issue 18: small cells and their secondaries only. */
const naive = (cells: readonly Cell[], secret: readonly Cell[]): PublishedCell[] => {
  const hidden = new Set(secret.map(key));
  return cells.map(({ contributors: _c, inputs: _i, ...rest }) =>
    hidden.has(key(rest)) ? { ...rest, value: null, secret: true } : { ...rest, secret: false },
  );
};
const naiveSecrets = [A.total, A.sex[0]!, A.age[0]!, byZone.B!.total, byZone.B!.sex[0]!, byZone.B!.age[0]!];

describe("attribute disclosure: zeros beside a secret total (Article 7, indirect identification)", () => {
  it("a breakdown fixed by zeros beside a secret total fails the audit, passes once protected", async () => {
    const catalogue = buildAuditCatalogue({ relations });
    const before = await audit(naive(breakdownCells, naiveSecrets), catalogue);
    expect(before.ok).toBe(false);
    expect(before.failures.map((f) => f.cell)).toEqual(expect.arrayContaining([key(A.sex[1]!), key(A.age[1]!)]));
    expect(before.failures.find((f) => f.cell === key(A.sex[1]!))!.reason).toMatch(/divulgation d'attribut/);

    const table = protect(breakdownCells, relations, zones);
    const cells = byKey(table.cells);
    expect(cells.get(key(A.sex[1]!))!.secret).toBe(true);
    expect(cells.get(key(A.age[1]!))!.secret).toBe(true);
    expect((await audit(table.cells, catalogue)).ok).toBe(true);

    // Mutation: the zero published again is named.
    const mutated = await audit(reveal(table.cells, A.sex[1]!), catalogue);
    expect(mutated.ok).toBe(false);
    expect(mutated.failures.map((f) => f.cell)).toContain(key(A.sex[1]!));
  });

  it("a share of 100 % beside a secret count is recovered from the zeros, and no longer once protected", async () => {
    const share = cell("apa-part-femmes", "A", "", 100, {
      level: "commune",
      unit: "share",
      inputs: [key(A.sex[0]!), key(A.total)],
    });
    const cells = [...breakdownCells, share];
    const ratios = [{ cell: key(share), numerator: key(A.sex[0]!), denominator: key(A.total), per: 100, decimals: 1 }];
    const catalogue = buildAuditCatalogue({ relations, ratios });
    const before = await audit(naive(cells, [...naiveSecrets, share]), catalogue);
    expect(before.failures.find((f) => f.cell === key(share))).toMatchObject({ low: 100, high: 100 });

    const table = protect(cells, relations, zones);
    expect(byKey(table.cells).get(key(share))!.secret).toBe(true);
    const after = await audit(table.cells, catalogue);
    expect(after.ok).toBe(true);
    const interval = after.narrowest.find((i) => i.cell === key(share));
    expect(interval!.high - interval!.low).toBeGreaterThanOrEqual(1);

    const mutated = await audit(reveal(table.cells, A.sex[1]!), catalogue);
    expect(mutated.failures.map((f) => f.cell)).toEqual(expect.arrayContaining([key(A.sex[1]!), key(share)]));
  });

  it("an evolution of -100 % (a published zero after a secret year) fails, passes once the zero is protected", async () => {
    const year = (code: string, y: number, value: number) =>
      cell("apa", code, "", value, { level: code === "13" ? "departement" : "commune", year: y });
    const [a15, b15, d15] = [year("A", 2015, 3), year("B", 2015, 40), year("13", 2015, 43)];
    const [a16, b16, d16] = [year("A", 2016, 0), year("B", 2016, 38), year("13", 2016, 38)];
    const evolution = cell("apa-evol", "A", "", -100, {
      level: "commune",
      year: 2016,
      unit: "evolution",
      inputs: [key(a15), key(a16)],
    });
    const cells = [a15, b15, d15, a16, b16, d16, evolution];
    const yearRelations = [sum(d15, [a15, b15]), sum(d16, [a16, b16])];
    const evolutions = [{ cell: key(evolution), from: key(a15), to: key(a16), kind: "percent" as const, decimals: 1 }];
    const catalogue = buildAuditCatalogue({ relations: yearRelations, evolutions });
    const before = await audit(naive(cells, [a15, b15, evolution]), catalogue);
    expect(before.failures.find((f) => f.cell === key(evolution))).toMatchObject({ low: -100, high: -100 });

    const table = protect(cells, yearRelations, zones);
    expect(byKey(table.cells).get(key(a16))!.secret).toBe(true);
    expect((await audit(table.cells, catalogue)).ok).toBe(true);

    const mutated = await audit(reveal(table.cells, a16), catalogue);
    expect(mutated.failures.map((f) => f.cell)).toContain(key(evolution));
  });
});

describe("context data (INSEE, CNAF): the same protection and audit as the Département's", () => {
  // Issue 18: the activity IRIS (no inhabitants) hidden, yet commune - 53 other IRIS = its value.
  it("a context IRIS recoverable from its commune fails the audit, passes once protected", async () => {
    const ctx = (code: string, value: number, level: "iris" | "commune" = "iris") =>
      cell("context-caf-recipients", code, "", value, { level, year: 2016 });
    const iris = [ctx("I1", 259), ctx("I2", 1200), ctx("I3", 900), ctx("I4", 640)];
    const communeCell = ctx("13001", 2999, "commune");
    const relations = [sum(communeCell, iris)];
    const contextZones = [
      zone("I1", null),
      zone("I2", 3000),
      zone("I3", 2500),
      zone("I4", 1800),
      zone("13001", 7300, "commune"),
    ];
    const catalogue = buildAuditCatalogue({ relations, zones: contextZones });
    // What the site published before: only the zone rule, the commune as the sum of its IRIS.
    const before = await audit(naive([communeCell, ...iris], [iris[0]!]), catalogue);
    expect(before.failures.find((f) => f.cell === key(iris[0]!))).toMatchObject({ low: 259, high: 259 });

    const table = protect([communeCell, ...iris], relations, contextZones);
    expect(byKey(table.cells).get(key(iris[0]!))!.secret).toBe(true);
    expect((await audit(table.cells, catalogue)).ok).toBe(true);
    const partner = table.cells.find((c) => c.secret && c.code !== "I1")!;
    const mutated = await audit(
      reveal(
        table.cells,
        iris.find((c) => c.code === partner.code)!,
      ),
      catalogue,
    );
    expect(mutated.failures.map((f) => f.cell)).toContain(key(iris[0]!));
  });

  it("the real context tables of Aix pass their audit, the activity IRIS and its partner hidden", async () => {
    const { buildContextTables } = await import("../../loaders/publish/context-tables.ts");
    const { readIrisContours } = await import("../../loaders/reference/iris-contours.ts");
    const { resolveReferenceDir } = await import("../../loaders/reference/resolve.ts");
    const refDir = resolveReferenceDir();
    const contours = await readIrisContours(refDir, { commune: "13001" });
    const codes = contours.features.map((f) => f.properties.code).sort();
    const tables = await buildContextTables(refDir, codes, { commune: "13001", minPopulation: 100 });
    const caf = tables.cells.filter((c) => c.indicator === "context-caf-recipients" && c.level === "iris");
    const years = [...new Set(caf.map((c) => c.year))];
    for (const year of years) {
      const secret = caf.filter((c) => c.year === year && c.secret).map((c) => c.code);
      expect(secret).toContain("130010906");
      // The commune is published, so a second IRIS at least hides beside the activity IRIS.
      if (
        tables.cells.some(
          (c) => c.indicator === "context-caf-recipients" && c.level === "commune" && c.year === year && !c.secret,
        )
      )
        expect(secret.length).toBeGreaterThanOrEqual(2);
    }
  }, 120_000);
});

describe("residual cells of a « dont » relation (total minus the parts the partner sends)", () => {
  it("a residual of 2 places fails the audit, passes once protected; re-publishing its partner is named", async () => {
    const { residualCells } = await import("../../loaders/indicators/residual-cells.ts");
    const { indicatorById } = await import("../../loaders/indicators/catalogue.ts");
    const places = (category: string, value: number, contributors: number) =>
      cell("childminder-places", "130010404", category, value, {
        unit: "amount",
        contributors,
        breakdown: category === "" ? "" : "age",
      });
    // 77 places on 25 childminders, 50 under 3 and 25 aged 3 or more: 2 places not split, on one childminder.
    const read = [places("", 77, 25), places("<3", 50, 20), places(">=3", 25, 12)];
    const residual = residualCells(indicatorById("childminder-places")!, read);
    expect(residual.map((c) => c.value)).toEqual([2]);
    const cells = [...read, ...residual];
    const relations = [sum(read[0]!, [read[1]!, read[2]!, residual[0]!])];
    const catalogue = buildAuditCatalogue({ relations });
    const before = await audit(naive(cells, []), catalogue);
    expect(before.failures.map((f) => f.cell)).toContain(key(residual[0]!));

    const table = protect(cells, relations, [zone("130010404", 2500)]);
    expect(byKey(table.cells).get(key(residual[0]!))!.secret).toBe(true);
    expect((await audit(table.cells, catalogue)).ok).toBe(true);
    const partner = read.find((c) => byKey(table.cells).get(key(c))!.secret)!;
    const mutated = await audit(reveal(table.cells, partner), catalogue);
    expect(mutated.failures.map((f) => f.cell)).toContain(key(residual[0]!));
  });
});
