import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import type { PublishedCell } from "../../loaders/contracts.ts";
import { downloadCsv, downloadXlsx, type DownloadInput } from "../../loaders/publish/downloads.ts";
import { neutraliseCell } from "../../loaders/security/spreadsheet-safe.ts";
import { publishedCell } from "../helpers/cells.ts";
import type { VisualDefinition } from "../../loaders/publish/visuals.ts";

const MENTION = "Source Le Conseil Départemental – Analyse des Besoins Sociaux du CCAS de la Ville d'Aix-en-Provence";
/** Splits a `;` line, honouring double quotes (what a spreadsheet does). */
const fields = (line: string): string[] =>
  [...line.matchAll(/(?:^|;)("(?:[^"]|"")*"|[^;]*)/g)].map((m) => m[1]!.replace(/^"|"$/g, "").replaceAll('""', '"'));

function input(cells: PublishedCell[], zoneName = "Mazarin"): DownloadInput {
  return {
    visual: {
      id: "apa-iris-map",
      page: "personnes-agees",
      title: "L'APA à domicile par IRIS",
      kind: "iris-map",
      indicators: ["apa-beneficiaries", "apa-per-100-aged-75p"],
      tables: [],
    },
    cells,
    indicators: {
      "apa-beneficiaries": {
        label: "Bénéficiaires de l'APA à domicile",
        definition: "Personnes de 60 ans et plus bénéficiant de l'APA à domicile au 31 décembre.",
        unit: "count",
        editions: {
          2015: { sources: [`${MENTION} — fichier « APA »`], observationDate: "2015-12-31", lastUpdate: null },
          2016: { sources: [`${MENTION} — fichier « APA »`], observationDate: "2016-12-31", lastUpdate: "2017-02-23" },
        },
      },
      "apa-per-100-aged-75p": {
        label: "APA pour 100 habitants de 75 ans et plus",
        unit: "rate",
        editions: {
          2016: {
            sources: [`${MENTION} — fichier « APA »`, "INSEE, recensement de la population 2016"],
            observationDate: "2016-12-31",
            lastUpdate: "2017-02-23",
          },
        },
      },
    },
    zoneNames: new Map([
      ["130010101", zoneName],
      ["130010102", "Cardeurs"],
    ]),
  };
}

const secretNote = /« s » : secret statistique/;

describe("downloads", () => {
  test("CSV: BOM, `;`, CRLF, decimal comma; the header block once, then the long table without the source on every row", () => {
    const csv = downloadCsv(
      input([
        publishedCell("apa-beneficiaries", "130010101", "", 41, { year: 2016 }),
        publishedCell("apa-beneficiaries", "130010102", "", null, { year: 2016, secret: true }),
        publishedCell("apa-per-100-aged-75p", "130010101", "", 17.25, { year: 2016, unit: "rate" }),
        publishedCell("apa-per-100-aged-75p", "130010102", "", null, { year: 2016, unit: "rate" }),
      ]),
    );
    expect(csv.startsWith("\uFEFFTitre;L'APA à domicile par IRIS\r\n")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    const tableAt = lines.indexOf("Indicateur;Libellé;Année;Niveau;Code;Zone;Ventilation;Catégorie;Valeur;Unité");
    expect(tableAt).toBeGreaterThan(0);
    expect(lines[tableAt - 1]).toBe("");
    const block = lines.slice(0, tableAt).join("\n");
    expect(block).toContain(MENTION);
    expect(block).toContain("données au 31/12/2016, mise à jour du 23/02/2017");
    // A public producer with its licence; the Département's mention word for word, without one.
    expect(block).toContain("INSEE, recensement de la population 2016 — Licence Ouverte / Open Licence 2.0 (Etalab)");
    expect(block).not.toContain(`${MENTION} — Licence Ouverte`);
    expect(block).toMatch(secretNote);
    expect(block).toContain("Unité;effectif");
    const rows = lines.slice(tableAt + 1).map(fields);
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r[8])).toEqual(["41", "s", "17,25", ""]);
    for (const r of rows) expect(r.join(";")).not.toContain(MENTION);
  });

  test("each visual's download holds its own levels: a map its IRIS, an evolution the commune and the département", () => {
    const cells = [
      publishedCell("apa-beneficiaries", "130010101", "", 41, { year: 2016 }),
      publishedCell("apa-beneficiaries", "13001", "", 900, { year: 2016, level: "commune" }),
    ];
    const map = downloadCsv(input(cells));
    expect(map).toContain(";130010101;");
    expect(map).not.toContain(";13001;");
    const evolution = input(cells);
    evolution.visual = { ...evolution.visual, id: "personnes-agees-evolution", kind: "evolution" };
    expect(downloadCsv(evolution)).toContain(";13001;");
    expect(downloadCsv(evolution)).not.toContain(";130010101;");
  });

  test("only a map of communes holds the other communes: an evolution or a comparison holds the observatory's commune", () => {
    const cells = [
      publishedCell("apa-beneficiaries", "130010101", "", 41, { year: 2016 }),
      publishedCell("apa-beneficiaries", "13001", "", 900, { year: 2016, level: "commune" }),
      publishedCell("apa-beneficiaries", "13002", "", 120, { year: 2016, level: "commune" }),
      publishedCell("apa-beneficiaries", "13", "", 5000, { year: 2016, level: "departement" }),
    ];
    const of = (kind: VisualDefinition["kind"]) => {
      const each = { ...input(cells), commune: "13001" };
      each.visual = { ...each.visual, id: `v-${kind}`, kind };
      return downloadCsv(each);
    };
    for (const kind of ["evolution", "comparison", "table"] as const) {
      expect(of(kind), kind).toContain(";13001;");
      expect(of(kind), kind).toContain(";13;");
      expect(of(kind), kind).not.toContain(";13002;");
    }
    expect(of("comparison")).toContain(";130010101;");
    expect(of("commune-map")).toContain(";13002;");
  });

  test("a text cell that a spreadsheet would run as a formula is neutralised, in CSV and XLSX", async () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(neutraliseCell(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(neutraliseCell("Mazarin")).toBe("Mazarin");
    const hostile = input(
      [publishedCell("apa-beneficiaries", "130010101", "", 41, { year: 2016 })],
      '=HYPERLINK("http://x";"y")',
    );
    expect(downloadCsv(hostile)).toContain(`"'=HYPERLINK(""http://x"";""y"")"`);
    // A negative number (a fall, an evolution) is a number, not a formula: no apostrophe.
    const fall = downloadCsv(input([publishedCell("apa-beneficiaries", "130010101", "", -3.5, { year: 2016 })]));
    expect(fall).toContain(";-3,5");
    expect(fall).not.toContain("'-3,5");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await downloadXlsx(hostile)).buffer as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const zone = tableOf(sheet).rows[0]![2]!;
    expect(zone).toBe(`'=HYPERLINK("http://x";"y")`);
  });

  test("XLSX (wide): one sheet per indicator, header block, one row per IRIS, one column per year, « s » where secret, no formula", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (
        await downloadXlsx(
          input([
            publishedCell("apa-beneficiaries", "130010101", "", 41, { year: 2016 }),
            publishedCell("apa-beneficiaries", "130010102", "", null, { year: 2016, secret: true }),
            publishedCell("apa-beneficiaries", "130010101", "", 38, { year: 2015 }),
            publishedCell("apa-beneficiaries", "130010102", "", 12, { year: 2015 }),
            publishedCell("apa-per-100-aged-75p", "130010101", "", 17.25, { year: 2016, unit: "rate" }),
          ]),
        )
      ).buffer as ArrayBuffer,
    );
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Bénéficiaires de l'APA à domici",
      "APA pour 100 habitants de 75 an",
    ]);
    const sheet = workbook.worksheets[0]!;
    const { block, header, rows } = tableOf(sheet);
    expect(block).toContain(MENTION);
    expect(block).toContain("Définition");
    expect(block).toMatch(secretNote);
    expect(header).toEqual(["Niveau", "Code", "Zone", "2015", "2016"]);
    expect(rows).toEqual([
      ["IRIS", "130010101", "Mazarin", 38, 41],
      ["IRIS", "130010102", "Cardeurs", 12, "s"],
    ]);
    sheet.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
  });
});

/** A sheet read back: the header block (up to the blank row), the table's header and rows. */
function tableOf(sheet: ExcelJS.Worksheet) {
  const values: (string | number | null)[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) =>
    values.push((row.values as (string | number | null)[]).slice(1).map((v) => v ?? null)),
  );
  const blank = values.findIndex((r) => r.length === 0);
  return {
    block: values
      .slice(0, blank)
      .map((r) => r.join(" "))
      .join("\n"),
    header: values[blank + 1]!.map(String),
    rows: values.slice(blank + 2),
  };
}
