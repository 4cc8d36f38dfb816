import { expect, test } from "vitest";
import { cellKey } from "../loaders/contracts.ts";
test("cellKey joins the cell coordinates", () => {
  expect(cellKey({ indicator: "a", year: 2015, level: "iris", code: "130010101", breakdown: "", category: "" })).toBe("a|2015|iris|130010101||");
});
