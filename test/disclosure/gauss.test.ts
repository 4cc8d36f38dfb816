import { describe, expect, it } from "vitest";
import { determinedColumns } from "../../loaders/disclosure/gauss.ts";

const row = (entries: Record<number, number>) => new Map(Object.entries(entries).map(([k, v]) => [Number(k), v]));

describe("determinedColumns", () => {
  it("finds an unknown alone in a row", () => {
    expect(determinedColumns([row({ 0: 1, 1: -1 }), row({ 1: 1 })])).toEqual([0, 1]);
  });
  it("finds unknowns that only a combination of rows gives back", () => {
    // a+b, b+c, a+c known: all three determined; a+b and c+d alone: none.
    expect(determinedColumns([row({ 0: 1, 1: 1 }), row({ 1: 1, 2: 1 }), row({ 0: 1, 2: 1 })])).toEqual([0, 1, 2]);
    expect(determinedColumns([row({ 0: 1, 1: 1 }), row({ 2: 1, 3: 1 })])).toEqual([]);
  });
  it("ignores rows holding an unknown remainder found nowhere else", () => {
    // total - a - rest = k: rest absorbs everything, a stays free even with a second row on it.
    expect(determinedColumns([row({ 0: 1, 9: -1 }), row({ 0: 1, 1: 1 })])).toEqual([]);
  });
  it("keeps a two-dimensional table with a closed cycle undetermined", () => {
    // x11 + x12, x21 + x22, x11 + x21, x12 + x22 known: one degree of freedom remains.
    const rows = [row({ 0: 1, 1: 1 }), row({ 2: 1, 3: 1 }), row({ 0: 1, 2: 1 }), row({ 1: 1, 3: 1 })];
    expect(determinedColumns(rows)).toEqual([]);
  });
});
