import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { afterAll, describe, expect, test } from "vitest";
import {
  markReviewMembers,
  markReviewPage,
  markReviewSite,
  reviewMarking,
  verifyEditionMarking,
} from "../../loaders/publish/review.ts";
import { downloadCsv, downloadXlsx } from "../../loaders/publish/downloads.ts";
import { cellsToParquet } from "../../loaders/publish/parquet.ts";
import type { VisualDefinition } from "../../loaders/publish/visuals.ts";
import { publishedCells } from "../publish/fixtures.ts";

const MARK = "Document de travail – diffusion restreinte";
const folders: string[] = [];
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));
const page = `<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<title>Personnes âgées | Observatoire ABS</title>\n</head>\n<body>\n<main><h1>Personnes âgées</h1></main>\n</body>\n</html>\n`;
const visual: VisualDefinition = {
  id: "apa-iris-map",
  page: "personnes-agees",
  title: "L'APA à domicile par IRIS",
  kind: "iris-map",
  indicators: ["apa-beneficiaries"],
  tables: ["personnes-agees.parquet"],
};
const arrayBuffer = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

describe("the review edition's marking", () => {
  test("the wording is the issue's", () => expect(reviewMarking).toBe(MARK));

  test("every page carries the banner first in its body, in its title, and is not indexed; marking twice changes nothing", () => {
    const marked = markReviewPage(page);
    expect(marked).toMatch(new RegExp(`<body>\\n<div class="review-marking" role="note"[^>]*>${MARK}</div>`));
    expect(marked).toContain(`<title>${MARK} — Personnes âgées | Observatoire ABS</title>`);
    expect(marked).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(markReviewPage(marked)).toBe(marked);
  });

  test("every page of a built folder is marked, in sub-folders too", () => {
    const dir = mkdtempSync(join(tmpdir(), "abs-review-site-"));
    folders.push(dir);
    mkdirSync(join(dir, "editions", "2015"), { recursive: true });
    for (const path of ["index.html", "personnes-agees.html", "editions/2015/index.html"])
      writeFileSync(join(dir, path), page);
    expect(markReviewSite(dir)).toBe(3);
    for (const path of ["index.html", "personnes-agees.html", "editions/2015/index.html"])
      expect(readFileSync(join(dir, path), "utf8")).toContain(`class="review-marking"`);
  });

  test("every download and table of the zip is marked, and still reads the same", async () => {
    const input = {
      visual,
      cells: publishedCells,
      indicators: {
        "apa-beneficiaries": {
          label: "Bénéficiaires de l'APA à domicile",
          unit: "count",
          editions: {
            2016: { sources: ["Source Le Conseil Départemental"], observationDate: "2016-12-31", lastUpdate: null },
          },
        },
      },
      zoneNames: new Map([["13001", "Aix-en-Provence"]]),
    };
    const members = new Map<string, Uint8Array | string>([
      ["personnes-agees.parquet", await cellsToParquet(publishedCells)],
      ["catalogue.json", JSON.stringify({ synthetic: true })],
      ["visuals.json", JSON.stringify([visual])],
      ["telechargements/apa-iris-map.csv", downloadCsv(input)],
      ["telechargements/apa-iris-map.xlsx", await downloadXlsx(input)],
    ]);
    const marked = await markReviewMembers(members);

    const parquet = marked.get("personnes-agees.parquet") as Uint8Array;
    expect(parquetMetadata(arrayBuffer(parquet)).key_value_metadata).toContainEqual({ key: "diffusion", value: MARK });
    expect(await parquetReadObjects({ file: arrayBuffer(parquet) })).toHaveLength(publishedCells.length);

    expect(JSON.parse(marked.get("catalogue.json") as string)).toEqual({ diffusion: MARK, synthetic: true });
    expect(marked.get("visuals.json")).toBe(members.get("visuals.json"));

    const csv = marked.get("telechargements/apa-iris-map.csv") as string;
    expect(csv.startsWith(`\uFEFF${MARK}\r\nTitre;`)).toBe(true);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(arrayBuffer(marked.get("telechargements/apa-iris-map.xlsx") as Uint8Array));
    expect(workbook.worksheets.length).toBeGreaterThan(0);
    for (const sheet of workbook.worksheets) expect(sheet.getRow(1).getCell(1).value).toBe(MARK);
    expect(workbook.worksheets[0]!.getRow(2).getCell(1).value).toBe("Titre");

    // A built site is checked against its mode: a mix of the two editions fails closed.
    const site = mkdtempSync(join(tmpdir(), "abs-review-check-"));
    folders.push(site);
    const data = join(site, "_file", "data", "observatoire");
    mkdirSync(join(data, "telechargements"), { recursive: true });
    const write = (files: Map<string, Uint8Array | string>) => {
      for (const [name, content] of files)
        writeFileSync(join(data, name.replace(/(\.[a-z]+)$/, ".0123abcd$1")), content);
    };
    write(marked);
    expect(() => verifyEditionMarking(site, "review")).not.toThrow();
    expect(() => verifyEditionMarking(site, "public")).toThrow(/Le site public contient des fichiers marqués .* \(4\)/);
    write(new Map([["personnes-agees.parquet", members.get("personnes-agees.parquet")!]]));
    expect(() => verifyEditionMarking(site, "review")).toThrow(/sans la mention[^]*personnes-agees\.0123abcd\.parquet/);
  });
});
