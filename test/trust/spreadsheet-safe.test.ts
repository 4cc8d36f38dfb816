// Formula injection: a text written into a CSV or XLSX must never start a formula when an
// analyst opens the file. Checked on every string (fast-check) and on a real exceljs round trip.
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCsv } from "../../loaders/common/csv-write.ts";
import { looksLikeFormula, neutraliseCell, neutraliseRow } from "../../loaders/security/spreadsheet-safe.ts";

/** Texts that start with a formula's own first characters: = + - @. */
const FORMULA_STARTS = ["=SUM(A1:A9)", "+33 4 42 00 00 00", "-2+3", "@SOMME(A1)", '=HYPERLINK("http://x";"clic")'];
/** Starts a spreadsheet skips or folds before reading a formula: tab, carriage return, full-width =. */
const HIDDEN_STARTS = ["\t=1+1", "\r=1", "＝1+1"];
const DANGEROUS = [...FORMULA_STARTS, ...HIDDEN_STARTS];

describe("spreadsheet-safe cells", () => {
  it("neutralises every cell that starts like a formula, and only those", () => {
    for (const text of DANGEROUS) expect(neutraliseCell(text)).toBe(`'${text}`);
    for (const text of ["Aix-en-Provence", "13001", "Quartier = centre", "1 000 €", ""])
      expect(neutraliseCell(text)).toBe(text);
    expect(neutraliseRow([-3, "=1", null, true])).toEqual([-3, "'=1", null, true]);
  });

  it("no neutralised string starts a formula; a harmless one is left as it is", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const safe = neutraliseCell(text) as string;
        expect(looksLikeFormula(safe)).toBe(false);
        if (!looksLikeFormula(text)) expect(safe).toBe(text);
        else expect(safe.slice(1)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it("a CSV line keeps one field per value, neutralises inside quotes too, and leaves numbers as numbers", () => {
    expect(formatCsv([["=1;2", 'a"b', 4, -3, null]])).toBe(`\uFEFF"'=1;2";"a""b";4;-3;\r\n`);
  });

  it("an xlsx written with neutralised cells holds text, never a formula", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Feuille").addRow(neutraliseRow(DANGEROUS));
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const row = back.getWorksheet("Feuille")!.getRow(1);
    DANGEROUS.forEach((text, i) => {
      const cell = row.getCell(i + 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      // XML turns a carriage return into a line feed; the apostrophe stays first.
      expect(cell.value).toBe(`'${text}`.replace(/\r/g, "\n"));
    });
  });
});
