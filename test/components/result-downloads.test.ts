// The explorer's result downloads, reopened as a person would: the XLSX with exceljs, the CSV
// as text. Same header block as the visuals' downloads; secret cells read « s »; no formula.
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { resultCsv, resultHeader, resultXlsx } from "../../src/components/result-downloads.js";

const MENTION = "Source Le Conseil Départemental – Analyse des Besoins Sociaux du CCAS de la Ville d'Aix-en-Provence";
const input = {
  fields: ["year", "code", "value", "secret"],
  rows: [
    { year: 2016, code: "13001", value: 2462.5, secret: false },
    { year: 2016, code: "130010101", value: null, secret: true },
    { year: 2016, code: "=1+1", value: 3n, secret: false },
  ],
  header: resultHeader({
    sql: "SELECT year, code, value, secret\nFROM personnes_agees",
    sources: [`${MENTION}. Données au 31 décembre 2016.`, `${MENTION}. Données au 31 décembre 2016.`],
  }),
};

describe("the explorer's result downloads", () => {
  test("CSV: header block once (title, query, source, « s »), a blank line, the table; « s » for secret cells", () => {
    const lines = resultCsv(input)
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toMatch(/^Titre;Résultat d'une requête/);
    expect(lines[1]).toBe("Requête;SELECT year, code, value, secret FROM personnes_agees");
    expect(lines.filter((l: string) => l.startsWith("Source;"))).toHaveLength(1);
    const tableAt = lines.indexOf("year;code;value;secret");
    expect(lines[tableAt - 1]).toBe("");
    expect(lines[tableAt - 2]).toMatch(/^Secret;« s » : secret statistique/);
    expect(lines.slice(tableAt + 1)).toEqual([
      "2016;13001;2462,5;false",
      "2016;130010101;s;true",
      "2016;'=1+1;3;false",
    ]);
  });

  test("XLSX reopened with exceljs: one sheet, the header block, numbers as numbers, « s », no formula", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(resultXlsx(input)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Résultat")!;
    const values: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => values.push((row.values as unknown[]).slice(1)));
    expect(values.map((r) => r[0]).slice(0, 4)).toEqual(["Titre", "Requête", "Source", "Secret"]);
    expect(String(values[2]![1])).toContain(MENTION);
    const tableAt = values.findIndex((r) => r[0] === "year");
    expect(values.slice(tableAt + 1)).toEqual([
      [2016, "13001", 2462.5, "false"],
      [2016, "130010101", "s", "true"],
      [2016, "'=1+1", 3, "false"],
    ]);
    sheet.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
  });
});
