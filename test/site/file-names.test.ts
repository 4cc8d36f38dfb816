// The names saved files get (src/components/file-names.js): what they hold and when, never
// Framework's content hash.
import { describe, expect, test } from "vitest";
import { datedFilename, editionMonth, fileStem, yearSpan } from "../../src/components/file-names.js";
import { readableName } from "../../src/components/downloads.js";

/** The two things a built page tells the namer: its edition meta and, in review, its banner. */
const page = (date: string | null, review = false) =>
  ({
    querySelector: (selector: string) => {
      if (selector.startsWith("meta")) return date === null ? null : { getAttribute: () => date };
      return review && selector === ".review-marking" ? {} : null;
    },
  }) as unknown as Document;

describe("names of saved files", () => {
  test("the built file's stem and extension, without the content hash", () => {
    expect(fileStem("./_file/data/observatoire/telechargements/apa-iris-map.368e2d3b.xlsx")).toEqual([
      "apa-iris-map",
      "xlsx",
    ]);
    expect(fileStem("/telechargements/apa-iris-map.csv?x=1")).toEqual(["apa-iris-map", "csv"]);
  });

  test("years as a span, in order, once each", () => {
    expect(yearSpan([2016, 2015, 2016])).toBe("2015-2016");
    expect(yearSpan(["2016"])).toBe("2016");
    expect(yearSpan([])).toBe("");
  });

  test("the edition's month from the page's meta; nothing without one (the preview)", () => {
    expect(editionMonth(page("2026-12-01"))).toBe("2026-12");
    expect(editionMonth(page(null))).toBe("");
    expect(editionMonth(page("demain"))).toBe("");
  });

  test("what, the years of the data, the edition, and the review edition's mark", () => {
    expect(datedFilename("apa-iris-map", "xlsx", { years: [2015, 2016], edition: "2026-12", review: false })).toBe(
      "apa-iris-map-2015-2016-edition-2026-12.xlsx",
    );
    expect(datedFilename("apa-iris-map-2016", "png", { edition: "2026-12", review: true })).toBe(
      "apa-iris-map-2016-edition-2026-12-document-de-travail.png",
    );
    expect(datedFilename("Évolution : APA", "svg", { edition: "", review: false })).toBe("Evolution-APA.svg");
  });

  test("a download link's name: no hash, the years it covers", () => {
    const name = readableName("_file/data/observatoire/telechargements/apa-iris-map.368e2d3b.xlsx", [2016, 2015]);
    expect(name).toMatch(/^apa-iris-map-2015-2016(-edition-\d{4}-\d{2})?\.xlsx$/);
    expect(name).not.toMatch(/[0-9a-f]{8}/);
  });
});
