import { describe, expect, it } from "vitest";
import { lpBounds, type LpComponent } from "../../loaders/disclosure/lp-bounds.ts";

/** a + b = total (whole numbers, at least 0), and a + 2b = total + 1 when `squeezed`. */
function component(total: number, squeezed: boolean): LpComponent {
  const rows = [{ vars: [0, 1], coefs: [1, 1], lower: total, upper: total }];
  if (squeezed) rows.push({ vars: [0, 1], coefs: [1, 2], lower: total + 1, upper: total + 1 });
  return {
    variables: [0, 1].map(() => ({ lower: 0, upper: Infinity, integer: true })),
    rows,
    targets: [{ kind: "cell", vars: [0] }],
    start: null,
  };
}

describe("lpBounds: bounds solved by the workers, each answer back in its component's place", () => {
  it("returns the interval of every component in input order when the batch is dealt to several workers", () => {
    // Enough work to be shared out; totals differ so that any mix-up shows.
    const components = Array.from({ length: 3000 }, (_, i) => component(i + 1, i % 7 === 0));
    const bounds = lpBounds(components, Infinity);
    expect(bounds).toHaveLength(components.length);
    bounds.forEach((b, i) => {
      // Squeezed: b = 1, so a = total - 1 exactly; otherwise a spans [0 ; total].
      expect(b[0]).toEqual(i % 7 === 0 ? { low: i, high: i } : { low: 0, high: i + 1 });
    });
  });

  it("answers a small batch too, and again after a large one", () => {
    expect(lpBounds([component(10, false), component(4, true)], Infinity)).toEqual([
      [{ low: 0, high: 10 }],
      [{ low: 3, high: 3 }],
    ]);
  });
});

describe("lpBounds: cells proven wide by a few consistent tables, narrow ones still solved exactly", () => {
  it("reports the exact interval of every narrow cell among many wide ones of one component", () => {
    // t_k = x_k + y_k published: 3 when k is odd (x, y within [0 ; 3]), 20 when even; one
    // incomplete row ties them all into a single component.
    const n = 40;
    const variables = Array.from({ length: 2 * n }, () => ({ lower: 0, upper: Infinity, integer: true }));
    const total = (k: number) => (k % 2 === 1 ? 3 : 20);
    const rows = Array.from({ length: n }, (_, k) => ({
      vars: [2 * k, 2 * k + 1],
      coefs: [1, 1],
      lower: total(k),
      upper: total(k),
    }));
    rows.push({ vars: variables.map((_, i) => i), coefs: variables.map(() => 1), lower: 0, upper: Infinity });
    const start = Array.from({ length: n }, (_, k) => [1, total(k) - 1]).flat();
    const targets = variables.map((_, i) => ({ kind: "cell" as const, vars: [i] }));
    const [bounds] = lpBounds([{ variables, rows, targets, start }], 5);
    bounds!.forEach((b, i) => {
      const k = Math.floor(i / 2);
      if (k % 2 === 1) expect(b).toEqual({ low: 0, high: 3 });
      else {
        expect(b.high - b.low).toBeGreaterThanOrEqual(5);
        expect(b.low).toBeGreaterThanOrEqual(0);
        expect(b.high).toBeLessThanOrEqual(20);
        expect(b.low).toBeLessThanOrEqual(start[i]!);
        expect(b.high).toBeGreaterThanOrEqual(start[i]!);
      }
    });
  });
});
