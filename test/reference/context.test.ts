import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cafYears, readCafIris } from "../../loaders/reference/caf.ts";
import { parseNumber } from "../../loaders/reference/csv.ts";
import { filosofiYears, readFilosofiIris } from "../../loaders/reference/filosofi.ts";
import { readIrisHouseholdPersons, readIrisHousing } from "../../loaders/reference/housing.ts";
import { sharedReferenceDir } from "../helpers/shared-reference.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";

const where = { file: "f.csv", line: 3, column: "X" };

describe("parseNumber", () => {
  it("reads decimal commas, thousands separators (space, NBSP, U+202F) and secret cells as null", () => {
    expect(parseNumber("15,6", where)).toBe(15.6);
    expect(parseNumber("1\u202F118", where)).toBe(1118);
    expect(parseNumber("1\u00A0118,5", where)).toBe(1118.5);
    expect(parseNumber("2 087 658", where)).toBe(2087658);
    expect(parseNumber("-24,7", where)).toBe(-24.7);
    expect(parseNumber("248.9311893150425", where)).toBe(248.9311893150425);
    expect(parseNumber("", where)).toBeNull();
    expect(parseNumber("s", where)).toBeNull();
    expect(parseNumber("nd", where)).toBeNull();
  });
  it("refuses anything else, naming file, line, column and rule", () => {
    expect(() => parseNumber("12a", where)).toThrow(
      "Fichier f.csv, ligne 3, colonne X : « 12a » n'est pas un nombre (règle : nombre).",
    );
  });
});

describe("Filosofi by IRIS", () => {
  it("offers 2014 to 2019 and reads decimal commas despite BOM, CRLF and trailing empty columns", async () => {
    expect(filosofiYears(sharedReferenceDir)).toEqual([2014, 2015, 2016, 2017, 2018, 2019]);
    const f = await readFilosofiIris(sharedReferenceDir, 2016);
    expect(f.source).toBe("INSEE, Filosofi 2016");
    expect(f.columns).toContain("DISP_TP60");
    expect(f.columns.every((c) => c !== "" && !c.endsWith("16"))).toBe(true);
    expect(f.value("130010101", "DISP_TP60")).toBe(14.6);
    expect(f.value("130010101", "DISP_MED")).toBe(25754);
    expect(f.value("130010101", "DISP_S80S20")).toBe(7.726);
  });
  it("keeps a secret poverty rate unknown (130010906) and an absent IRIS null", async () => {
    const f = await readFilosofiIris(sharedReferenceDir, 2016);
    expect(f.get("130010906")).not.toBeNull();
    expect(f.value("130010906", "DISP_TP60")).toBeNull();
    expect(f.value("130010906", "DISP_MED")).toBe(25420);
    expect(f.get("999999999")).toBeNull();
  });
});

describe("CAF by IRIS", () => {
  it("offers 2016 to 2020 and reads U+202F thousands separators and empty secret cells", async () => {
    expect(cafYears(sharedReferenceDir)).toEqual([2016, 2017, 2018, 2019, 2020]);
    const caf = await readCafIris(sharedReferenceDir, 2016);
    expect(caf.value("130010101", "PERCOU")).toBe(1118);
    expect(caf.value("130010102", "A")).toBe(1457);
    expect(caf.value("130010101", "AAL")).toBe(627);
    expect(caf.value("130010101", "AAPL")).toBeNull();
    expect(caf.value("130010101", "ENF_2")).toBe(37);
    expect(caf.columns).not.toContain("EPCI");
    expect(caf.columns).not.toContain("NOTE");
  });
  it("reads the short layout of 2019-2020 (code and counts only)", async () => {
    const caf = await readCafIris(sharedReferenceDir, 2020);
    expect(caf.value("130010906", "ENF_2")).toBe(21);
    expect(caf.value("130010101", "AAAH")).toBe(21);
  });
  it("names the missing year and the command to run", async () => {
    await expect(readCafIris(sharedReferenceDir, 2015)).rejects.toThrow(
      /données CAF par IRIS 2015.*abs reference fetch/,
    );
  });
});

describe("housing and households", () => {
  it("reads main residences by IRIS without the year in column names", async () => {
    const h = await readIrisHousing(sharedReferenceDir);
    expect(h.vintage).toBe(2016);
    expect(h.value("130010101", "P_RPMAISON")).toBeCloseTo(39.89467211298885, 12);
    expect(h.value("130010101", "P_RP_LOCHLMV")).toBe(0);
  });
  it("reads persons in households by type (persons, not households)", async () => {
    const p = await readIrisHouseholdPersons(sharedReferenceDir);
    expect(p.value("130010101", "C_PMEN_MENFAMMONO")).toBeCloseTo(269.4957571492652, 12);
    expect(p.columns).toContain("C_PMEN_CS8");
  });
});

describe("quirks written by the tests", () => {
  const tempDir = useTempDirs();
  it("names the file and the missing column", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "caf-iris-2021-13.csv"), "\uFEFFCODGEO;NOTE;A\r\n130010101;0;12\r\n");
    await expect(readCafIris(dir, 2021)).rejects.toThrow(
      "Fichier caf-iris-2021-13.csv : colonne manquante ENF_2 (ligne 1, en-tête ; règle : colonnes obligatoires).",
    );
  });
  it("names file, line and column of a bad IRIS code", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "caf-iris-2021-13.csv"), "CODGEO;A;ENF_2\r\n130010101;1\u202F200;5\r\n1300101;3;\r\n");
    await expect(readCafIris(dir, 2021)).rejects.toThrow(
      "Fichier caf-iris-2021-13.csv, ligne 3, colonne CODGEO : code IRIS invalide (règle : 9 caractères).",
    );
  });
  it("reads a Windows-1252 file (older INSEE exports)", async () => {
    const dir = tempDir();
    const text = "IRIS;LIBIRIS;DISP_TP6021;DISP_MED21\r\n130010101;Quartier élevé;12,5;21000\r\n";
    writeFileSync(join(dir, "filosofi-disp-iris-2021-13.csv"), Buffer.from(text, "latin1"));
    const f = await readFilosofiIris(dir, 2021);
    expect(f.value("130010101", "DISP_TP60")).toBe(12.5);
  });
});
