import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { datasetYearsOf, readApprovals } from "../../loaders/publish/approvals.ts";
import { prepareEditorial, type EditorialInput } from "../../loaders/publish/commentary-publication.ts";
import { analysis, approved, editorialInput, publishedCells, refusal } from "./fixtures.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";

const tempDir = useTempDirs("abs-approvals-");

const input = (text: string | null, overrides: Partial<EditorialInput> = {}): EditorialInput =>
  editorialInput(text === null ? [] : [{ visual: "apa-iris-map", year: 2016, text }], overrides);

describe("editorial rules of a build", () => {
  test("a commented, approved visual is published with its numbers rendered from the protected cells", () => {
    const editorial = prepareEditorial(
      input(`${analysis(2016)} Aix compte {{apa-beneficiaries|commune|13001}} bénéficiaires.`),
    );
    expect(editorial.commentary["apa-iris-map"]![2016]!.html).toContain("Aix compte 2\u202f345 bénéficiaires.");
    expect(editorial.edition).toEqual({
      mode: "public",
      marking: null,
      publishedAt: "2017-06-30",
      years: [2016],
      uncommented: [],
    });
  });

  test("the public build fails naming the visual whose commentary is missing", () => {
    const error = refusal(() => prepareEditorial(input(null)));
    expect(error.rule).toBe("commentaire-manquant");
    expect(error.message).toContain("apa-iris-map (page personnes-agees");
  });

  test("the review build and the preview show it marked « à commenter » instead", () => {
    for (const mode of ["review", "dev"] as const) {
      const editorial = prepareEditorial(input(null, { mode, approvals: [] }));
      expect(editorial.commentary).toEqual({});
      expect(editorial.edition.uncommented).toEqual([{ visual: "apa-iris-map", year: 2016 }]);
      expect(editorial.edition.marking).toBe(mode === "review" ? "Document de travail – diffusion restreinte" : null);
      expect(editorial.publishes("personnes-agees.parquet")).toBe(true);
    }
  });

  test("a commentary with a literal small count fails the lint in every mode, naming file and line", () => {
    for (const mode of ["public", "review", "dev"] as const) {
      const error = refusal(() =>
        prepareEditorial(input(`${analysis(2016)}\nDans l'IRIS des Facultés, 3 personnes vivent seules.`, { mode })),
      );
      expect(error.rule).toBe("lint-commentaire");
      expect(error.message).toMatch(/data\/commentary\/2016\/apa-iris-map\.md, ligne 7 .*effectif-1-a-4/);
    }
  });

  test("a reference to a secret cell fails the build, in review too", () => {
    expect(() =>
      prepareEditorial(input(`${analysis(2016)} {{apa-beneficiaries|iris|130010102}}`, { mode: "review" })),
    ).toThrow(/reference-secrete/);
  });

  test("the public build refuses a dataset and year without the Département's approval", () => {
    const error = refusal(() => prepareEditorial(input(analysis(2016), { approvals: [] })));
    expect(error.rule).toBe("accord-manquant");
    expect(error.message).toContain("- apa-domicile, année 2016");
    // A fictitious approval (shipped with the sample) never covers real exports...
    expect(() =>
      prepareEditorial(input(analysis(2016), { approvals: [{ ...approved[0]!, fictitious: true }] })),
    ).toThrow(/accord du Département/);
    // ...but does cover the synthetic sample; and the review build needs none.
    expect(() =>
      prepareEditorial(input(analysis(2016), { approvals: [{ ...approved[0]!, fictitious: true }], synthetic: true })),
    ).not.toThrow();
    expect(() => prepareEditorial(input(analysis(2016), { approvals: [], mode: "review" }))).not.toThrow();
  });

  test("a table and a download that no commented visual uses are not publishable", () => {
    const editorial = prepareEditorial(input(analysis(2016)));
    expect(editorial.publishes("personnes-agees.parquet")).toBe(true);
    expect(editorial.publishes("iris.json")).toBe(true);
    expect(editorial.publishes("telechargements/apa-iris-map.csv")).toBe(true);
    expect(editorial.publishes("handicap.parquet")).toBe(false);
    expect(editorial.publishes("telechargements/handicap-evolution.xlsx")).toBe(false);
    expect(editorial.publishes("catalogue.json")).toBe(true);
  });

  test("an evolution needs the approval of both its years; public data need none", () => {
    const cell = { ...publishedCells[0]!, indicator: "apa-beneficiaries-evolution", unit: "evolution" as const };
    expect(datasetYearsOf([cell])).toEqual([
      { dataset: "apa-domicile", year: 2015 },
      { dataset: "apa-domicile", year: 2016 },
    ]);
    expect(datasetYearsOf([{ ...cell, indicator: "population-75p" }])).toEqual([]);
  });

  test("approvals.json errors name the file, the entry and the key", () => {
    const folder = tempDir();
    const path = join(folder, "approvals.json");
    writeFileSync(path, JSON.stringify({ approbations: [{ jeu: "apa-domicile", annee: 2016, date: "18/05/2017" }] }));
    expect(() => readApprovals(path)).toThrow(`${path}, approbation n° 1, clé « date »`);
    writeFileSync(
      path,
      JSON.stringify({ approbations: [{ jeu: "ase", annee: 2016, date: "2017-05-18", par: "DEF", fictif: true }] }),
    );
    expect(readApprovals(path)).toEqual([
      { dataset: "ase", year: 2016, date: "2017-05-18", by: "DEF", fictitious: true },
    ]);
  });
});
