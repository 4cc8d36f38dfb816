// The leak scan must be able to fail: one planted canary per format it reads (HTML, JS, JSON,
// SVG, CSV, Parquet written by DuckDB, XLSX written by exceljs, zip, PDF printed by Chromium),
// each next to a clean twin that must pass. The canaries come from a real export read by the
// real reader, as the build does.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import { chromium } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { personalValuesOfInputs } from "../../loaders/privacy/collect.ts";
import { describeLeaks, LeakScanner } from "../../loaders/privacy/leak-scan.ts";
import type { PersonalValue } from "../../loaders/privacy/personal-values.ts";
import { cellsToParquet } from "../../loaders/publish/parquet.ts";
import { publishedCell } from "../helpers/cells.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

const dir = useTempDir("abs-leak-");

// One person of a fictitious APA export: identifier, address, birth date.
const IDENTIFIER = "DOS-748213";
const ADDRESS = "17 bis rue Mignet 13100 Aix-en-Provence";
const BIRTH = { iso: "1931-07-14", french: "14/07/1931", serial: 11518 };

let values: PersonalValue[];
let scanner: LeakScanner;

beforeAll(async () => {
  const exportDir = join(dir, "exports", "2015");
  mkdirSync(exportDir, { recursive: true });
  const lines = [
    ["Index dossier", "Adresse complète", "Sexe", "Date de naissance", "Situation familiale", "GIR"],
    [IDENTIFIER, ADDRESS, "F", BIRTH.french, "Isolé(e)", "3"],
    ["DOS-100001", "4 avenue Victor Hugo 13100 Aix-en-Provence", "M", "02/03/1940", "Couple", "2"],
  ];
  writeFileSync(join(exportDir, "apa-domicile.csv"), lines.map((l) => l.join(";")).join("\r\n"));
  values = await personalValuesOfInputs([{ path: join(exportDir, "apa-domicile.csv"), year: 2015 }]);
  scanner = new LeakScanner(values);
});

const bytes = (text: string) => new TextEncoder().encode(text);
const kinds = async (name: string, content: Uint8Array) =>
  [...new Set((await scanner.scanBytes(name, content)).map((h) => h.value.kind))].sort();

describe("needles come from the real reader", () => {
  it("collects the identifier, the address and every form of the birth date of each row", () => {
    const first = values.filter((v) => v.origin.row === 2);
    expect(first.map((v) => v.kind).sort()).toEqual(["address", "birth-date", "identifier"]);
    const birth = first.find((v) => v.kind === "birth-date")!;
    expect(birth.forms).toEqual(expect.arrayContaining([BIRTH.iso, BIRTH.french, String(BIRTH.serial)]));
  });
});

describe("a canary per format is found; its clean twin passes", () => {
  it("HTML, plain and with character references", async () => {
    expect(await kinds("page.html", bytes(`<p>Dossier ${IDENTIFIER}</p>`))).toEqual(["identifier"]);
    expect(
      await kinds("page.html", bytes(`<p>&#49;7 bis rue Mign&eacute;t</p><p>n&#xE9; le 14&#47;07&#47;1931</p>`)),
    ).toEqual(["birth-date"]);
    expect(await kinds("page.html", bytes(`<p>&#49;7 BIS Rue  MIGNET</p>`))).toEqual(["address"]);
    expect(await kinds("page.html", bytes(`<p>Rue Mignet : 17 bénéficiaires, IRIS 130010101</p>`))).toEqual([]);
  });

  it("JavaScript with unicode escapes, and JSON", async () => {
    expect(await kinds("app.js", bytes(`const a = "\\u0031\\u0037 bis rue Mignet";`))).toEqual(["address"]);
    expect(await kinds("app.js", bytes(`const a = "rue Mignet"; const n = 17;`))).toEqual([]);
    expect(await kinds("data.json", bytes(JSON.stringify({ naissance: BIRTH.iso })))).toEqual(["birth-date"]);
    expect(await kinds("data.json", bytes(JSON.stringify({ annee: 1931, mois: 7 })))).toEqual([]);
  });

  it("SVG text", async () => {
    expect(await kinds("map.svg", bytes(`<svg><text x="1">${ADDRESS}</text></svg>`))).toEqual(["address"]);
    expect(await kinds("map.svg", bytes(`<svg><text x="1">Aix-en-Provence</text></svg>`))).toEqual([]);
  });

  it("CSV: an Excel serial counts as a whole cell of a date column only (elsewhere 13002 is a commune)", async () => {
    expect(await kinds("t.csv", bytes(`iris;date_naissance\n130010101;${BIRTH.serial}\n`))).toEqual(["birth-date"]);
    expect(await kinds("t.csv", bytes(`iris;date_naissance\n130010101;11519\n`))).toEqual([]);
    expect(await kinds("t.csv", bytes(`iris;valeur\n130010101;${BIRTH.serial}\n`))).toEqual([]);
    expect(await kinds("t.js", bytes(`const width = ${BIRTH.serial};`))).toEqual([]);
    expect(await kinds("t.csv", bytes(`iris;valeur\n130010101;${BIRTH.french}\n`))).toEqual(["birth-date"]);
  });

  it("Parquet written by DuckDB", async () => {
    const cell = publishedCell("apa", "130010101", "", 12);
    expect(await kinds("t.parquet", await cellsToParquet([{ ...cell, category: IDENTIFIER }]))).toEqual(["identifier"]);
    expect(await kinds("t.parquet", await cellsToParquet([cell]))).toEqual([]);
  });

  it("XLSX written by exceljs: a real date cell is stored as its serial number", async () => {
    const write = async (value: unknown) => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet("Feuille").addRow(["Total", value]);
      return new Uint8Array(await workbook.xlsx.writeBuffer());
    };
    expect(await kinds("t.xlsx", await write(new Date(Date.UTC(1931, 6, 14))))).toEqual(["birth-date"]);
    expect(await kinds("t.xlsx", await write(42))).toEqual([]);
    // The same number, not styled as a date, is a count.
    expect(await kinds("t.xlsx", await write(BIRTH.serial))).toEqual([]);
  });

  it("a zip archive, member by member (the publication archive)", async () => {
    const archive = zipSync({ "a/ok.json": bytes("{}"), "b/fuite.html": bytes(`<td>${IDENTIFIER}</td>`) });
    const hits = await scanner.scanBytes("observatoire.zip", archive);
    expect(hits.map((h) => h.member)).toEqual(["observatoire.zip!b/fuite.html"]);
  });

  it("PDF printed by Chromium (compressed streams, hex glyph ids)", async () => {
    const browser = await chromium.launch({
      executablePath: process.env.ABS_CHROMIUM ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu"],
    });
    try {
      const page = await browser.newPage();
      const pdfOf = async (body: string) => {
        await page.setContent(`<html lang="fr"><head><title>Rapport</title></head><body>${body}</body></html>`);
        return new Uint8Array(await page.pdf());
      };
      const leaking = await pdfOf(
        `<h1>Rapport</h1><p>Personne née le ${BIRTH.french}, domiciliée ${ADDRESS}.</p><p style="font-family:serif">Dossier ${IDENTIFIER}</p>`,
      );
      // The text is not in the file as such: it has to be decoded.
      expect(Buffer.from(leaking).includes("Mignet")).toBe(false);
      expect(await kinds("rapport.pdf", leaking)).toEqual(["address", "birth-date", "identifier"]);
      expect(
        await kinds(
          "rapport.pdf",
          await pdfOf(`<h1>Rapport</h1><p>Rue Mignet : 17 bénéficiaires de l'APA en 1931.</p>`),
        ),
      ).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe("scan of a built folder", () => {
  it("names the built file and the input row, never the value", async () => {
    const site = join(dir, "site");
    mkdirSync(join(site, "_file"), { recursive: true });
    writeFileSync(join(site, "index.html"), "<p>Observatoire</p>");
    writeFileSync(join(site, "_file", "fuite.json"), JSON.stringify({ x: ADDRESS }));
    const leaks = await scanner.scanFolder(site);
    expect(leaks).toEqual([
      { file: join("_file", "fuite.json"), kind: "address", origin: { file: "apa-domicile.csv", row: 2 } },
    ]);
    const message = describeLeaks(leaks);
    expect(message).toContain("_file/fuite.json : une adresse de apa-domicile.csv, ligne 2");
    for (const secret of ["Mignet", "MIGNET", IDENTIFIER, BIRTH.french]) expect(message).not.toContain(secret);
  });

  it("reports every copy of a file, each under its own name (copies are scanned once)", async () => {
    const site = join(dir, "copies");
    mkdirSync(join(site, "iris"), { recursive: true });
    const page = `<p>${ADDRESS}</p>`;
    for (const code of ["130010101", "130010102"]) writeFileSync(join(site, "iris", `${code}.html`), page);
    // The same bytes under another extension are read another way: scanned on their own.
    writeFileSync(join(site, "page.txt"), page);
    const zip = zipSync({ "membre.json": strToU8(JSON.stringify({ x: ADDRESS })) });
    writeFileSync(join(site, "a.zip"), zip);
    writeFileSync(join(site, "b.zip"), zip);
    const files = (await scanner.scanFolder(site)).map((leak) => leak.file).sort();
    expect(files).toEqual([
      "a.zip!membre.json",
      "b.zip!membre.json",
      join("iris", "130010101.html"),
      join("iris", "130010102.html"),
      "page.txt",
    ]);
  });
});
