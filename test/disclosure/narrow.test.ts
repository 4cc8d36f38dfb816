import { describe, expect, it } from "vitest";
import { cellKey, type Cell, type SumRelation } from "../../loaders/contracts.ts";
import { audit, buildAuditCatalogue } from "../../loaders/disclosure/audit.ts";
import { narrowIntervals, type CellTraits } from "../../loaders/disclosure/narrow.ts";
import { protect } from "../../loaders/disclosure/protect.ts";
import type { SuppressionProblem } from "../../loaders/disclosure/secondary.ts";
import { byKey, cell, key, reveal, sum, zone } from "./tables.ts";

/** The suppression's view of hand-made tables, with the hidden cells chosen by the test. */
function problem(cells: Cell[], relations: SumRelation[], hidden: Cell[]): SuppressionProblem {
  const keys = cells.map(cellKey);
  const index = new Map(keys.map((k, i) => [k, i]));
  const indexed = relations.map((r) => ({
    total: index.get(r.total)!,
    parts: r.parts.map((k) => index.get(k)!),
    complete: r.complete,
    rest: 0,
  }));
  const relationsOf: number[][] = cells.map(() => []);
  indexed.forEach((r, n) => {
    for (const i of new Set([r.total, ...r.parts])) relationsOf[i]!.push(n);
  });
  const secret = keys.map((k) => hidden.some((h) => cellKey(h) === k));
  return { keys, values: cells.map((c) => c.value), secret, hidden: [...secret], relations: indexed, relationsOf };
}
const counts = (n: number): CellTraits[] =>
  Array.from({ length: n }, () => ({ integer: true, lower: 0, derived: false }));

describe("narrowIntervals: what sums give away once combined", () => {
  it("finds a secret cell squeezed between two relations that each look safe on their own", () => {
    // a + b = 10 and b + c = 4 (c = 0): b <= 4, so a lies within [6 ; 10], narrower than 5.
    const t = cell("x", "A", "", 10);
    const a = cell("x", "A", "a", 6);
    const b = cell("x", "A", "b", 4);
    const s = cell("x", "B", "", 4);
    const c = cell("x", "B", "c", 0);
    const cells = [t, a, b, s, c];
    const relations = [sum(t, [a, b]), sum(s, [b, c])];
    const failures = narrowIntervals(problem(cells, relations, [a, b, c]), counts(5), 5);
    expect(failures.filter((f) => f.kind === "cell").map((f) => [cells[f.cells[0]!]!.category, f.low, f.high])).toEqual(
      [
        ["a", 6, 10],
        ["b", 0, 4],
        ["c", 0, 4],
      ],
    );
    // With the second total hidden too, b and c are free upwards: nothing is narrow any more.
    expect(narrowIntervals(problem(cells, relations, [a, b, c, s]), counts(5), 5)).toEqual([]);
  });

  it("reads an incomplete relation as a lower bound only (a hidden remainder)", () => {
    const t = cell("x", "13001", "", 40, { level: "commune" });
    const a = cell("x", "A", "", 2);
    const b = cell("x", "B", "", 30);
    const cells = [t, a, b];
    const complete = narrowIntervals(problem(cells, [sum(t, [a, b])], [a]), counts(3), 5);
    expect(complete.map((f) => [f.low, f.high])).toEqual([[10, 10]]);
    expect(narrowIntervals(problem(cells, [sum(t, [a, b], false)], [a]), counts(3), 5)).toEqual([]);
  });
});

describe("protect: the cases the audit once caught", () => {
  it("keeps secret a share over a published total when its numerator is secret, even through a sum of breakdown cells", async () => {
    // The numerator of the share (3 children and more) is itself the sum of two small cells.
    const total = cell("births", "A", "", 40);
    const rank3 = cell("births", "A", "3+", 3, { breakdown: "rang" });
    const rank3a = cell("births-detail", "A", "3", 2, { breakdown: "rang" });
    const rank3b = cell("births-detail", "A", "4+", 1, { breakdown: "rang" });
    const rank1 = cell("births", "A", "1", 20, { breakdown: "rang" });
    const rank2 = cell("births", "A", "2", 17, { breakdown: "rang" });
    const share = cell("births-rank-3-share", "A", "", 7.5, { unit: "share", inputs: [key(rank3), key(total)] });
    const relations = [sum(total, [rank1, rank2, rank3]), sum(rank3, [rank3a, rank3b])];
    const cells = [total, rank1, rank2, rank3, rank3a, rank3b, share];
    const table = protect(cells, relations, [zone("A", 900)]);
    const published = byKey(table.cells);
    expect(published.get(key(share))!.secret).toBe(true);
    expect(published.get(key(total))!.secret).toBe(false);
    const catalogue = buildAuditCatalogue({
      relations,
      ratios: [{ cell: key(share), numerator: key(rank3), denominator: key(total), per: 100, decimals: 1 }],
    });
    expect((await audit(table.cells, catalogue)).ok).toBe(true);
    // Mutation: the share published over its published total gives the 3 births back.
    const leaked = await audit(reveal(table.cells, share), catalogue);
    expect(leaked.failures.find((f) => f.cell === key(rank3))).toMatchObject({ low: 3, high: 3 });
  });

  it("widens a commune of one birth whose total the département sum and its breakdowns pin", async () => {
    // Département = Aix + X; X has 1 birth (rank 3+), Aix a secret rank 'unknown' of 3.
    const mk = (code: string, level: "commune" | "departement", v: [number, number, number, number]) => ({
      t: cell("births", code, "", v[0], { level }),
      a: cell("births", code, "1", v[1], { level, breakdown: "rang" }),
      b: cell("births", code, "3+", v[2], { level, breakdown: "rang" }),
      u: cell("births", code, "unknown", v[3], { level, breakdown: "rang" }),
    });
    const aix = mk("13001", "commune", [100, 60, 37, 3]);
    const x = mk("13031", "commune", [1, 0, 1, 0]);
    const dep = mk("13", "departement", [101, 60, 38, 3]);
    const relations = [aix, x, dep].map((z) => sum(z.t, [z.a, z.b, z.u]));
    for (const k of ["t", "a", "b", "u"] as const) relations.push(sum(dep[k], [aix[k], x[k]]));
    const cells = [aix, x, dep].flatMap((z) => Object.values(z));
    const zones = [zone("13001", 140000, "commune"), zone("13031", 4000, "commune")];
    const catalogue = buildAuditCatalogue({ relations });
    const table = protect(cells, relations, zones);
    const report = await audit(table.cells, catalogue);
    expect(report.failures).toEqual([]);
    expect(byKey(table.cells).get(key(x.t))!.secret).toBe(true);
  });
});

describe("protect: a commune squeezed by its own IRIS while many decoys rank first (département 13, ind31 2016)", () => {
  /**
   * Commune A: total 50 = c0 (1, secret) + c1 (21) + c2 (28); its IRIS publish c1 = 10 + 11,
   * so c1 >= 21 and c0 lies within [0 ; 1] once c1 is hidden as its partner. Hiding c2 (whose
   * IRIS only show 22) frees c0 up to 7; but seventy other communes share the département's
   * c0 relation with values 5 to 27: hiding any of them widens nothing, yet they rank first.
   * (The département publishes no c1 or c2 sum: through one, A's c0 + c1 would be pinned by
   * a cycle with another commune, and no single cell could widen it.)
   */
  function squeezed() {
    const A = "13017";
    const t = cell("x", A, "", 50, { level: "commune" });
    const c0 = cell("x", A, "c0", 1, { level: "commune" });
    const c1 = cell("x", A, "c1", 21, { level: "commune" });
    const c2 = cell("x", A, "c2", 28, { level: "commune" });
    const iris = ["130170001", "130170002"].map((code, i) => ({
      t: cell("x", code, "", [20, 23][i]!),
      c0: cell("x", code, "c0", 0),
      c1: cell("x", code, "c1", [10, 11][i]!),
      c2: cell("x", code, "c2", [10, 12][i]!),
    }));
    const decoys = Array.from({ length: 70 }, (_, n) => {
      const code = `13${String(100 + n)}`;
      const v = [5 + (n % 23), 30 + n, 40 + n] as const;
      return {
        t: cell("x", code, "", v[0] + v[1] + v[2], { level: "commune" }),
        c0: cell("x", code, "c0", v[0], { level: "commune" }),
        c1: cell("x", code, "c1", v[1], { level: "commune" }),
        c2: cell("x", code, "c2", v[2], { level: "commune" }),
      };
    });
    const communes = [{ t, c0, c1, c2 }, ...decoys];
    const dep = (["t", "c0", "c1", "c2"] as const).map((k) =>
      cell(
        "x",
        "13",
        k === "t" ? "" : k,
        communes.reduce((s, c) => s + c[k].value!, 0),
        { level: "departement" },
      ),
    );
    const relations: SumRelation[] = [
      ...communes.map((c) => sum(c.t, [c.c0, c.c1, c.c2])),
      ...iris.map((i) => sum(i.t, [i.c0, i.c1, i.c2])),
      // The commune over its IRIS, each column with a hidden remainder (rows not placed).
      ...(["t", "c0", "c1", "c2"] as const).map((k) =>
        sum(
          { t, c0, c1, c2 }[k],
          iris.map((i) => i[k]),
          false,
        ),
      ),
      sum(dep[0]!, dep.slice(1)),
      ...(["t", "c0"] as const).map((k, n) =>
        sum(
          dep[n]!,
          communes.map((c) => c[k]),
        ),
      ),
    ];
    const cells = [
      ...communes.flatMap((c) => [c.t, c.c0, c.c1, c.c2]),
      ...iris.flatMap((i) => [i.t, i.c0, i.c1, i.c2]),
      ...dep,
    ];
    const zones = [...communes.map((c) => zone(c.t.code, 5000, "commune")), ...iris.map((i) => zone(i.t.code, 2000))];
    return { cells, relations, zones, c0, decoys };
  }

  it("hides a cell that frees the squeezed one, not one decoy per round until it gives up", async () => {
    const { cells, relations, zones, c0, decoys } = squeezed();
    const table = protect(cells, relations, zones);
    const report = await audit(table.cells, buildAuditCatalogue({ relations }));
    expect(report.failures).toEqual([]);
    const published = byKey(table.cells);
    expect(published.get(key(c0))!.secret).toBe(true);
    // The département's c0 relation needs one decoy as partner of A's c0, no more.
    expect(decoys.filter((d) => published.get(key(d.c0))!.secret).length).toBeLessThanOrEqual(1);
  });
});
