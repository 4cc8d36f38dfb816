import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { zipSync } from "fflate";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { InputError } from "../../loaders/contracts.ts";
import { readExport } from "../../loaders/exports/read-export.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

const dir = useTempDir("abs-bad-");
const APA_HEADER = [
  "Index dossier",
  "Adresse",
  "Code postal",
  "Commune",
  "Sexe",
  "Date de naissance",
  "Situation familiale",
  "GIR",
];
const APA_ROW = ["APA-2015-000001", "12 rue Espariat", "13100", "AIX EN PROVENCE", "F", "12/03/1930", "Isolée", "2"];

async function writeXlsx(path: string, rows: unknown[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Feuil1");
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path);
}

async function expectInputError(
  path: string,
  rule: string,
  opts: Parameters<typeof readExport>[1] = {},
): Promise<InputError> {
  const error = await readExport(path, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const e = error as InputError;
  expect(e.rule).toBe(rule);
  expect(e.exitCode).toBe(2);
  expect(e.message).toContain(e.file);
  // A French sentence, never a personal value of the file.
  expect(e.message).toMatch(/fichier|colonne|classeur|encodage|format|archive|export/i);
  expect(e.message).not.toContain("APA-2015-000001");
  expect(e.message).not.toContain("Espariat");
  return e;
}

describe("unusable inputs give a clear French error, never a crash", () => {
  it("an empty file", async () => {
    const path = join(dir, "vide.csv");
    writeFileSync(path, "");
    await expectInputError(path, "fichier-vide");
    const blank = join(dir, "blanc.csv");
    writeFileSync(blank, "\r\n ; ;\r\n");
    await expectInputError(blank, "fichier-vide");
  });

  it("a truncated xlsx", async () => {
    const good = join(dir, "bon.xlsx");
    await writeXlsx(good, [APA_HEADER, APA_ROW]);
    const bytes = readFileSync(good);
    const path = join(dir, "tronque.xlsx");
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const e = await expectInputError(path, "xlsx-corrompu");
    expect(e.message).toMatch(/illisible|tronquée/);
  });

  it("an xlsx whose compressed content is damaged", async () => {
    const good = join(dir, "bon2.xlsx");
    await writeXlsx(good, [APA_HEADER, APA_ROW]);
    const bytes = Buffer.from(readFileSync(good));
    // Scramble the middle (entry data) and keep the central directory at the end intact.
    for (let i = 200; i < bytes.length - 1200; i += 3) bytes[i] = (bytes[i]! * 7 + 13) & 0xff;
    const path = join(dir, "abime.xlsx");
    writeFileSync(path, bytes);
    await expectInputError(path, "xlsx-corrompu");
  });

  it("a legacy .xls, by extension or by content", async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const path = join(dir, "ancien.xls");
    writeFileSync(path, ole);
    const e = await expectInputError(path, "format-xls");
    expect(e.message).toMatch(/xlsx.*csv|CSV/i);
    const renamed = join(dir, "renomme.xlsx");
    writeFileSync(renamed, ole);
    await expectInputError(renamed, "format-xls");
  });

  it("a missing mandatory column names the column", async () => {
    const path = join(dir, "sans-sexe.csv");
    writeFileSync(
      path,
      [APA_HEADER.filter((h) => h !== "Sexe"), APA_ROW.filter((_, i) => i !== 4)].map((r) => r.join(";")).join("\n"),
    );
    const e = await expectInputError(path, "colonne-obligatoire-absente", { dataset: "apa-domicile" });
    expect(e.message).toContain("sexe");
  });

  it("a file of another dataset", async () => {
    const path = join(dir, "naissances.csv");
    writeFileSync(path, "Index;Adresse;Âge de la mère;Rang de naissance\nCS8-2015-000001;1 rue Espariat;31;1\n");
    const e = await expectInputError(path, "jeu-de-donnees-different", { dataset: "apa-domicile" });
    expect(e.message).toContain("certificats-8e-jour");
  });

  it("a file with no recognisable header", async () => {
    const path = join(dir, "inconnu.csv");
    writeFileSync(path, "a;b;c\n1;2;3\n");
    await expectInputError(path, "en-tete-introuvable");
  });

  it("a CSV in UTF-16 without its byte-order mark, or in a DOS code page, is refused saying how to convert", async () => {
    const text = [APA_HEADER, APA_ROW]
      .map((r) => r.join(";"))
      .join("\r\n")
      .replace("Isolée", "Isolée")
      .replace("Commune", "Libellé géographique");
    const utf16 = join(dir, "utf16.csv");
    writeFileSync(utf16, Buffer.from(text, "utf16le"));
    const e = await expectInputError(utf16, "encodage-inconnu");
    expect(e.message).toMatch(/sans marque d'ordre des octets.*CSV UTF-8/);
    const dos = join(dir, "dos.csv");
    writeFileSync(dos, iconv.encode(text, "cp850"));
    await expectInputError(dos, "encodage-inconnu");
  });

  it("a zip bomb is refused from its directory, before anything is inflated", async () => {
    const zeros = new Uint8Array(40 * 2 ** 20);
    const bomb = zipSync(
      { "[Content_Types].xml": new TextEncoder().encode("<Types/>"), "xl/workbook.xml": zeros },
      { level: 9 },
    );
    expect(bomb.length).toBeLessThan(200_000);
    const path = join(dir, "bombe.xlsx");
    writeFileSync(path, bomb);
    const e = await expectInputError(path, "xlsx-bombe-zip");
    expect(e.message).toMatch(
      /compression anormal, [\d\u202f\u00a0 ]+ pour 1, au plus 150 pour 1 admis au-delà de 20 Mo/,
    );
  });

  it("a zip bomb that understates its sizes is caught while counting, chunk by chunk", async () => {
    const bomb = Buffer.from(
      zipSync(
        {
          "[Content_Types].xml": new TextEncoder().encode("<Types/>"),
          "xl/workbook.xml": new Uint8Array(40 * 2 ** 20),
        },
        { level: 9 },
      ),
    );
    // Rewrite the declared size of the big entry (central directory and local header) to 1 kB.
    const name = Buffer.from("xl/workbook.xml");
    for (let i = 0; i < bomb.length - 4; i++) {
      const sig = bomb.readUInt32LE(i);
      if (sig === 0x02014b50 && bomb.subarray(i + 46, i + 46 + name.length).equals(name))
        bomb.writeUInt32LE(1024, i + 24);
      if (sig === 0x04034b50 && bomb.subarray(i + 30, i + 30 + name.length).equals(name))
        bomb.writeUInt32LE(1024, i + 22);
    }
    const path = join(dir, "bombe-menteuse.xlsx");
    writeFileSync(path, bomb);
    const e = await expectInputError(path, "xlsx-bombe-zip");
    expect(e.message).toMatch(/au-delà de la taille annoncée \(\d+ Ko\)/);
  });

  it("an archive with too many entries is refused", async () => {
    const files: Record<string, Uint8Array> = { "[Content_Types].xml": new Uint8Array(1) };
    for (let i = 0; i < 2100; i++) files[`xl/f${i}.xml`] = new Uint8Array(1);
    const path = join(dir, "nombreux.xlsx");
    writeFileSync(path, zipSync(files, { level: 0 }));
    await expectInputError(path, "xlsx-trop-volumineux");
  });
});
