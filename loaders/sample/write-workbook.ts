/** Writes a synthetic sheet as the partner would: an xlsx with real dates formatted dd/mm/yyyy. */
import ExcelJS from "exceljs";
import type { RawCell } from "../exports/parse-value.ts";

/**
 * Streamed row by row: a département-wide file holds tens of thousands of rows, and a
 * workbook kept whole in memory costs a gigabyte and minutes on a small machine.
 */
export async function writeXlsx(path: string, sheetName: string, lines: RawCell[][]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  workbook.creator = "Conseil Départemental (données fictives)";
  const sheet = workbook.addWorksheet(sheetName);
  lines.forEach((cells, i) => {
    const row = sheet.getRow(i + 1);
    cells.forEach((value, c) => {
      if (value === null) return;
      const cell = row.getCell(c + 1);
      cell.value = value;
      if (value instanceof Date) cell.numFmt = "dd/mm/yyyy";
    });
    row.commit();
  });
  sheet.commit();
  await workbook.commit();
}
