import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readExport } from "../../loaders/exports/read-export.ts";
import { writeCsv } from "./fixtures.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

const dir = useTempDir("abs-read-");

describe("readExport", () => {
  it("reads a Protocol 2 APA csv in any separator and encoding, drops personal columns by name", async () => {
    const rows = [
      ["Export APA", null, null, null, null, null, null, null, null, null],
      [
        "Index dossier",
        "NOM",
        "PRENOM",
        "NIR",
        "Adresse complète",
        "Sexe",
        "Date naiss.",
        "Sit. fam.",
        "Niveau GIR",
        "Téléphone",
      ],
      [
        "APA-2015-000001",
        "DUPONT",
        "Jeanne",
        "2300513001001",
        "12 rue Espariat",
        "Femme",
        "12/03/1930",
        "Personne isolée",
        "GIR 2",
        "0442000000",
      ],
      [
        "APA-2015-000002",
        "MARTIN",
        "Paul",
        "1400213001002",
        "3 av Victor Hugo 13100 AIX EN PROVENCE",
        "H",
        "01-févr-1940",
        "Couple",
        "4",
        "0442000001",
      ],
    ];
    for (const [sep, encoding] of [
      [";", "windows-1252"],
      [",", "utf-8-bom"],
      ["\t", "utf-8"],
    ] as const) {
      const path = writeCsv(join(dir, `apa-${encoding}.csv`), rows, { sep, encoding });
      const parsed = await readExport(path);
      expect(parsed.dataset).toBe("apa-domicile");
      expect(parsed.protocol).toBe(2);
      expect(parsed.separator).toBe(sep);
      expect(parsed.droppedColumns).toEqual(["NOM", "PRENOM", "NIR", "Téléphone"]);
      // "lues" are the rows under the header; the title line above it is told apart (layout).
      expect(parsed.layout).toEqual({ headerLine: 2, rowsAbove: 1, blankRows: 0 });
      expect(parsed.account).toEqual({ read: 2, kept: 2, rejected: {}, duplicates: 0, ignored: 0, notGeocoded: 0 });
      expect(parsed.rows[0]).toMatchObject({
        row: 3,
        identifier: "APA-2015-000001",
        // No postcode, no commune: the configured commune.
        address: { full: "12 rue Espariat", commune: "AIX EN PROVENCE" },
        fields: { sex: "F", birthDate: "1930-03-12", livingAlone: true, gir: 2 },
      });
      expect(parsed.rows[1]!.address).toEqual({ full: "3 av Victor Hugo 13100 AIX EN PROVENCE" });
      expect(JSON.stringify(parsed)).not.toMatch(/DUPONT|Jeanne|2300513001001|0442000000/);
    }
  });

  it("reads the Protocol 1 return: IRIS instead of address, no identifier", async () => {
    const path = writeCsv(join(dir, "retour.csv"), [
      ["IRIS", "Sexe", "Date de naissance", "Situation familiale", "GIR"],
      ["130010101", "F", "12/03/1930", "isolée", "2"],
      ["130010101", "F", "12/03/1930", "isolée", "2"],
      ["13001", "M", "12/03/1931", "couple", "3"],
    ]);
    const parsed = await readExport(path, { dataset: "apa-domicile" });
    expect(parsed.protocol).toBe(1);
    expect(parsed.rows.map((r) => [r.identifier, r.address, r.iris])).toEqual([
      [null, null, "130010101"],
      [null, null, "130010101"],
    ]);
    expect(parsed.account.rejected).toEqual({ "iris-invalide": 1 });
  });

  it("keeps going after the first error and names file, row, column and rule", async () => {
    const path = writeCsv(join(dir, "erreurs.csv"), [
      ["Index", "Adresse", "Sexe", "Date de naissance", "Situation familiale", "GIR"],
      ["A1", "1 rue A", "X", "31/02/1930", "isolée", "6"],
      ["A2", "1 rue A", "F", "01/01/1990", "isolée", "2"],
      ["", "1 rue A", "F", "01/01/1930", "isolée", "2"],
      ["A4", "1 rue A", "F", "01/01/1930", "?", ""],
    ]);
    const parsed = await readExport(path, { dataset: "apa-domicile", observationDate: "2015-12-31" });
    expect(parsed.account.rejected).toEqual({
      "sexe-inconnu": 1,
      "age-apa-hors-plage": 1,
      "identifiant-manquant": 1,
      "situation-familiale-inconnue": 1,
    });
    const first = parsed.rejections.filter((r) => r.row === 2).map((r) => [r.column, r.rule]);
    expect(first).toEqual([
      ["Sexe", "sexe-inconnu"],
      ["Date de naissance", "date-invalide"],
      ["GIR", "gir-hors-plage"],
    ]);
    expect(parsed.rejections.find((r) => r.row === 5 && r.column === "GIR")?.rule).toBe("valeur-manquante");
    for (const r of parsed.rejections)
      expect(r.message).toMatch(
        new RegExp(`^erreurs\\.csv, ligne ${r.row}, colonne « ${r.column} » : .+ \\(règle ${r.rule}\\)\\.$`),
      );
    expect(parsed.quarantine.map((q) => q.row)).toEqual([2, 3, 4, 5]);
    expect(Object.keys(parsed)).not.toContain("quarantine");
  });

  it("flags children kept above places as a warning and keeps the row", async () => {
    const path = writeCsv(join(dir, "assmat.csv"), [
      [
        "Index",
        "Adresse",
        "Code postal",
        "Commune",
        "Nb places agrément",
        "Nb places < 3 ans",
        "Nb enfants < 3 ans",
        "Nb enfants 3 ans et +",
      ],
      ["AM1", "1 rue A", "13100", "AIX EN PROVENCE", "3", "3", "3", "1"],
      ["AM2", "1 rue A", "13100", "AIX EN PROVENCE", "-1", "3", "", ""],
    ]);
    const parsed = await readExport(path);
    expect(parsed.dataset).toBe("assistantes-maternelles");
    expect(parsed.rows.map((r) => r.fields)).toEqual([
      { placesTotal: 3, placesUnder3: 3, places3Plus: null, childrenUnder3: 3, children3Plus: 1 },
    ]);
    expect(parsed.rejections.map((r) => [r.row, r.rule, r.severity])).toEqual([
      [2, "enfants-au-dela-des-places", "warning"],
      [3, "effectif-negatif", "error"],
    ]);
  });

  it("reads an aggregated file from any sheet, with ASH listed twice", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Notes").addRow(["Voir l'onglet suivant"]);
    const ws = wb.addWorksheet("Données");
    ws.addRow(["Aides légales PA PH — données arrêtées au 31/12/2015"]);
    ws.addRow([
      "Libellé géographique",
      "Nb PA bénéf. ASH",
      "ASH hommes",
      "ASH femmes",
      "ACTP/PCH",
      "ACTP/PCH hommes",
      "ACTP/PCH femmes",
      "ACTP/PCH < 40 ans",
      "ACTP/PCH 40 ans et +",
      "Nb PA bénéf. ASH",
      "ASH hommes",
      "ASH femmes",
    ]);
    ws.addRow(["AIX EN PROVENCE", 420, 130, 290, 1500, 720, 780, 480, 1020, 420, 131, 290]);
    ws.addRow(["BOUCHES DU RHONE", "5 880", 1800, 4080, 21000, 10000, 11000, 6700, 14300, "5 880", 1800, 4080]);
    const path = join(dir, "aides-legales.xlsx");
    await wb.xlsx.writeFile(path);
    const parsed = await readExport(path);
    expect(parsed.dataset).toBe("aides-legales-pa-ph");
    expect(parsed.sheet).toBe("Données");
    expect(parsed.observationDate).toBe("2015-12-31");
    expect(
      parsed.rows.map((r) => [r.communeLabel, r.fields.ashElderly, r.fields.ashElderlyMen, r.fields.actpPch40Plus]),
    ).toEqual([
      ["AIX EN PROVENCE", 420, 130, 1020],
      ["BOUCHES DU RHONE", 5880, 1800, 14300],
    ]);
    expect(parsed.rejections.map((r) => [r.row, r.rule, r.severity])).toEqual([
      [3, "colonnes-repetees-discordantes", "warning"],
    ]);
  });

  it("uses a mapping file for headers it cannot guess", async () => {
    const rows = [
      ["Réf", "Lieu", "S", "Né(e) le", "Foyer", "Dépendance"],
      ["A1", "1 rue A", "F", "01/01/1930", "isolée", "2"],
    ];
    const path = writeCsv(join(dir, "maison.csv"), rows);
    await expect(readExport(path, { dataset: "apa-domicile" })).rejects.toThrow(/colonnes obligatoires absentes/);
    const parsed = await readExport(path, {
      dataset: "apa-domicile",
      mapping: { Réf: "identifier", Lieu: "address", "Né(e) le": "birthDate", Foyer: "livingAlone", Dépendance: "gir" },
    });
    expect(parsed.rows[0]!.fields).toEqual({ sex: "F", birthDate: "1930-01-01", livingAlone: true, gir: 2 });
    // The same mapping, left beside the export for the build.
    writeFileSync(
      join(dir, "maison.correspondance.json"),
      JSON.stringify({
        Réf: "identifier",
        Lieu: "address",
        "Né(e) le": "birthDate",
        Foyer: "livingAlone",
        Dépendance: "gir",
      }),
    );
    expect((await readExport(path, { dataset: "apa-domicile" })).account.kept).toBe(1);
  });
});
