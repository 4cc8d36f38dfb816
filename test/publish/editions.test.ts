import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  archiveEdition,
  compareEditions,
  describeChanges,
  editionsMember,
  publishArchivedEditions,
  readEdition,
  type EditionData,
} from "../../loaders/publish/editions.ts";
import { cellsToParquet } from "../../loaders/publish/parquet.ts";
import { publishedCell } from "../helpers/cells.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";

const tempDir = useTempDirs("abs-editions-");
const indicators = (vintage: string) => ({
  "apa-beneficiaries": { label: "Bénéficiaires de l'APA à domicile", editions: { 2015: {}, 2016: {} } },
  "apa-per-100-aged-75p": {
    label: "APA pour 100 habitants de 75 ans et plus",
    editions: { 2015: { denominatorVintages: ["INSEE RP 2015"] }, 2016: { denominatorVintages: [vintage] } },
  },
});

const edition2015: EditionData = {
  year: 2015,
  publishedAt: "2016-07-01",
  indicators: indicators("INSEE RP 2015"),
  cells: [
    publishedCell("apa-beneficiaries", "13001", "", 2454, { year: 2015, level: "commune" }),
    publishedCell("apa-beneficiaries", "130010101", "", 57, { year: 2015, level: "iris" }),
    publishedCell("apa-beneficiaries", "130010102", "", null, { year: 2015, level: "iris", secret: true }),
    publishedCell("apa-per-100-aged-75p", "13001", "", 17.1, { year: 2015, level: "commune" }),
  ],
};
const edition2016 = (irisCodes: string[], vintage: string): EditionData => ({
  year: 2016,
  publishedAt: "2017-07-03",
  indicators: indicators(vintage),
  cells: [
    // 2015 revised by the partner at the commune, unchanged elsewhere.
    publishedCell("apa-beneficiaries", "13001", "", 2460, { year: 2015, level: "commune" }),
    publishedCell("apa-beneficiaries", irisCodes[0]!, "", 57, { year: 2015, level: "iris" }),
    publishedCell("apa-beneficiaries", irisCodes[1]!, "", null, { year: 2015, level: "iris", secret: true }),
    publishedCell("apa-beneficiaries", "13001", "", 2462, { year: 2016, level: "commune" }),
    publishedCell("apa-beneficiaries", irisCodes[0]!, "", 61, { year: 2016, level: "iris" }),
    publishedCell("apa-per-100-aged-75p", "13001", "", 17.1, { year: 2015, level: "commune" }),
    publishedCell("apa-per-100-aged-75p", "13001", "", 17.3, { year: 2016, level: "commune" }),
    publishedCell("births", "13001", "", 1578, { year: 2016, level: "commune" }),
  ],
});

describe("annual editions", () => {
  test("same IRIS and vintages: revisions and new years are counted, the IRIS compare", () => {
    const changes = compareEditions(edition2015, edition2016(["130010101", "130010102"], "INSEE RP 2015"));
    expect(changes.sameGeography).toBe(true);
    expect(changes.added).toEqual(["births"]);
    expect(changes.changes).toEqual([
      {
        indicator: "apa-beneficiaries",
        label: "Bénéficiaires de l'APA à domicile",
        revised: "moins de 5", // one revised cell: a count of 1-4 is never shown
        newYears: [2016],
        notComparable: null,
      },
      {
        indicator: "apa-per-100-aged-75p",
        label: "APA pour 100 habitants de 75 ans et plus",
        revised: 0,
        newYears: [2016],
        notComparable: null,
      },
    ]);
    const text = describeChanges(changes);
    expect(text).toContain("l'édition 2015 (publiée le 1 juillet 2016) et l'édition 2016 (publiée le 3 juillet 2017)");
    expect(text).toContain("Les deux éditions utilisent les mêmes IRIS");
  });

  test("new IRIS or a new denominator vintage: said so, and IRIS values are not compared", () => {
    const changes = compareEditions(edition2015, edition2016(["130010103", "130010104"], "INSEE RP 2016"));
    expect(changes.sameGeography).toBe(false);
    const apa = changes.changes.find((c) => c.indicator === "apa-beneficiaries")!;
    expect(apa.revised).toBe("moins de 5"); // the commune only: IRIS of different maps are not matched
    expect(apa.notComparable).toMatch(/contours IRIS ont changé/);
    expect(changes.changes.find((c) => c.indicator === "apa-per-100-aged-75p")!.notComparable).toBe(
      "le dénominateur a changé de millésime (INSEE RP 2015 → INSEE RP 2016)",
    );
    expect(describeChanges(changes)).toContain("**Les contours IRIS ont changé**");
  });

  test("an edition built in dist/ is archived under its year with its date, and read back", async () => {
    const site = tempDir();
    const dir = tempDir();
    const data = join(site, "_file", "data", "observatoire");
    mkdirSync(data, { recursive: true });
    const cells = edition2016(["130010101", "130010102"], "INSEE RP 2015").cells;
    writeFileSync(join(data, "personnes-agees.0123abcd.parquet"), await cellsToParquet(cells));
    writeFileSync(
      join(data, "catalogue.89abcdef.json"),
      JSON.stringify({ indicators: { "apa-beneficiaries": { label: "APA", years: [2015, 2016], editions: {} } } }),
    );
    const target = archiveEdition({ site, dir, publishedAt: "2017-07-03" });
    expect(target).toBe(join(dir, "2016"));
    const read = await readEdition(target);
    expect(read.year).toBe(2016);
    expect(read.publishedAt).toBe("2017-07-03");
    expect(read.cells).toHaveLength(cells.length);
    // A review edition is never archived as a published one.
    writeFileSync(
      join(data, "catalogue.89abcdef.json"),
      JSON.stringify({ diffusion: "Document de travail – diffusion restreinte", indicators: {} }),
    );
    expect(() => archiveEdition({ site, dir })).toThrow(/jamais archivée/);
  });

  test("a revised cell that changed secrecy is counted, never printed", () => {
    const before: EditionData = {
      ...edition2015,
      cells: [
        publishedCell("apa-beneficiaries", "13001", "", 2454, { year: 2015, level: "commune" }),
        publishedCell("apa-beneficiaries", "130010101", "", null, { year: 2015, level: "iris", secret: true }),
      ],
    };
    const after: EditionData = {
      ...edition2016(["130010101", "130010102"], "INSEE RP 2015"),
      cells: [
        publishedCell("apa-beneficiaries", "13001", "", 2459, { year: 2015, level: "commune" }),
        publishedCell("apa-beneficiaries", "130010101", "", 7, { year: 2015, level: "iris" }),
      ],
    };
    const changes = compareEditions(before, after);
    expect(changes.changes[0]!.revised).toBe("moins de 5");
    expect(describeChanges(changes)).toContain("moins de 5 case(s) révisée(s)");
    const published = JSON.stringify(changes) + describeChanges(changes);
    for (const value of ["2454", "2459", "7 "]) expect(published).not.toContain(value);
  });

  test("archived editions go online under /archives/<year>/ with their files' sources, and what changed since", async () => {
    const site = tempDir();
    const dir = tempDir();
    const output = tempDir();
    const data = join(site, "_file", "data", "observatoire");
    mkdirSync(join(data, "telechargements"), { recursive: true });
    const info = (year: number) => ({
      sources: ["Source Le Conseil Départemental – Analyse des Besoins Sociaux du CCAS de la Ville d'Aix-en-Provence"],
      observationDate: `${year}-12-31`,
    });
    writeFileSync(join(data, "personnes-agees.0123abcd.parquet"), await cellsToParquet(edition2015.cells));
    writeFileSync(
      join(data, "catalogue.89abcdef.json"),
      JSON.stringify({
        indicators: {
          "apa-beneficiaries": {
            label: "Bénéficiaires de l'APA à domicile",
            theme: "personnes-agees",
            years: [2015],
            editions: { 2015: info(2015) },
          },
          "apa-per-100-aged-75p": {
            label: "APA pour 100 habitants de 75 ans et plus",
            theme: "personnes-agees",
            years: [2015],
            editions: { 2015: { ...info(2015), denominatorVintages: ["INSEE RP 2015"] } },
          },
        },
      }),
    );
    writeFileSync(
      join(data, "visuals.0a0b0c0d.json"),
      JSON.stringify([{ id: "apa-iris-map", indicators: ["apa-beneficiaries"] }]),
    );
    writeFileSync(join(data, "telechargements", "apa-iris-map.1234abcd.csv"), "\ufeffIRIS;Valeur\n");
    archiveEdition({ site, dir, publishedAt: "2016-07-01" });
    // Anything else put by hand in the editions folder never goes online.
    writeFileSync(join(dir, "2015", "notes-internes.txt"), "à ne pas publier");
    mkdirSync(join(dir, "private"));
    writeFileSync(join(dir, "private", "store.json"), "{}");

    expect(publishArchivedEditions(output, dir)).toEqual([2015]);
    const online = join(output, "archives", "2015");
    expect(readdirSync(online).sort()).toEqual([
      "catalogue.json",
      "edition.json",
      "personnes-agees.parquet",
      "telechargements",
      "visuals.json",
    ]);
    expect(readdirSync(join(online, "telechargements"))).toEqual(["apa-iris-map.csv"]);
    expect(existsSync(join(output, "archives", "private"))).toBe(false);
    expect(readFileSync(join(online, "personnes-agees.parquet"))).toEqual(
      readFileSync(join(data, "personnes-agees.0123abcd.parquet")),
    );

    const member = await editionsMember(edition2016(["130010101", "130010102"], "INSEE RP 2016"), dir);
    expect(member.current).toEqual({ year: 2016, publishedAt: "2017-07-03" });
    expect(member.archived).toHaveLength(1);
    expect(member.archived[0]!.publishedAt).toBe("2016-07-01");
    expect(member.archived[0]!.files.map((f) => f.href)).toEqual([
      "archives/2015/personnes-agees.parquet",
      "archives/2015/telechargements/apa-iris-map.csv",
    ]);
    // One source line per distinct text: both indicators of the table carry the same one.
    expect(member.archived[0]!.files[0]!.sources).toHaveLength(1);
    expect(member.archived[0]!.files[0]!.sources[0]).toMatchObject(info(2015));
    expect(member.archived[0]!.files[1]!.sources).toEqual([info(2015)]);
    expect(member.changes?.from).toEqual({ year: 2015, publishedAt: "2016-07-01" });
    expect(member.changes?.changes.find((c) => c.indicator === "apa-per-100-aged-75p")?.notComparable).toBe(
      "le dénominateur a changé de millésime (INSEE RP 2015 → INSEE RP 2016)",
    );
    // No archive older than the current edition: a first edition, nothing to compare.
    expect((await editionsMember({ ...edition2015, year: 2014 }, dir)).changes).toBeNull();
    expect((await editionsMember(edition2015, join(dir, "absent"))).archived).toEqual([]);
  });
});
