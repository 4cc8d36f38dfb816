import { describe, expect, it } from "vitest";
import type { Cell, PublishedCell } from "../../loaders/contracts.ts";
import { audit, buildAuditCatalogue } from "../../loaders/disclosure/audit.ts";
import { protect } from "../../loaders/disclosure/protect.ts";
import { byKey, cell, key, reveal, sum, zone } from "./tables.ts";

// Issue 18, the attacker's finding: a PUBLISHED total whose other parts are published zeros
// (APA of a commune, total 6, 0 men: all six are women). Commune X is that case; Y has a sex
// split with two non-zero parts and an age split with a zero between two non-zero parts,
// which say nothing of everyone and must stay public.
const c = (code: string, breakdown: string, category: string, value: number) =>
  cell("apa", code, category, value, { level: code === "13" ? "departement" : "commune", breakdown });
const values = {
  X: { total: 6, sex: [6, 0], age: [2, 4, 0] },
  Y: { total: 40, sex: [22, 18], age: [20, 0, 20] },
  Z: { total: 30, sex: [14, 16], age: [10, 12, 8] },
};
const ages = ["<75", "75-84", ">=85"];
const zoneCells = (code: string, v: { total: number; sex: number[]; age: number[] }) => ({
  total: c(code, "", "", v.total),
  sex: v.sex.map((n, i) => c(code, "sex", i === 0 ? "F" : "M", n)),
  age: v.age.map((n, i) => c(code, "age", ages[i]!, n)),
});
const communes = Object.fromEntries(Object.entries(values).map(([code, v]) => [code, zoneCells(code, v)]));
const add = (k: "sex" | "age", i: number) => Object.values(values).reduce((s, v) => s + v[k][i]!, 0);
const departement = {
  total: c("13", "", "", 76),
  sex: [0, 1].map((i) => c("13", "sex", i === 0 ? "F" : "M", add("sex", i))),
  age: [0, 1, 2].map((i) => c("13", "age", ages[i]!, add("age", i))),
};
type Zone = typeof departement;
const flat = (z: Zone) => [z.total, ...z.sex, ...z.age];
const zones = [zone("X", 900, "commune"), zone("Y", 6000, "commune"), zone("Z", 4000, "commune")];
const all = [...Object.values(communes), departement];
const cells = all.flatMap(flat);
const relations = [
  ...all.flatMap((z) => [sum(z.total, z.sex), sum(z.total, z.age)]),
  ...flat(departement).map((d, n) =>
    sum(
      d,
      Object.values(communes).map((z) => flat(z)[n]!),
    ),
  ),
];
const catalogue = buildAuditCatalogue({ relations });
const X = communes.X!;
const Y = communes.Y!;
const unprotected = (list: readonly Cell[]): PublishedCell[] =>
  list.map(({ contributors: _c, inputs: _i, ...rest }) => ({ ...rest, secret: false }));

describe("attribute disclosure beside a published total (all the individuals in one category)", () => {
  it("a published total of 6 with a sex breakdown 6/0 fails the audit before protection, passes after", async () => {
    // Only X's age cells of 2 and 4 would be hidden by the small-count rule: publish them
    // hidden by hand so that the failure seen is the attribute one alone.
    const before = await audit(
      unprotected(cells).map((p) =>
        p.code === "X" && p.breakdown === "age" && p.value! > 0 ? { ...p, secret: true, value: null } : p,
      ),
      catalogue,
    );
    expect(before.ok).toBe(false);
    const failure = before.failures.find((f) => f.cell === key(X.sex[1]!));
    expect(failure!.reason).toMatch(/divulgation d'attribut/);
    expect(failure!.reason).toContain(key(X.sex[0]!));

    const table = protect(cells, relations, zones);
    const published = byKey(table.cells);
    expect(published.get(key(X.sex[1]!))!.secret).toBe(true);
    const report = await audit(table.cells, catalogue);
    expect(report.failures).toEqual([]);
    // The zero keeps a width of the threshold: it is not total minus the full part.
    const interval = report.narrowest.find((i) => i.cell === key(X.sex[1]!));
    expect(interval!.high - interval!.low).toBeGreaterThanOrEqual(5);
  });

  it("re-publishing the protected zero fails the audit, naming it", async () => {
    const table = protect(cells, relations, zones);
    // The zero, and the full part beside it, shown again: the 6 women are all of X.
    const mutated = await audit(reveal(reveal(table.cells, X.sex[1]!), X.sex[0]!), catalogue);
    expect(mutated.ok).toBe(false);
    expect(mutated.failures.map((f) => f.cell)).toContain(key(X.sex[1]!));
    expect(mutated.failures.find((f) => f.cell === key(X.sex[1]!))!.reason).toMatch(/divulgation d'attribut/);
  });

  it("a breakdown with two non-zero parts stays public, its zero too (no over-protection)", async () => {
    const table = protect(cells, relations, zones);
    const published = byKey(table.cells);
    for (const c of flat(Y)) expect(published.get(key(c))!.secret, key(c)).toBe(false);
    expect(
      (
        await audit(
          unprotected(flat(Y)),
          buildAuditCatalogue({ relations: [sum(Y.total, Y.sex), sum(Y.total, Y.age)] }),
        )
      ).ok,
    ).toBe(true);
  });
});
