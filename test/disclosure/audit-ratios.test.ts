// The audit's intervals of secret rates and evolutions, checked against every whole-number
// table consistent with what is published, enumerated by brute force. Two shortcuts of the
// audit are exercised: a published numerator over a hidden denominator (bounded from the
// denominator's extremes), and a ratio whose numerator and denominator lie in independent
// pieces (bounded from the exact ends of each, at the corners).
import { describe, expect, it } from "vitest";
import { audit, buildAuditCatalogue, type AuditCatalogue } from "../../loaders/disclosure/audit.ts";
import type { PublishedCell } from "../../loaders/contracts.ts";
import { publishedCell } from "../helpers/cells.ts";
import { key } from "./tables.ts";

const shown = (category: string, value: number, more: Partial<PublishedCell> = {}) =>
  publishedCell("x", "A", category, value, more);
const hidden = (category: string, more: Partial<PublishedCell> = {}) =>
  publishedCell("x", "A", category, null, { secret: true, ...more });

async function intervalOf(cells: PublishedCell[], catalogue: AuditCatalogue, target: PublishedCell) {
  const report = await audit(cells, catalogue, { keep: 1000 });
  const found = report.narrowest.find((i) => i.cell === key(target) && i.kind === "ratio");
  expect(found, key(target)).toBeDefined();
  return found!;
}

/** Every whole-number assignment of `names` in 0..max satisfying `ok`. */
function* tables(names: readonly string[], max: number, ok: (t: Record<string, number>) => boolean) {
  const t: Record<string, number> = {};
  function* visit(i: number): Generator<Record<string, number>> {
    if (i === names.length) {
      if (ok(t)) yield { ...t };
      return;
    }
    for (let v = 0; v <= max; v++) {
      t[names[i]!] = v;
      yield* visit(i + 1);
    }
  }
  yield* visit(0);
}

/** A complete sum relation between published-side cells. */
const sum = (total: PublishedCell, parts: PublishedCell[]) => ({
  total: key(total),
  parts: parts.map(key),
  complete: true,
});

const range = (values: number[]) => ({ low: Math.min(...values), high: Math.max(...values) });

describe("audit: intervals of secret rates and evolutions", () => {
  it("an evolution from a hidden year to a published one spans the hidden year's extremes", async () => {
    // 2015: total 20 = a + b, both hidden; 2016's a published (15); the evolution of a secret.
    const total = shown("t", 20);
    const a = hidden("a");
    const b = hidden("b");
    const a2016 = shown("a", 15, { year: 2016 });
    const evolution = hidden("a-evol", { year: 2016, unit: "evolution" });
    const catalogue = buildAuditCatalogue({
      relations: [sum(total, [a, b])],
      evolutions: [{ cell: key(evolution), from: key(a), to: key(a2016), kind: "percent", decimals: 1 }],
    });
    const values = [...tables(["a", "b"], 20, (t) => t.a! + t.b! === 20 && t.a! >= 1)].map(
      (t) => (15 / t.a!) * 100 - 100,
    );
    const interval = await intervalOf([total, a, b, a2016, evolution], catalogue, evolution);
    expect(interval.low).toBeCloseTo(range(values).low, 9);
    expect(interval.high).toBeCloseTo(range(values).high, 9);
  });

  it("over an unbounded hidden denominator, the evolution comes as close to -100 % as one likes", async () => {
    // The 2015 value is the sum of two hidden parts that nothing bounds above.
    const from = hidden("t");
    const parts = [hidden("p"), hidden("q")];
    const to = shown("t", 15, { year: 2016 });
    const evolution = hidden("t-evol", { year: 2016, unit: "evolution" });
    const catalogue = buildAuditCatalogue({
      relations: [sum(from as never, parts as never)],
      evolutions: [{ cell: key(evolution), from: key(from), to: key(to), kind: "percent", decimals: 1 }],
    });
    const interval = await intervalOf([from, ...parts, to, evolution], catalogue, evolution);
    expect(interval.low).toBeCloseTo(-100, 9);
    expect(interval.high).toBeCloseTo(15 * 100 - 100, 9);
  });

  it("a share whose count and base lie in independent pieces is bounded at the corners of their ranges", async () => {
    // Piece 1: 8 = n + m. Piece 2: 10000 = d + e and 6 = e + f, so d is within [9994 ; 10000]:
    // the share 100 n / d stays under 0.1 point, too close to call from the tables met on the way.
    const t1 = publishedCell("y", "A", "t1", 8);
    const n = publishedCell("y", "A", "n", null, { secret: true });
    const m = publishedCell("y", "A", "m", null, { secret: true });
    const t2 = publishedCell("z", "A", "t2", 10000);
    const d = publishedCell("z", "A", "d", null, { secret: true });
    const e = publishedCell("z", "A", "e", null, { secret: true });
    const t3 = publishedCell("z", "A", "t3", 6);
    const f = publishedCell("z", "A", "f", null, { secret: true });
    const share = publishedCell("y", "A", "part", null, { secret: true, unit: "share" });
    const catalogue = buildAuditCatalogue({
      relations: [sum(t1, [n, m]), sum(t2, [d, e]), sum(t3, [e, f])],
      ratios: [{ cell: key(share), numerator: key(n), denominator: key(d), per: 100, decimals: 1 }],
    });
    const counts = [...tables(["n", "e", "f"], 8, (t) => t.n! <= 8 && t.e! + t.f! === 6)];
    const values = counts.map((t) => (100 * t.n!) / (10000 - t.e!));
    const interval = await intervalOf([t1, n, m, t2, d, e, t3, f, share], catalogue, share);
    expect(interval.atLeast).toBeUndefined();
    expect(interval.low).toBeCloseTo(range(values).low, 12);
    expect(interval.high).toBeCloseTo(range(values).high, 12);
    expect(interval.high).toBeCloseTo(800 / 9994, 12);
  });
});
