import { describe, expect, it } from "vitest";
import { audit, buildAuditCatalogue } from "../../loaders/disclosure/audit.ts";
import { optimalSecondary } from "../../loaders/disclosure/optimum.ts";
import { protect } from "../../loaders/disclosure/protect.ts";
import { cell, key, secretKeys, sum, zone } from "./tables.ts";

describe("optimalSecondary: exact minimum of secondary suppressions (HiGHS)", () => {
  it("needs one partner for a single small cell, and picks one heavy enough", async () => {
    const total = cell("apa", "A", "", 12);
    const parts = [cell("apa", "A", "a", 3), cell("apa", "A", "b", 1), cell("apa", "A", "c", 8)];
    const relations = [sum(total, parts)];
    const primary = new Set([key(parts[0]!), key(parts[1]!)]);
    // 3 + 1 weighs less than 5: the third cell is the only way out.
    expect((await optimalSecondary([total, ...parts], relations, primary)).secondary).toEqual([key(parts[2]!)]);
  });

  it("matches protect on linked tables, and its own pattern passes the audit", async () => {
    const mk = (code: string, f: number, m: number, level: "iris" | "commune" = "iris") => ({
      t: cell("apa", code, "", f + m, { level }),
      f: cell("apa", code, "f", f, { level }),
      m: cell("apa", code, "m", m, { level }),
    });
    const a = mk("A", 3, 20);
    const b = mk("B", 18, 22);
    const c = mk("13001", 21, 42, "commune");
    const relations = [a, b, c].map((z) => sum(z.t, [z.f, z.m]));
    for (const k of ["t", "f", "m"] as const) relations.push(sum(c[k], [a[k], b[k]]));
    const cells = [a, b, c].flatMap((z) => Object.values(z));
    const zones = [zone("A", 900), zone("B", 900), zone("13001", 140000, "commune")];
    const exact = await optimalSecondary(cells, relations, new Set([key(a.f)]));
    expect(exact.secondary).toHaveLength(3);
    const table = protect(cells, relations, zones);
    expect(secretKeys(table.cells).length - 1).toBe(exact.secondary.length);
    const optimal = table.cells.map((x) =>
      exact.secondary.includes(key(x)) || key(x) === key(a.f)
        ? { ...x, secret: true, value: null }
        : { ...x, secret: false },
    );
    expect((await audit(optimal, buildAuditCatalogue({ relations }))).ok).toBe(true);
  });
});
