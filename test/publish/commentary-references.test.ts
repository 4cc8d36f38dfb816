import { describe, expect, test } from "vitest";
import {
  indexCells,
  parseReferences,
  ReferenceError,
  renderReferences,
} from "../../loaders/publish/commentary-references.ts";
import { publishedCells } from "./fixtures.ts";

const cells = indexCells(publishedCells);
const file = "data/commentary/2016/apa-iris-map.md";
const render = (text: string) => renderReferences(text, 2016, file, cells);

describe("references to published cells in commentary", () => {
  test("render from the protected cells with French formats", () => {
    expect(
      render(
        "Aix compte {{apa-beneficiaries|commune|13001}} bénéficiaires, le département {{apa-beneficiaries|département|13}}.",
      ),
    ).toBe("Aix compte 2\u202f345 bénéficiaires, le département 41\u202f234.");
    expect(render("{{apa-gir-1-2-share|commune|13001}} en GIR 1 ou 2")).toBe("18,4 % en GIR 1 ou 2");
    expect(render("dont {{apa-beneficiaries|commune|13001|sex=F}} femmes")).toBe("dont 1\u202f601 femmes");
  });

  test("the year defaults to the commentary's and can be named", () => {
    expect(parseReferences("{{apa-beneficiaries|iris|130010101}}", 2016, file)[0]!.year).toBe(2016);
    expect(parseReferences("{{apa-beneficiaries|iris|130010101|2015}}", 2016, file)[0]!.year).toBe(2015);
    // No 2015 cell in the fixture: the reference is refused, not rendered empty.
    expect(() => render("{{apa-beneficiaries|iris|130010101|2015}}")).toThrow(/reference-inconnue/);
  });

  test("a reference to a secret cell fails, naming file and rule, never the value", () => {
    let error: unknown;
    try {
      render("L'IRIS compte {{apa-beneficiaries|iris|130010102}} bénéficiaires.");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReferenceError);
    expect((error as ReferenceError).rule).toBe("reference-secrete");
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).not.toMatch(/\b37\b/);
    expect(() => render("{{apa-gir-1-2-share|iris|130010102}}")).toThrow(/secret statistique/);
  });

  test("malformed and unknown references fail the build", () => {
    expect(() => render("{{apa-beneficiaries|quartier|13001}}")).toThrow(/reference-syntaxe/);
    expect(() => render("{{apa-beneficiaries|commune|13001|vingt}}")).toThrow(/reference-syntaxe/);
    expect(() => render("{{births|commune|13001}}")).toThrow(/reference-inconnue/);
  });
});
