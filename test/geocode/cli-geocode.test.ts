import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it, vi } from "vitest";
import { geocodeCommand } from "../../loaders/geocode/cli-geocode.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

const dir = useTempDir("abs-geocode-cli-");
const previous = process.env.ABS_ALLOW_FICTITIOUS_REFERENCE;
afterAll(() => {
  if (previous === undefined) delete process.env.ABS_ALLOW_FICTITIOUS_REFERENCE;
  else process.env.ABS_ALLOW_FICTITIOUS_REFERENCE = previous;
});

/** Runs the command and returns its exit code with what it wrote to stderr. */
async function geocodeSaying(args: string[]): Promise<{ code: number; said: string }> {
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    const code = await geocodeCommand(args);
    return { code, said: stderr.mock.calls.map((c) => String(c[0])).join("") };
  } finally {
    stderr.mockRestore();
  }
}

describe("abs geocode (Protocol 1)", () => {
  it("refuses real files against the fictitious reference unless allowed", async () => {
    delete process.env.ABS_ALLOW_FICTITIOUS_REFERENCE;
    const input = join(dir, "refus.csv");
    writeFileSync(input, "identifiant;adresse\nA1;12 rue Cardinale 13100 Aix\n");
    expect(await geocodeCommand([input, "--sortie", join(dir, "refus-out.csv")])).toBe(2);
  });

  it("writes identifier, IRIS, match type and score from an xlsx, never the address", async () => {
    process.env.ABS_ALLOW_FICTITIOUS_REFERENCE = "1";
    const input = join(dir, "entree.xlsx");
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Feuil1");
    sheet.addRow(["Identifiant", "Adresse"]);
    sheet.addRow(["ID-001", "12 rue Cardinale 13100 Aix-en-Provence"]);
    sheet.addRow(["ID-002", "3 CHE DES LICORNES"]);
    await workbook.xlsx.writeFile(input);
    const out = join(dir, "sortie.xlsx");
    expect(await geocodeCommand([input, "--sortie", out])).toBe(0);
    const result = new ExcelJS.Workbook();
    await result.xlsx.readFile(out);
    const rows = result.worksheets[0]!.getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(["identifiant", "code_iris", "nom_iris", "type_correspondance", "score"]);
    expect(rows[1]![0]).toBe("ID-001");
    expect(String(rows[1]![1])).toMatch(/^13001\d{4}$/);
    expect(rows[2]).toEqual(["ID-002", "", "", "non trouvé (non placé)", 0]);
    expect(JSON.stringify(rows)).not.toMatch(/Cardinale|LICORNES/i);
  });

  it("reads split address columns from a csv and applies the analyst's corrections", async () => {
    process.env.ABS_ALLOW_FICTITIOUS_REFERENCE = "1";
    const input = join(dir, "colonnes.csv");
    writeFileSync(input, "id;num;voie;cp;ville\nX1;12;rue Cardinale;13100;Aix\nX2;3;chemin des Licornes;13100;Aix\n");
    const corrections = join(dir, "corrections.csv");
    writeFileSync(corrections, "adresse;correction\n3 chemin des Licornes 13100 Aix;130010101\n");
    const out = join(dir, "colonnes-out.csv");
    const code = await geocodeCommand([
      input,
      "--sortie",
      out,
      "--identifiant",
      "id",
      "--numero",
      "num",
      "--voie",
      "voie",
      "--code-postal",
      "cp",
      "--ville",
      "ville",
      "--corrections",
      corrections,
    ]);
    expect(code).toBe(0);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[1]).toMatch(/^X1;13001\d{4};[^;]+;numéro (exact|interpolé);/);
    expect(lines[2]).toBe("X2;130010101;Mazarin;corrigé par l'analyste;1");
  });

  it.each([
    [["--sortie", "/nonexistent/dossier/sortie.csv"], /le dossier \/nonexistent\/dossier n'existe pas/],
    [["--sortie", "SORTIE.txt"], /extension \.txt refusée, attendu \.csv ou \.xlsx/],
    [["--sortie", "sortie"], /extension absente refusée/],
    [
      ["--sortie", "sortie.csv", "--adresse", "Z"],
      /colonne Z : colonne absente, le fichier a 2 colonne\(s\) \(A à B\)/,
    ],
    [["--sortie", "sortie.csv", "--identifiant", "C"], /colonne C : colonne absente/],
    [["--sortie", "deux.csv"], /c'est le fichier d'entrée, il serait remplacé/],
  ])("refuses %j before any work, saying why in French", async (flags, message) => {
    process.env.ABS_ALLOW_FICTITIOUS_REFERENCE = "1";
    const input = join(dir, "deux.csv");
    const content = "identifiant;adresse\nA1;12 rue Cardinale 13100 Aix\n";
    writeFileSync(input, content);
    const args = flags.map((f) => (/^(SORTIE|sortie|deux)/.test(f) ? join(dir, f) : f));
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      expect(await geocodeCommand([input, ...args])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(written.join("")).toMatch(message);
    expect(written.join("")).not.toMatch(/Cardinale|Erreur inattendue/);
    expect(readFileSync(input, "utf8")).toBe(content);
    expect(existsSync(join(dir, "SORTIE.txt")) || existsSync(join(dir, "sortie.csv"))).toBe(false);
  });

  it("finds the header under a title block: the title lines never come out as persons", async () => {
    process.env.ABS_ALLOW_FICTITIOUS_REFERENCE = "1";
    const input = join(dir, "titre.csv");
    writeFileSync(
      input,
      "Export des bénéficiaires;\nExtrait le 02/01/2017;\n;\nidentifiant;adresse\nT1;12 rue Cardinale 13100 Aix\nT2;3 CHE DES LICORNES\n",
    );
    const out = join(dir, "titre-out.csv");
    const run = await geocodeSaying([input, "--sortie", out]);
    expect(run.code).toBe(0);
    expect(run.said).toContain("en-tête lu ligne 4 ; 3 ligne(s) au-dessus (titres ou vides), hors bilan");
    const ids = readFileSync(out, "utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(";")[0]);
    expect(ids).toEqual(["T1", "T2"]);
  });

  it("refuses an address column that holds no address (names), naming the column", async () => {
    process.env.ABS_ALLOW_FICTITIOUS_REFERENCE = "1";
    const input = join(dir, "noms.csv");
    writeFileSync(input, "Identifiant;Nom\nN1;Martin\nN2;Durand\n");
    const out = join(dir, "noms-out.csv");
    const run = await geocodeSaying([input, "--sortie", out]);
    expect(run.code).toBe(2);
    expect(run.said).toContain("colonne B (« Nom ») : aucune ligne ne ressemble à une adresse");
    expect(run.said).not.toMatch(/Martin|Durand/);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses .xls with a French message", async () => {
    const input = join(dir, "ancien.xls");
    writeFileSync(input, "x");
    expect(await geocodeCommand([input, "--sortie", join(dir, "o.csv")])).toBe(2);
  });
});
