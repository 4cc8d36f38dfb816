/**
 * The corpus of broken and hostile files, run through `abs check`, `abs ingest` and
 * `abs geocode` (the real commands, real files, the real reader and address reference):
 * every file is read with an exact account or refused in French naming the file, never with
 * an English message, a stack or a personal value; no output of Protocol 1 holds an address
 * or a live formula. fast-check drives the generators where the input space is wide.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { unzipSync } from "fflate";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddressIndex } from "../../loaders/geocode/address-index.ts";
import {
  APA_HEADER,
  FORMULA_IDENTIFIERS,
  apaRow,
  apaRows,
  csvText,
  encryptedWorkbookBytes,
  manyShortRowsWorkbook,
  odsBytes,
  patchZip,
  writeText,
  writeWorkbook,
} from "./hostile/files.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";

type Command = (args: string[]) => Promise<{ code: number; text: string }>;

let dir: string;
const tempDir = useTempDirs("abs-hostile-");
let index: AddressIndex;
let check: Command;
let ingest: Command;
let geocode: Command;
let readExport: typeof import("../../loaders/exports/read-export.ts").readExport;
const saved = { data: process.env.ABS_DATA_DIR, allow: process.env.ABS_ALLOW_FICTITIOUS_REFERENCE };
let counter = 0;
const path = (name: string) => join(dir, `${counter++}-${name}`);

/** Everything a command prints, stdout and stderr together. */
async function capture(
  run: (print: (line: string) => void) => Promise<number>,
): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  const writeOut = process.stdout.write.bind(process.stdout);
  process.stderr.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stderr.write;
  process.stdout.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
  try {
    const code = await run((line) => lines.push(line));
    return { code, text: lines.join("\n") };
  } finally {
    process.stderr.write = write;
    process.stdout.write = writeOut;
  }
}

beforeAll(async () => {
  dir = tempDir();
  // Private paths are read when loaders/paths.ts is first imported: set them before.
  process.env.ABS_DATA_DIR = join(dir, "data");
  mkdirSync(process.env.ABS_DATA_DIR, { recursive: true });
  copyFileSync(
    join(import.meta.dirname, "../../data/observatory.json"),
    join(process.env.ABS_DATA_DIR, "observatory.json"),
  );
  process.env.ABS_ALLOW_FICTITIOUS_REFERENCE = "1";
  const { loadAddressIndex } = await import("../../loaders/geocode/address-index.ts");
  const { resolveReferenceDir } = await import("../../loaders/reference/resolve.ts");
  const { checkCommand } = await import("../../loaders/exports/cli-check.ts");
  const { ingestCommand } = await import("../../loaders/records/cli-ingest.ts");
  const { geocodeCommand } = await import("../../loaders/geocode/cli-geocode.ts");
  readExport = (await import("../../loaders/exports/read-export.ts")).readExport;
  index = await loadAddressIndex(resolveReferenceDir());
  check = (args) => capture((print) => checkCommand(args, print, print));
  ingest = (args) => capture((print) => ingestCommand(args, print, { index }));
  geocode = (args) => capture(() => geocodeCommand(args, { index }));
}, 60_000);

afterAll(() => {
  for (const [key, value] of [
    ["ABS_DATA_DIR", saved.data],
    ["ABS_ALLOW_FICTITIOUS_REFERENCE", saved.allow],
  ] as const)
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
});

/** What no message may hold: internal English, stacks, or a value of the file. */
function expectCleanMessage(text: string, personal: string[] = []): void {
  expect(text).not.toMatch(/ENOENT|EISDIR|EACCES|Error:|TypeError|at .*\(.*:\d+:\d+\)|undefined|\[object/);
  expect(text).not.toMatch(/Unexpected|invalid|corrupt|End of data|zip/i);
  for (const value of personal) expect(text).not.toContain(value);
}

const personalOf = (rows: string[][]) => rows.flatMap((r) => [r[0]!, r[1]!]);

const writeFileReturning = (file: string, bytes: Buffer) => (writeFileSync(file, bytes), file);

/** The three commands on one input: each refuses it (exit 2) with the same French reason. */
async function expectRefusedEverywhere(file: string, reason: RegExp, personal: string[] = []) {
  for (const [name, run] of [
    ["check", () => check([file, "--jeu", "apa-domicile"])],
    ["ingest", () => ingest([file, "--jeu", "apa-domicile", "--annee", "2015"])],
    ["geocode", () => geocode([file, "--sortie", path("sortie.csv")])],
  ] as const) {
    const { code, text } = await run();
    expect(code, `${name} : ${text}`).toBe(2);
    expect(text, name).toMatch(reason);
    expectCleanMessage(text, personal);
  }
}

describe("refused files: the same French reason from check, ingest and geocode", () => {
  it("missing, a folder, empty, UTF-16 without its mark, encrypted, Excel 97-2003, OpenDocument, PDF", async () => {
    await expectRefusedEverywhere(join(dir, "absent.csv"), /absent\.csv : fichier introuvable/);
    const folder = path("dossier.csv");
    mkdirSync(folder);
    await expectRefusedEverywhere(folder, /c'est un dossier/);
    await expectRefusedEverywhere(writeText(path("vide.csv"), ""), /vide/);
    const rows = apaRows(3);
    await expectRefusedEverywhere(
      writeFileReturning(path("utf16-sans-bom.csv"), Buffer.from(csvText([APA_HEADER, ...rows]), "utf16le")),
      /UTF-16 sans marque d'ordre des octets.*règle encodage-inconnu.*CSV UTF-8/,
      personalOf(rows),
    );
    const encrypted = path("chiffre.xlsx");
    writeFileSync(encrypted, encryptedWorkbookBytes());
    await expectRefusedEverywhere(encrypted, /classeur chiffré \(protégé par mot de passe\)/);
    // A large encrypted workbook: its directory lies after 2 MB of package, past the first sectors.
    const large = path("chiffre-gros.xlsx");
    writeFileSync(large, encryptedWorkbookBytes(2 * 2 ** 20));
    await expectRefusedEverywhere(large, /classeur chiffré \(protégé par mot de passe\)/);
    const xls = path("ancien.csv");
    writeFileSync(xls, Buffer.concat([encryptedWorkbookBytes().subarray(0, 8), Buffer.alloc(1024)]));
    await expectRefusedEverywhere(xls, /Excel 97-2003/);
    const ods = path("libre.xlsx");
    writeFileSync(ods, odsBytes());
    await expectRefusedEverywhere(ods, /OpenDocument/);
    const pdf = path("scan.csv");
    writeFileSync(pdf, Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n"));
    await expectRefusedEverywhere(pdf, /document PDF/);
  }, 60_000);

  it("an unclosed quote names its line instead of swallowing the rows after it", async () => {
    const rows = apaRows(20);
    const text = csvText([APA_HEADER, ...rows]).replace(`;${rows[2]![1]};`, `;"${rows[2]![1]};`);
    await expectRefusedEverywhere(
      writeText(path("guillemet.csv"), text),
      /ligne 4, colonne 2 : guillemet ouvert jamais refermé/,
      personalOf(rows),
    );
  });

  it("a header with no data row, and a line of more than a million characters", async () => {
    await expectRefusedEverywhere(
      writeText(path("entete-seul.csv"), csvText([APA_HEADER])),
      /aucune ligne|sans aucune ligne/,
    );
    const rows = apaRows(2);
    const huge = csvText([APA_HEADER, ...rows]) + "x".repeat(1_200_000) + "\r\n";
    await expectRefusedEverywhere(writeText(path("ligne-geante.csv"), huge), /ligne 4.*ligne-trop-longue/);
  });
});

describe("files read with an exact account and no value misread", () => {
  it("a UTF-16 file with its byte-order mark is read by check, ingest and geocode, and the encoding said", async () => {
    const rows = apaRows(4);
    for (const [name, bytes] of [
      [
        "utf16le.csv",
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvText([APA_HEADER, ...rows]), "utf16le")]),
      ],
      [
        "utf16be.csv",
        Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(csvText([APA_HEADER, ...rows]), "utf16le").swap16()]),
      ],
    ] as const) {
      const file = writeFileReturning(path(name), bytes);
      const parsed = await readExport(file, { dataset: "apa-domicile" });
      expect(parsed.account).toMatchObject({ read: 4, kept: 4 });
      expect(parsed.rows.map((r) => r.fields.livingAlone)).toEqual(rows.map((r) => r[5] === "isolé"));
      const { code, text } = await check([file, "--jeu", "apa-domicile"]);
      expect(code, text).toBe(0);
      expect(text).toMatch(/encodage : UTF-16 \((petit|gros)-boutiste.*marque d'ordre des octets/);
      expect((await ingest([file, "--jeu", "apa-domicile", "--annee", "2015"])).code).toBe(0);
      const out = path("utf16-sortie.csv");
      const geocoded = await geocode([file, "--sortie", out, "--adresse", "Adresse", "--identifiant", "Index"]);
      expect(geocoded.code, geocoded.text).toBe(0);
      expect(geocoded.text).toMatch(/encodage : UTF-16/);
      expect(readFileSync(out, "utf8").trim().split("\r\n")).toHaveLength(5);
    }
  });

  it("many bad rows give grouped messages (a count and the first rows), never one line per row", async () => {
    const rows = apaRows(3000).map((r) => [...r.slice(0, 3), "X", ...r.slice(4)]);
    const file = writeText(path("sexes-inconnus.csv"), csvText([APA_HEADER, ...rows]));
    const { code, text } = await check([file, "--jeu", "apa-domicile"]);
    expect(code).toBe(1);
    expect(text.split("\n").length).toBeLessThan(60);
    expect(text).toMatch(
      /Erreurs \(3000\) :\n.*colonne « Sexe » : code sexe non reconnu.*\(règle sexe-inconnu\) — 3\u202f000 ligne\(s\) : lignes 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …/,
    );
    const ingested = await ingest([file, "--jeu", "apa-domicile", "--annee", "2015"]);
    expect(ingested.text.split("\n").length).toBeLessThan(60);
    expectCleanMessage(text + ingested.text, personalOf(rows));
  });

  it("a sheet over the row limit is refused by every command, stating the limit, before it is all read", async () => {
    const { TABLE_LIMITS } = await import("../../loaders/exports/read-table.ts");
    const saved = TABLE_LIMITS.rows;
    TABLE_LIMITS.rows = 500;
    try {
      const rows = apaRows(600);
      const xlsx = await writeWorkbook(path("trop-long.xlsx"), [{ name: "APA", rows: [APA_HEADER, ...rows] }]);
      const csv = writeText(path("trop-long.csv"), csvText([APA_HEADER, ...rows]));
      for (const file of [xlsx, csv])
        await expectRefusedEverywhere(
          file,
          /ligne 501 : plus de 500 lignes remplies.*règle trop-de-lignes.*Scindez/,
          personalOf(rows),
        );
    } finally {
      TABLE_LIMITS.rows = saved;
    }
  });

  it("a million short rows under a lying <dimension> are refused by every command, stating the limit, before the budget has burnt", async () => {
    const file = await manyShortRowsWorkbook(path("million-lignes.xlsx"), 1_000_000);
    // The budget's projection (1 s par Mo) or the row cap, whichever comes first: both say their limit.
    await expectRefusedEverywhere(
      file,
      /million-lignes\.xlsx(?:, feuille « APA », ligne 50000[12] : plus de 500\u202f000 lignes remplies.*règle trop-de-lignes| : lecture interrompue, .*\(limite pour sa taille : 1 s par Mo, 10 s au moins\))/,
    );
    const { readExport: read } = await import("../../loaders/exports/read-export.ts");
    const refusal = await read(file, { dataset: "apa-domicile" }).catch((e: unknown) => e);
    expect(["trop-de-lignes", "lecture-trop-longue"]).toContain((refusal as { rule?: string }).rule);
  });

  it("quoted addresses over several lines: one row each, lines counted from the file", async () => {
    const rows = apaRows(6).map((r, i) => (i % 2 ? [r[0]!, `${r[1]}\r\nBâtiment B\r\n13100`, ...r.slice(2)] : r));
    const file = writeText(path("multiligne.csv"), csvText([APA_HEADER, ...rows]));
    const parsed = await readExport(file, { dataset: "apa-domicile" });
    // "lues" counts the rows under the header, not the lines their quoted cells span.
    expect(parsed.account.read).toBe(6);
    expect(parsed.account.kept).toBe(6);
    expect(parsed.rows.map((r) => r.row)).toEqual([2, 3, 6, 7, 10, 11]);
    const { code, text } = await check([file, "--jeu", "apa-domicile"]);
    expect(code).toBe(0);
    expectCleanMessage(text, personalOf(rows));
  });

  it("an xlsx renamed .csv is read as the xlsx it is", async () => {
    const rows = apaRows(5);
    const file = await writeWorkbook(path("classeur.csv"), [{ name: "APA", rows: [APA_HEADER, ...rows] }]);
    const parsed = await readExport(file, { dataset: "apa-domicile" });
    expect(parsed.format).toBe("xlsx");
    expect(parsed.account.kept).toBe(5);
  });

  it("a stray Windows-1252 byte in a UTF-8 file leaves every other accent intact, and is named by row and column", async () => {
    const rows = apaRows(4);
    const utf8 = Buffer.from(csvText([APA_HEADER, ...rows]), "utf8");
    const stray = Buffer.concat([
      utf8,
      Buffer.from("ID09999;3 rue Cardinale;Aix-en-Provence;F;01/01/1940;isol", "utf8"),
      Buffer.from([0xe9]),
      Buffer.from(";2\r\n"),
    ]);
    const file = path("octet-isole.csv");
    writeFileSync(file, stray);
    const parsed = await readExport(file, { dataset: "apa-domicile" });
    expect(parsed.encoding).toBe("utf-8");
    expect(parsed.notes.join(" ")).toMatch(/UTF-8.*1 octet\(s\) isolé\(s\).*octet-hors-utf8/);
    expect(parsed.rows).toHaveLength(5);
    expect(parsed.rows.every((r) => r.fields.livingAlone === true || r.fields.livingAlone === false)).toBe(true);
    const warnings = parsed.rejections.filter((r) => r.rule === "octet-hors-utf8");
    expect(warnings.map((w) => [w.row, w.column, w.severity])).toEqual([[6, "Situation familiale", "warning"]]);
    for (const [name, run] of [
      ["check", () => check([file, "--jeu", "apa-domicile"])],
      ["ingest", () => ingest([file, "--jeu", "apa-domicile", "--annee", "2015"])],
      ["geocode", () => geocode([file, "--sortie", path("octet-sortie.csv"), "--adresse", "Adresse"])],
    ] as const) {
      const { text } = await run();
      expect(text, name).toMatch(/ligne 6, colonne (« Situation familiale »|F) : octet isolé hors UTF-8/);
      expectCleanMessage(text, personalOf(rows));
    }
  });

  it("the encoding is decided per file by lines and always said: one accent and one stray byte, or a Windows-1252 file", async () => {
    // One line of valid UTF-8 against one line with a foreign byte: UTF-8, the byte named.
    const few = path("peu-accents.csv");
    writeFileSync(
      few,
      Buffer.concat([
        Buffer.from(csvText([APA_HEADER, ...apaRows(3).map((r) => [...r.slice(0, 5), "seul", r[6]!])]), "utf8"),
        Buffer.from("ID08888;3 rue de l'Opéra;Aix-en-Provence;F;01/01/1940;seul;2\r\n", "utf8"),
        Buffer.from("ID08889;3 rue Cardinale;Aix-en-Proven", "utf8"),
        Buffer.from([0xe7]),
        Buffer.from("e;F;01/01/1940;seul;2\r\n"),
      ]),
    );
    const mostlyUtf8 = await readExport(few, { dataset: "apa-domicile" });
    expect(mostlyUtf8.encoding).toBe("utf-8");
    expect(mostlyUtf8.rows.map((r) => r.address?.full)).toContain("3 rue de l'Opéra");
    expect(mostlyUtf8.rows.map((r) => r.communeLabel)).toContain("Aix-en-Provençe");
    expect(mostlyUtf8.rejections.map((r) => [r.row, r.column])).toEqual([[6, "Commune"]]);
    // A Windows-1252 file is read as such and said; a UTF-8 line pasted into it is named.
    const rows = apaRows(5);
    const pasted = path("1252-colle.csv");
    writeFileSync(
      pasted,
      Buffer.concat([
        iconv.encode(csvText([APA_HEADER, ...rows]), "win1252"),
        Buffer.from("ID07777;3 rue de l'Opéra;Aix-en-Provence;F;01/01/1940;seul;2\r\n", "utf8"),
      ]),
    );
    const cp = await readExport(pasted, { dataset: "apa-domicile" });
    expect(cp.encoding).toBe("windows-1252");
    expect(cp.rows.map((r) => r.fields.livingAlone)).toContain(true);
    expect(cp.notes.join(" ")).toMatch(/Windows-1252.*ligne\(s\) 7\).*encodage-mixte/);
    const plain = await readExport(writeText(path("1252.csv"), csvText([APA_HEADER, ...rows]), "windows-1252"), {
      dataset: "apa-domicile",
    });
    expect(plain.notes.join(" ")).toMatch(
      /encodage : Windows-1252 \(\d+ ligne\(s\) avec des accents hors UTF-8, aucune en UTF-8\)/,
    );
  });

  it("« lues » are the data rows: title block, header and blank rows are told apart, in csv and xlsx", async () => {
    const grid = [["Export APA au 31/12/2015"], [], ["Source : CD13"], APA_HEADER, ...apaRows(20), [], ["Total : 20"]];
    const csv = writeText(path("titres.csv"), csvText(grid));
    const xlsx = await writeWorkbook(path("titres.xlsx"), [{ name: "APA", rows: grid }]);
    for (const file of [csv, xlsx]) {
      const parsed = await readExport(file, { dataset: "apa-domicile" });
      // 20 people and the total row under the header; the total is read and ignored.
      expect(parsed.account).toMatchObject({ read: 21, kept: 20, ignored: 1, duplicates: 0 });
      expect(parsed.layout).toEqual({ headerLine: 4, rowsAbove: 3, blankRows: 1 });
      const { code, text } = await check([file, "--jeu", "apa-domicile"]);
      expect(code).toBe(0);
      expect(text).toContain("Lignes lues : 21");
      expect(text).toContain("Bilan équilibré.");
      expect(text).toContain(
        "Hors bilan : en-tête ligne 4, 3 ligne(s) au-dessus (titres ou vides), 1 ligne(s) vide(s) dessous.",
      );
      const ingested = await ingest([file, "--jeu", "apa-domicile", "--annee", "2015"]);
      expect(ingested.text).toMatch(/21 ligne\(s\) lue\(s\) = 20 gardée\(s\)/);
    }
  });

  it("duplicates with different values are named by row and do not exit 0", async () => {
    const rows = apaRows(5);
    const again = [...rows[1]!];
    again[6] = "4";
    const file = writeText(path("doublon.csv"), csvText([APA_HEADER, ...rows, [...rows[3]!], again]));
    const { code, text } = await check([file, "--jeu", "apa-domicile"]);
    expect(code).toBe(1);
    expect(text).toContain("doublons : 2");
    expect(text).toMatch(/ligne 8 : même identifiant que la ligne 3, avec des valeurs différentes.*doublon-discordant/);
    expect(text).not.toMatch(/ligne 7 : même identifiant/);
    const ingested = await ingest([file, "--jeu", "apa-domicile", "--annee", "2015"]);
    expect(ingested.code).toBe(1);
    expect(ingested.text).toMatch(/ligne 8 : même identifiant que la ligne 3/);
    expectCleanMessage(text + ingested.text, personalOf(rows));
  });

  it("a bare birth year is refused by its own rule, never read as a 1905 serial", async () => {
    const rows = apaRows(3);
    rows[1]![4] = "1935";
    const file = await writeWorkbook(path("annee.xlsx"), [
      {
        name: "APA",
        rows: [APA_HEADER, ...rows.map((r, i) => (i === 2 ? [...r.slice(0, 4), 1935, ...r.slice(5)] : r))],
      },
    ]);
    const parsed = await readExport(file, { dataset: "apa-domicile" });
    expect(parsed.account.rejected).toEqual({ "annee-seule": 2 });
    const { code, text } = await check([file, "--jeu", "apa-domicile"]);
    expect(code).toBe(1);
    expect(text).toMatch(/ligne 3, colonne « Date de naissance ».*annee-seule/);
    expect((await ingest([file, "--jeu", "apa-domicile", "--annee", "2015"])).code).toBe(1);
  });

  it("a workbook in the 1904 calendar gives the same birth dates as one in the 1900 calendar", async () => {
    const rows = apaRows(4).map((r) => [...r.slice(0, 4), new Date(Date.UTC(1935, 3, 18)), ...r.slice(5)]);
    const serials = apaRows(4).map((r) => [...r.slice(0, 4), 12_892 - 1462, ...r.slice(5)]);
    const dated = await writeWorkbook(path("1904.xlsx"), [{ name: "APA", rows: [APA_HEADER, ...rows] }], {
      date1904: true,
    });
    const plain = await writeWorkbook(path("1904-nombres.xlsx"), [{ name: "APA", rows: [APA_HEADER, ...serials] }], {
      date1904: true,
    });
    for (const file of [dated, plain]) {
      const parsed = await readExport(file, { dataset: "apa-domicile", observationDate: "2015-12-31" });
      expect(parsed.notes.join(" ")).toMatch(/calendrier 1904/);
      expect(parsed.rows.map((r) => r.fields.birthDate)).toEqual(Array(4).fill("1935-04-18"));
    }
  });

  it("« Commune de naissance » and « Adresse électronique » before the real ones are never taken for them", async () => {
    const header = ["Index", "Commune de naissance", "Adresse électronique", ...APA_HEADER.slice(1)];
    const rows = apaRows(5).map((r) => [r[0]!, "Marseille", `p${r[0]}@exemple.invalid`, ...r.slice(1)]);
    const file = writeText(path("naissance.csv"), csvText([header, ...rows]));
    const parsed = await readExport(file, { dataset: "apa-domicile" });
    expect(parsed.rows.map((r) => r.communeLabel)).toEqual(Array(5).fill("Aix-en-Provence"));
    expect(parsed.rows.every((r) => r.address?.full?.includes("rue Cardinale"))).toBe(true);
    const { code, text } = await check([file, "--jeu", "apa-domicile"]);
    expect(code).toBe(0);
    expect(text).toContain("« Commune de naissance » n'est pas lue comme libellé géographique");
    expect(text).toContain("« Commune » est retenue");
    expect(text).toContain("« Adresse électronique » n'est pas lue comme adresse");
    // The analyst's mapping cannot overrule a column that names the field exactly.
    writeFileSync(
      file.replace(/\.csv$/, ".correspondance.json"),
      JSON.stringify({ "Commune de naissance": "communeLabel" }),
    );
    const contradicted = await check([file, "--jeu", "apa-domicile"]);
    expect(contradicted.code).toBe(2);
    expect(contradicted.text).toMatch(/correspondance-contradictoire/);
  });

  it("a hidden sheet « 2014 (ancien) » is never preferred to the visible one, and is named", async () => {
    const file = await writeWorkbook(path("masquee.xlsx"), [
      { name: "2014 (ancien)", state: "hidden", rows: [APA_HEADER, ...apaRows(30, 100)] },
      { name: "2015", rows: [APA_HEADER, ...apaRows(12)] },
      { name: "secret", state: "veryHidden", rows: [APA_HEADER, ...apaRows(40, 200)] },
    ]);
    const parsed = await readExport(file, { dataset: "apa-domicile" });
    expect(parsed.sheet).toBe("2015");
    expect(parsed.account.kept).toBe(12);
    const { text } = await check([file, "--jeu", "apa-domicile"]);
    expect(text).toContain("feuille masquée « 2014 (ancien) » non lue");
    expect(text).toContain("feuille très masquée « secret » non lue");
    const out = path("masquee-sortie.csv");
    expect((await geocode([file, "--sortie", out, "--adresse", "Adresse", "--identifiant", "Index"])).code).toBe(0);
    expect(readFileSync(out, "utf8").trim().split("\r\n")).toHaveLength(13);
  });

  it("a second table stacked under the first ends the table for check, ingest and geocode, naming its row", async () => {
    const first = apaRows(8);
    const second = apaRows(5, 50);
    const grid = [APA_HEADER, ...first, [], ["Bénéficiaires 2014"], APA_HEADER, ...second];
    const xlsx = await writeWorkbook(path("empile.xlsx"), [{ name: "APA", rows: grid }]);
    const csv = writeText(path("empile.csv"), csvText(grid));
    for (const file of [xlsx, csv]) {
      const parsed = await readExport(file, { dataset: "apa-domicile" });
      // « lues » are the first table's rows (8 people and the title row): the second table is outside.
      expect(parsed.account).toMatchObject({ read: 9, kept: 8, ignored: 1, rejected: {} });
      expect(parsed.layout).toMatchObject({ blankRows: 1, stackedTable: { line: 12, rows: 6, blankRows: 0 } });
      const { code, text } = await check([file, "--jeu", "apa-domicile"]);
      expect(code, text).toBe(1);
      expect(text).toContain("Lignes lues : 9");
      expect(text).toContain("Bilan équilibré.");
      expect(text).toMatch(/ligne 12 : un second tableau commence ici.*tableau-empile/);
      expect(text).toMatch(/second tableau à partir de la ligne 12 \(6 ligne\(s\) remplie\(s\)/);
      const ingested = await ingest([file, "--jeu", "apa-domicile", "--annee", "2015"]);
      expect(ingested.code).toBe(1);
      expect(ingested.text).toMatch(/9 ligne\(s\) lue\(s\) = 8 gardée\(s\)/);
      expect(ingested.text).toMatch(/second tableau commence ligne 12/);
      const out = path("empile-sortie.csv");
      const geocoded = await geocode([file, "--sortie", out, "--adresse", "Adresse", "--identifiant", "Index"]);
      expect(geocoded.text).toMatch(/ligne 12 : un second tableau commence ici.*tableau-empile/);
      expect(geocoded.text).toMatch(/ligne\(s\) 11 : titre, total ou note/);
      // One output row per person of the first table: none from the title or the second table.
      const ids = readFileSync(out, "utf8")
        .trim()
        .split("\r\n")
        .slice(1)
        .map((l) => l.split(";")[0]);
      expect(ids).toEqual(first.map((r) => r[0]));
      expectCleanMessage(text + ingested.text + geocoded.text, personalOf([...first, ...second]));
    }
  });

  it("one cell at XFD1048576 is read at once, not in minutes", async () => {
    const file = await writeWorkbook(path("dimension.xlsx"), [{ name: "APA", rows: [APA_HEADER, ...apaRows(3)] }]);
    patchZip(file, "xl/worksheets/sheet1.xml", (xml) =>
      xml
        .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>')
        .replace(
          "</sheetData>",
          '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
        ),
    );
    const start = performance.now();
    const parsed = await readExport(file, { dataset: "apa-domicile" });
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(parsed.account.kept).toBe(3);
    // The 3 people and the stray row, read and ignored; the 1,048,571 missing rows are blank, told apart.
    expect(parsed.account).toMatchObject({ read: 4, kept: 3, ignored: 1 });
    expect(parsed.layout.blankRows).toBe(1_048_571);
    // geocode: the stray cell is nobody; it is said, not written out as an empty person.
    const out = path("dimension-sortie.csv");
    const { code, text } = await geocode([file, "--sortie", out, "--adresse", "Adresse", "--identifiant", "Index"]);
    expect(code, text).toBe(0);
    expect(text).toMatch(/ligne\(s\) 1048576 : ni identifiant ni adresse.*ligne-sans-donnee/);
    expect(readFileSync(out, "utf8").trim().split("\r\n")).toHaveLength(4);
  });

  it("an IRIS code that no IRIS has is refused in a Protocol 1 return", async () => {
    const header = ["Code IRIS", "Sexe", "Date de naissance", "Situation familiale", "GIR"];
    const rows = [
      ["130010101", "F", "01/02/1935", "isolé", "2"],
      ["999999999", "M", "01/02/1936", "couple", "3"],
    ];
    const file = writeText(path("retour.csv"), csvText([header, ...rows]));
    const { code, text } = await check([file, "--jeu", "apa-domicile"]);
    expect(code).toBe(1);
    expect(text).toMatch(/ligne 3, colonne « Code IRIS » : code IRIS absent du référentiel/);
  });
});

describe("abs geocode round trip (Protocol 1)", () => {
  /** A Protocol 1 csv: identifier and address under an "id;adresse" header. */
  const geocodeInput = (name: string, rows: string[][]) => writeText(path(name), csvText([["id", "adresse"], ...rows]));

  /**
   * Every cell of a geocode output, as a person would see it: CSV cells as text; XLSX cells
   * only when typed as text or numbers (a formula cell fails the test).
   */
  async function outputCells(file: string): Promise<string[][]> {
    if (file.endsWith(".csv")) {
      const { parseCsvText } = await import("../../loaders/common/csv-parse.ts");
      return parseCsvText(readFileSync(file, "utf8").replace(/^\uFEFF/, ""), ";").map((r) => r.cells);
    }
    const sheetXml = new TextDecoder().decode(
      unzipSync(new Uint8Array(readFileSync(file)))["xl/worksheets/sheet1.xml"],
    );
    expect(sheetXml).not.toMatch(/<f[ >]/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const rows: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => {
        expect([ExcelJS.ValueType.String, ExcelJS.ValueType.Number, ExcelJS.ValueType.Null]).toContain(cell.type);
        cells.push(String(cell.value ?? ""));
      });
      rows.push(cells);
    });
    return rows;
  }

  /** Geocodes `rows` written as <name>.csv into <name>-sortie.csv: exit code, messages, output cells. */
  async function geocodeRows(name: string, rows: string[][]) {
    const out = path(`${name}-sortie.csv`);
    const { code, text } = await geocode([geocodeInput(`${name}.csv`, rows), "--sortie", out]);
    return { code, text, cells: await outputCells(out) };
  }

  /**
   * One row per person, no address. CSV: a formula-looking identifier carries the apostrophe.
   * XLSX: the cell is typed text, so the identifier is exactly the partner's (the join works).
   */
  function expectSafeOutput(cells: string[][], people: { id: string; address: string }[], format: "csv" | "xlsx") {
    expect(cells).toHaveLength(people.length + 1);
    const text = cells.flat().join("\n");
    if (format === "csv") for (const cell of cells.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    for (const p of people)
      for (const word of p.address.split(/\s+/).filter((w) => w.length > 5)) expect(text).not.toContain(word);
    // An identifier comes back exactly as sent (a leading tab included): only the CSV adds its apostrophe.
    const ids = cells.slice(1).map((r) => r[0]!);
    expect(format === "csv" ? ids.map((id) => id.replace(/^'(?=[=+\-@\t\r])/, "")) : ids).toEqual(
      people.map((p) => p.id),
    );
  }

  it("formula identifiers and addresses over several lines: one row per person, no live formula, no address", async () => {
    const people = FORMULA_IDENTIFIERS.map((id, i) => ({
      id,
      address:
        i % 2
          ? `${i + 2} rue Cardinale\n13100 Aix-en-Provence`
          : `${i + 3} CHEMIN DES LICORNES\r\nRésidence Mazarine\r\n13100`,
    }));
    const input = writeText(
      path("formules.csv"),
      csvText([["Identifiant", "Adresse"], ...people.map((p) => [p.id, p.address])]),
    );
    for (const out of [path("formules-sortie.csv"), path("formules-sortie.xlsx")]) {
      const { code, text } = await geocode([input, "--sortie", out]);
      expect(code, text).toBe(0);
      expectCleanMessage(
        text,
        people.map((p) => p.address),
      );
      expectSafeOutput(await outputCells(out), people, out.endsWith(".csv") ? "csv" : "xlsx");
    }
  });

  it("identifiers keep their leading zeros (csv text, and xlsx numbers formatted 000000)", async () => {
    const csv = geocodeInput("zeros.csv", [["000001", "12 rue Cardinale 13100 Aix"]]);
    const xlsx = await writeWorkbook(path("zeros.xlsx"), [
      {
        name: "F",
        rows: [
          ["id", "adresse"],
          [1, "12 rue Cardinale 13100 Aix"],
        ],
        formats: { 1: "000000" },
      },
    ]);
    for (const input of [csv, xlsx]) {
      const out = path("zeros-sortie.csv");
      expect((await geocode([input, "--sortie", out])).code).toBe(0);
      expect((await outputCells(out))[1]![0]).toBe("000001");
    }
  });

  it("a file without a header is refused unless --sans-entete says so; then nobody is dropped", async () => {
    const input = writeText(
      path("sans-entete.csv"),
      csvText([
        ["A1", "12 rue Cardinale 13100 Aix"],
        ["A2", "3 rue Cardinale 13100 Aix"],
      ]),
    );
    const refused = await geocode([input, "--sortie", path("x.csv")]);
    expect(refused.code).toBe(2);
    expect(refused.text).toMatch(/ligne 1, colonne B : .*--sans-entete/);
    const out = path("sans-entete-sortie.csv");
    expect((await geocode([input, "--sortie", out, "--sans-entete"])).code).toBe(0);
    expect((await outputCells(out)).slice(1).map((r) => r[0])).toEqual(["A1", "A2"]);
  });

  it("empty and repeated identifiers are named by row in French, and geocode exits 1", async () => {
    const { code, text, cells } = await geocodeRows("identifiants", [
      ["A1", "12 rue Cardinale 13100 Aix"],
      ["", "3 rue Cardinale 13100 Aix"],
      ["a1 ", "5 rue Cardinale 13100 Aix"],
      ["B2", "7 rue Cardinale 13100 Aix"],
    ]);
    expect(code).toBe(1);
    expect(text).toMatch(/ligne\(s\) 3 : identifiant vide.*identifiant-renseigne/);
    expect(text).toMatch(/lignes 2, 4 : même identifiant sur 2 lignes.*identifiant-unique/);
    expectCleanMessage(text, ["rue Cardinale"]);
    // Every person still has a row: nothing the partner sent is dropped.
    expect(cells).toHaveLength(5);
  });

  it("a person with an empty address and an identifier with a space is a person, not a title row", async () => {
    const { text, cells } = await geocodeRows("identifiant-espace", [
      ["AB 101", "12 rue Cardinale 13100 Aix"],
      ["AB 102", ""],
      ["AB 103", "5 rue Cardinale 13100 Aix"],
      ["Total bénéficiaires", ""],
    ]);
    const ids = cells.slice(1).map((r) => r[0]);
    // One output row per person, the one without an address included; the total is said apart.
    expect(ids).toEqual(["AB 101", "AB 102", "AB 103"]);
    expect(text).toMatch(/ligne\(s\) 5 : titre, total ou note/);
  });

  it("a file with no address in the address column is refused", async () => {
    const input = writeText(
      path("sans-adresse.csv"),
      csvText([
        ["id", "nom", "x"],
        ["A1", "", ""],
        ["A2", "", ""],
      ]),
    );
    const { code, text } = await geocode([input, "--sortie", path("y.csv")]);
    expect(code).toBe(2);
    expect(text).toMatch(/colonne B : colonne adresse vide/);
  });

  it("property: any identifiers and line-broken addresses give one safe row per person", async () => {
    const identifier = fc.oneof(
      fc.constantFrom(...FORMULA_IDENTIFIERS),
      fc.stringMatching(/^[A-Z0-9]{1,8}$/),
      fc
        .tuple(fc.constantFrom("=", "+", "-", "@", ""), fc.stringMatching(/^[a-z0-9";() ]{1,10}$/))
        .map(([a, b]) => `${a}${b}`.trim() || "Z"),
    );
    const street = fc.constantFrom("rue Cardinale", "CHEMIN DES LICORNES", "avenue Victor Hugo", "cours Mirabeau");
    const breakChar = fc.constantFrom(" ", "\n", "\r\n", " \n ");
    const person = fc.record({ id: identifier, n: fc.integer({ min: 1, max: 99 }), street, cut: breakChar });
    await fc.assert(
      fc.asyncProperty(fc.array(person, { minLength: 1, maxLength: 6 }), fc.boolean(), async (drawn, asXlsx) => {
        const people = drawn.map((p) => ({ id: p.id, address: `${p.n} ${p.street}${p.cut}13100 Aix` }));
        const rows = [["Identifiant", "Adresse"], ...people.map((p) => [p.id, p.address])];
        const input = asXlsx
          ? await writeWorkbook(path("prop.xlsx"), [{ name: "F", rows }])
          : writeText(path("prop.csv"), csvText(rows));
        const out = path(asXlsx ? "prop-sortie.xlsx" : "prop-sortie.csv");
        const { code, text } = await geocode([input, "--sortie", out]);
        // 1 only when identifiers repeat, and then the rows are named.
        const repeated = new Set(people.map((p) => p.id.toUpperCase())).size < people.length;
        expect(code, text).toBe(repeated ? 1 : 0);
        if (repeated) expect(text).toMatch(/lignes [\d, ]+ : même identifiant.*identifiant-unique/);
        expectSafeOutput(await outputCells(out), people, asXlsx ? "xlsx" : "csv");
      }),
      { numRuns: 25, seed: 2020 },
    );
  }, 120_000);
});

describe("property: rows are never lost or invented", () => {
  it("any quoting of cells holding separators, quotes and line breaks gives lues = the file's rows", async () => {
    const nasty = fc.constantFrom("", ";", '"', "\n", "\r\n", " ; ", '""');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 500 }), nasty, nasty), { minLength: 1, maxLength: 15 }),
        fc.constantFrom("utf-8", "windows-1252") as fc.Arbitrary<"utf-8" | "windows-1252">,
        async (drawn, encoding) => {
          const rows = drawn.map(([n, a, b]) => {
            const r = apaRow(n);
            r[1] = `${r[1]}${a}Bât. é${b}`;
            return r;
          });
          const file = writeText(path("quotes.csv"), csvText([APA_HEADER, ...rows]), encoding);
          const parsed = await readExport(file, { dataset: "apa-domicile" });
          const { account } = parsed;
          const rejected = Object.values(account.rejected).reduce((a, b) => a + b, 0);
          expect(account.read - account.ignored).toBe(rows.length);
          expect(account.kept + rejected).toBe(rows.length);
          // Each kept row carries its own whole address, line breaks and quotes included.
          for (const kept of parsed.rows) expect(rows.map((r) => r[1]!.trim())).toContain(kept.address?.full);
        },
      ),
      { numRuns: 40, seed: 1515 },
    );
  }, 120_000);
});
