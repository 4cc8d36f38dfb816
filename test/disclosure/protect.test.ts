import { describe, expect, it } from "vitest";
import { protect } from "../../loaders/disclosure/protect.ts";
import { audit, buildAuditCatalogue } from "../../loaders/disclosure/audit.ts";
import { byKey, cell, key, reveal, secretKeys, sum, zone } from "./tables.ts";

const zones = ["A", "B", "C"].map((code) => zone(code, 800));

describe("protect: primary and secondary suppression on tables whose right pattern is known", () => {
  it("hides a single small cell and one partner when the row total is published", async () => {
    const total = cell("apa", "A", "", 20);
    const parts = [cell("apa", "A", "f", 3), cell("apa", "A", "m", 10), cell("apa", "A", "x", 7)];
    const relations = [sum(total, parts)];
    const table = protect([total, ...parts], relations, zones);
    // The smallest partner that gives the secret cells a weight of 5 is 7, not 10.
    expect(secretKeys(table.cells)).toEqual([key(parts[0]!), key(parts[2]!)].sort());
    expect(byKey(table.cells).get(key(parts[0]!))!.value).toBeNull();
    expect(byKey(table.cells).get(key(total))!.value).toBe(20);
    const catalogue = buildAuditCatalogue({ relations });
    expect((await audit(table.cells, catalogue)).ok).toBe(true);

    // Mutation: publish the secondary suppression again; the audit names the small cell.
    const mutated = await audit(reveal(table.cells, parts[2]!), catalogue);
    expect(mutated.ok).toBe(false);
    expect(mutated.failures.map((f) => f.cell)).toContain(key(parts[0]!));
    expect(mutated.failures.find((f) => f.cell === key(parts[0]!))).toMatchObject({ low: 3, high: 3 });
  });

  it("adds a third cell when two small cells sum below the threshold", async () => {
    const total = cell("apa", "A", "", 30);
    const parts = [
      cell("apa", "A", "g1", 1),
      cell("apa", "A", "g2", 2),
      cell("apa", "A", "g3", 12),
      cell("apa", "A", "g4", 15),
    ];
    const relations = [sum(total, parts)];
    const table = protect([total, ...parts], relations, zones);
    expect(secretKeys(table.cells)).toEqual([parts[0], parts[1], parts[2]].map((c) => key(c!)).sort());
    const catalogue = buildAuditCatalogue({ relations });
    expect((await audit(table.cells, catalogue)).ok).toBe(true);

    const mutated = await audit(reveal(table.cells, parts[2]!), catalogue);
    expect(mutated.ok).toBe(false);
    const group = mutated.failures.find((f) => f.cell === `${key(parts[0]!)} + ${key(parts[1]!)}`);
    expect(group).toMatchObject({ low: 3, high: 3 });
  });

  it("hides every value of a zone under 100 inhabitants or of unknown population, zeros included", async () => {
    const commune = cell("apa", "13001", "", 60, { level: "commune" });
    const iris = [
      cell("apa", "A", "", 0),
      cell("apa", "B", "", 25),
      cell("apa", "C", "", 20),
      cell("apa", "D", "", 15),
    ];
    const rate = cell("apa-taux", "B", "", 3.1, { unit: "rate" });
    const relations = [sum(commune, iris)];
    const smallZones = [
      zone("A", 80),
      zone("B", 800),
      zone("C", null),
      zone("D", 900),
      zone("13001", 140000, "commune"),
    ];
    const table = protect([commune, ...iris, rate], relations, smallZones);
    const cells = byKey(table.cells);
    expect(cells.get(key(iris[0]!))!.secret).toBe(true); // 0 inhabitants-zone value, still secret
    expect(cells.get(key(iris[2]!))!.secret).toBe(true); // unknown population
    expect(cells.get(key(rate))!.secret).toBe(false);
    // Zone A holds 0 and zone C 20: their sum already weighs enough, nothing else is hidden.
    expect(secretKeys(table.cells)).toEqual([key(iris[0]!), key(iris[2]!)].sort());
    const catalogue = buildAuditCatalogue({ relations, zones: smallZones });
    expect((await audit(table.cells, catalogue)).ok).toBe(true);
    // Publishing the small zone is caught even when nothing can be subtracted.
    const mutated = await audit(reveal(table.cells, iris[0]!), catalogue);
    expect(mutated.failures.map((f) => f.reason).join(" ")).toMatch(/moins de 100 habitants/);
  });

  it("protects a cell of 2 childminders holding 9 places through the childminders, not the places", async () => {
    const commune = cell("places", "13001", "", 60, { level: "commune", unit: "amount", contributors: 14 });
    const iris = [
      cell("places", "A", "", 9, { unit: "amount", contributors: 2 }),
      cell("places", "B", "", 24, { unit: "amount", contributors: 6 }),
      cell("places", "C", "", 27, { unit: "amount", contributors: 6 }),
    ];
    const relations = [sum(commune, iris)];
    const table = protect([commune, ...iris], relations, [...zones, zone("13001", 140000, "commune")]);
    expect(secretKeys(table.cells)).toEqual([key(iris[0]!), key(iris[1]!)].sort());
    expect((await audit(table.cells, buildAuditCatalogue({ relations }))).ok).toBe(true);
  });

  it("keeps a rate secret when its count is, and the audit reads published rates as rounding intervals", async () => {
    const count = cell("apa-75", "A", "", 3);
    const other = cell("apa-75", "B", "", 40);
    const third = cell("apa-75", "C", "", 30);
    const commune = cell("apa-75", "13001", "", 73, { level: "commune" });
    const rate = cell("apa-75-taux", "A", "", (100 * 3) / 123456.7, { unit: "rate", inputs: [key(count), "pop75|A"] });
    const relations = [sum(commune, [count, other, third])];
    const table = protect([count, other, third, commune, rate], relations, [
      ...zones,
      zone("13001", 140000, "commune"),
    ]);
    expect(byKey(table.cells).get(key(rate))!.secret).toBe(true);
    const catalogue = buildAuditCatalogue({
      relations,
      ratios: [{ cell: key(rate), numerator: key(count), denominator: "pop75|A", per: 100, decimals: 1 }],
      populations: [{ key: "pop75|A", value: 123456.7 }],
    });
    expect((await audit(table.cells, catalogue)).ok).toBe(true);

    // Published rounded to one decimal (0.0 %), the rate leaves [0 ; 61]: still safe.
    const rounded = table.cells.map((c) => (key(c) === key(rate) ? { ...c, secret: false, value: 0 } : c));
    expect((await audit(rounded, catalogue)).ok).toBe(true);
    // Mutation: the same rate published unrounded gives the count back.
    const unrounded = await audit(reveal(table.cells, rate), catalogue);
    expect(unrounded.ok).toBe(false);
    expect(unrounded.failures.find((f) => f.cell === key(count))).toMatchObject({ low: 3, high: 3 });
  });

  it("protects two tables sharing a margin (sex and age of the same beneficiaries)", async () => {
    const mk = (
      code: string,
      v: { t: number; f: number; m: number; y: number; o: number },
      level: "iris" | "commune" = "iris",
    ) => ({
      t: cell("apa", code, "", v.t, { level }),
      f: cell("apa", code, "f", v.f, { level, breakdown: "sexe" }),
      m: cell("apa", code, "m", v.m, { level, breakdown: "sexe" }),
      y: cell("apa", code, "moins-75", v.y, { level, breakdown: "age" }),
      o: cell("apa", code, "75-plus", v.o, { level, breakdown: "age" }),
    });
    const a = mk("A", { t: 23, f: 3, m: 20, y: 10, o: 13 });
    const b = mk("B", { t: 40, f: 18, m: 22, y: 15, o: 25 });
    const c = mk("13001", { t: 63, f: 21, m: 42, y: 25, o: 38 }, "commune");
    const relations = [a, b, c].flatMap((z) => [sum(z.t, [z.f, z.m]), sum(z.t, [z.y, z.o])]);
    for (const k of ["t", "f", "m", "y", "o"] as const) relations.push(sum(c[k], [a[k], b[k]]));
    const cells = [a, b, c].flatMap((z) => Object.values(z));
    const table = protect(cells, relations, [...zones, zone("13001", 140000, "commune")]);
    expect(secretKeys(table.cells)).toEqual([a.f, a.m, b.f, b.m].map(key).sort());
    const catalogue = buildAuditCatalogue({ relations });
    expect((await audit(table.cells, catalogue)).ok).toBe(true);

    // Mutation: one secondary suppression (B women) published again: A women are back.
    const mutated = await audit(reveal(table.cells, b.f), catalogue);
    expect(mutated.failures.map((f) => f.cell)).toContain(key(a.f));
  });

  it("keeps an evolution secret when one of its years is, and an added evolution is caught", async () => {
    const y2015 = cell("asesignal", "13001", "", 12, { level: "commune" });
    const y2016 = cell("asesignal", "13001", "", 3, { level: "commune", year: 2016 });
    const evolution = cell("asesignal-evol", "13001", "", -75, {
      level: "commune",
      year: 2016,
      unit: "evolution",
      inputs: [key(y2015), key(y2016)],
    });
    const table = protect([y2015, y2016, evolution], [], [zone("13001", 140000, "commune")]);
    expect(secretKeys(table.cells)).toEqual([key(y2016), key(evolution)].sort());
    const catalogue = buildAuditCatalogue({
      relations: [],
      evolutions: [{ cell: key(evolution), from: key(y2015), to: key(y2016), kind: "percent", decimals: 1 }],
    });
    expect((await audit(table.cells, catalogue)).ok).toBe(true);
    const mutated = await audit(reveal(table.cells, evolution), catalogue);
    expect(mutated.failures.find((f) => f.cell === key(y2016))).toMatchObject({ low: 3, high: 3 });
  });

  it("finds with Gaussian elimination what no single relation gives back", async () => {
    // a+b, b+c and a+c published: each relation has two secrets, yet a = (ab - bc + ac) / 2.
    const a = cell("x", "A", "a", 3);
    const b = cell("x", "A", "b", 2);
    const c = cell("x", "A", "c", 4);
    const d = cell("x", "A", "d", 30);
    const ab = cell("x", "A", "ab", 5);
    const bc = cell("x", "A", "bc", 6);
    const acd = cell("x", "A", "acd", 37);
    const relations = [sum(ab, [a, b]), sum(bc, [b, c]), sum(acd, [a, c, d])];
    const table = protect([a, b, c, d, ab, bc, acd], relations, zones);
    const catalogue = buildAuditCatalogue({ relations });
    const report = await audit(table.cells, catalogue);
    expect(report.failures).toEqual([]);
    const added = secretKeys(table.cells).filter((k) => ![a, b, c].map(key).includes(k));
    expect(added).toHaveLength(1);
    // Without that suppression the three relations pin a, b and c exactly.
    const extra = [d, ab, bc, acd].find((x) => key(x) === added[0])!;
    const mutated = await audit(reveal(table.cells, extra), catalogue);
    expect(
      mutated.failures
        .filter((f) => f.low === f.high)
        .map((f) => f.cell)
        .sort(),
    ).toEqual([a, b, c].map(key).sort());
  });

  it("is deterministic whatever the order of cells and relations", () => {
    const total = cell("apa", "A", "", 40);
    const parts = [1, 2, 9, 9, 19].map((v, i) => cell("apa", "A", `c${i}`, v));
    const relations = [sum(total, parts)];
    const first = protect([total, ...parts], relations, zones);
    const second = protect([...parts].reverse().concat(total), [...relations].reverse(), zones);
    expect(secretKeys(second.cells)).toEqual(secretKeys(first.cells));
  });
});
