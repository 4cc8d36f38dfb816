import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, test } from "vitest";
import { buildContextTables, type ContextTables } from "../../loaders/publish/context-tables.ts";
import { downloadMembers } from "../../loaders/publish/downloads.ts";
import { visuals } from "../../loaders/publish/visuals.ts";
import { readIrisContours } from "../../loaders/reference/iris-contours.ts";
import { resolveReferenceDir } from "../../loaders/reference/resolve.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

/**
 * The downloads of the « Portrait du territoire » (public context data), built from the real
 * reference files and opened as a partner opens them: each indicator says its own unit. The
 * median income once read « effectif (places ou enfants) », the unit of the childminders' places.
 */
const EXPECTED_UNITS: Record<string, string> = {
  "context-population": "effectif (habitants)",
  "context-poverty-rate": "% des personnes",
  "context-median-income": "euros par an et par unité de consommation",
  "context-caf-recipients": "effectif (foyers allocataires)",
  "context-caf-rsa": "effectif (foyers allocataires)",
  "context-caf-aah": "effectif (allocataires)",
  "context-caf-single-parent": "effectif (foyers allocataires)",
};

const dir = useTempDir("abs-context-downloads-");
let tables: ContextTables;

/** The `;` fields of a CSV line (no quoted `;` in these files' table rows). */
const fields = (line: string) => line.split(";");

beforeAll(async () => {
  const refDir = resolveReferenceDir();
  const contours = await readIrisContours(refDir, { commune: "13001" });
  const codes = contours.features.map((f) => f.properties.code).sort();
  tables = await buildContextTables(refDir, codes, { commune: "13001", minPopulation: 100 });
  const zoneNames = new Map(contours.features.map((f) => [f.properties.code, f.properties.name] as [string, string]));
  const members = await downloadMembers(
    visuals.filter((v) => v.page === "portrait-territoire"),
    tables.cells,
    tables.indicators,
    zoneNames,
    { commune: "13001" },
  );
  for (const [name, content] of members) writeFileSync(join(dir, name.replace("telechargements/", "")), content);
}, 120_000);

describe("context downloads: each indicator with its own unit", () => {
  test("every context indicator names its unit, and none borrows the childminders' « places ou enfants »", () => {
    for (const [id, indicator] of Object.entries(tables.indicators)) {
      expect(indicator.unitLabel, id).toBeTruthy();
      expect(indicator.unitLabel, id).not.toMatch(/places|enfants/);
    }
    for (const [id, unit] of Object.entries(EXPECTED_UNITS)) expect(tables.indicators[id]?.unitLabel, id).toBe(unit);
  });

  test("XLSX: the « Unité » line of each sheet is its indicator's unit (euros for the median income)", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, "contexte-iris-map.xlsx"));
    const units = new Map<string, string>();
    for (const sheet of workbook.worksheets) {
      const header = new Map<string, string>();
      sheet.eachRow((row) => {
        const [field, text] = [row.getCell(1).text, row.getCell(2).text];
        if (!header.has(field)) header.set(field, text);
      });
      units.set(header.get("Libellé") ?? sheet.name, header.get("Unité") ?? "");
    }
    const byLabel = (id: string) => units.get(tables.indicators[id]!.label);
    expect(byLabel("context-median-income")).toBe("euros par an et par unité de consommation");
    expect(byLabel("context-poverty-rate")).toBe("% des personnes");
    expect(byLabel("context-caf-rsa")).toBe("effectif (foyers allocataires)");
    expect(byLabel("context-caf-aah")).toBe("effectif (allocataires)");
    expect(units.size).toBe(6);
  });

  test("CSV: the « Unité » column of every row, and the header block, follow the row's indicator", () => {
    for (const file of ["contexte-iris-map.csv", "contexte-population-age.csv"]) {
      const lines = readFileSync(join(dir, file), "utf8")
        .replace(/^\uFEFF/, "")
        .trimEnd()
        .split("\r\n");
      const tableAt = lines.findIndex((l) => l.startsWith("Indicateur;Libellé;Année"));
      expect(tableAt, file).toBeGreaterThan(0);
      const headerUnits = lines.slice(0, tableAt).filter((l) => l.startsWith("Unité;"));
      const rows = lines.slice(tableAt + 1).map(fields);
      expect(rows.length, file).toBeGreaterThan(20);
      const seen = new Set(rows.map((r) => r[0]!));
      for (const row of rows) expect(row[9], `${file} : ${row[0]} ${row[4]}`).toBe(EXPECTED_UNITS[row[0]!]);
      expect(headerUnits.sort(), file).toEqual([...seen].map((id) => `Unité;${EXPECTED_UNITS[id]}`).sort());
    }
  });
});
