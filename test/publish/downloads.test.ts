import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import type { PublishedCell } from "../../loaders/contracts.ts";
import { downloadCsv, downloadXlsx, neutralizeFormula, type DownloadInput } from "../../loaders/publish/downloads.ts";

const MENTION = "Source Le Conseil Départemental – Analyse des Besoins Sociaux du CCAS de la Ville d'Aix-en-Provence";
/** Splits a `;` line, honouring double quotes (what a spreadsheet does). */
const fields = (line: string): string[] =>
  [...line.matchAll(/(?:^|;)("(?:[^"]|"")*"|[^;]*)/g)].map((m) => m[1]!.replace(/^"|"$/g, "").replaceAll('""', '"'));

const cell = (
  code: string,
  value: number | null,
  secret = false,
  extra: Partial<PublishedCell> = {},
): PublishedCell => ({
  indicator: "apa-beneficiaries",
  year: 2016,
  level: "iris",
  code,
  breakdown: "",
  category: "",
  value,
  secret,
  unit: "count",
  ...extra,
});

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
        unit: "count",
        editions: {
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

describe("downloads", () => {
  test("CSV: BOM, `;`, CRLF, decimal comma, secret as « s », n.a. empty, source and dates on every row", () => {
    const csv = downloadCsv(
      input([
        cell("130010101", 41),
        cell("130010102", null, true),
        cell("130010101", 17.25, false, { indicator: "apa-per-100-aged-75p", unit: "rate" }),
        cell("130010102", null, false, { indicator: "apa-per-100-aged-75p", unit: "rate" }),
      ]),
    );
    expect(csv.startsWith("\uFEFFIndicateur;Libellé;Année;Niveau;Code;Zone;")).toBe(true);
    const rows = csv.slice(1).trimEnd().split("\r\n").slice(1).map(fields);
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r[8])).toEqual(["41", "s", "17,25", ""]);
    for (const r of rows) {
      expect(r[10]).toContain(MENTION);
      expect(r[11]).toBe("2016-12-31");
      expect(r[12]).toBe("2017-02-23");
    }
    expect(rows[2]![10]).toContain("INSEE");
  });

  test("a text cell that a spreadsheet would run as a formula is neutralised, in CSV and XLSX", async () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(neutralizeFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(neutralizeFormula("Mazarin")).toBe("Mazarin");
    const hostile = input([cell("130010101", 41)], '=HYPERLINK("http://x";"y")');
    expect(downloadCsv(hostile)).toContain(`"'=HYPERLINK(""http://x"";""y"")"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await downloadXlsx(hostile)).buffer as ArrayBuffer);
    const zone = workbook.getWorksheet("Données")!.getRow(2).getCell(6);
    expect(zone.type).toBe(ExcelJS.ValueType.String);
    expect(zone.value).toBe(`'=HYPERLINK("http://x";"y")`);
  });

  test("XLSX: numbers stay numbers, secret cells read « s », the sources sheet gives the mention and dates", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await downloadXlsx(input([cell("130010101", 41), cell("130010102", null, true)]))).buffer as ArrayBuffer,
    );
    const data = workbook.getWorksheet("Données")!;
    expect(data.getRow(2).getCell(9).value).toBe(41);
    expect(data.getRow(3).getCell(9).value).toBe("s");
    const sources = workbook.getWorksheet("Sources")!.getColumn(1).values.map(String).join("\n");
    expect(sources).toContain(MENTION);
    expect(sources).toContain("données au 2016-12-31, mise à jour du 2017-02-23");
  });
});
