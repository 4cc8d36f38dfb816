import { describe, expect, it } from "vitest";
import { groupSmallCounts, publishedCount } from "../../loaders/publish/small-counts.ts";

describe("counts shown besides the tables: 5 or more, or grouped (Article 7)", () => {
  it("writes 1 to 4 as « moins de 5 », keeps 0 and 5 or more", () => {
    expect([0, 1, 4, 5, 12].map((n) => publishedCount(n))).toEqual([0, "moins de 5", "moins de 5", 5, 12]);
  });

  it("groups the geocoding results of 1 to 4 addresses, adding the smallest other one while the group is under 5", () => {
    const grouped = groupSmallCounts({ exact: 2400, interpolated: 2, street: 30, "lieu-dit": 1, forced: 0 }, "autres");
    expect(grouped).toEqual({ exact: 2400, autres: 33 });
    expect(Object.values(grouped).every((n) => n >= 5)).toBe(true);
    expect(groupSmallCounts({ exact: 2400, interpolated: 3, street: 4 }, "autres")).toEqual({ exact: 2400, autres: 7 });
    expect(groupSmallCounts({ exact: 2400, street: 40 }, "autres")).toEqual({ exact: 2400, street: 40 });
  });
});
