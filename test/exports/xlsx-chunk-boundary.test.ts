/**
 * The sheet scanner reads a workbook's XML as it inflates, CHUNK bytes at a time, so any
 * token can be cut between two pieces. Each case here writes a real xlsx (exceljs), pads its
 * XML with whitespace between elements so that the cut falls exactly inside (or right after)
 * one token, checks that the inflater does cut there, and reads every row back. A row was
 * once lost when a piece ended right after « <row ».
 */
import { open, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readTable } from "../../loaders/exports/read-table.ts";
import { CHUNK, entryBytes, entryDataStart, inspectZip } from "../../loaders/exports/zip-guard.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";

const dir = useTempDirs("abs-chunk-");
const ROWS = 5000;
const SHEET = "xl/worksheets/sheet1.xml";
const STRINGS = "xl/sharedStrings.xml";

/** Synthetic row n: an identifier, a text with an entity, a text with two-byte characters, a number. */
const expectedRow = (n: number) => [`ID${String(n).padStart(5, "0")}`, `Jeanne & Paul ${n}`, `Élise ${n} été`, n];

/**
 * A workbook of `rows` synthetic rows. exceljs always writes shared strings; `inline` moves
 * them into the cells (<is><t>…</t></is>), as other exporting tools write, so that the
 * entities and accented letters lie in the sheet's XML.
 */
async function writeBook(path: string, inline: boolean, rows = ROWS) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("APA");
  sheet.addRow(["Index", "Foyer", "Prénom", "GIR"]);
  for (let n = 1; n <= rows; n++) sheet.addRow(expectedRow(n));
  await workbook.xlsx.writeFile(path);
  if (!inline) return;
  const files = unzipSync(new Uint8Array(await readFile(path)));
  const decode = (part: string) => new TextDecoder().decode(files[part]);
  const strings = [...decode(STRINGS).matchAll(/<si><t[^>]*>([^<]*)<\/t><\/si>/g)].map((m) => m[1]!);
  files[SHEET] = new TextEncoder().encode(
    decode(SHEET).replace(
      /<c r="([A-Z]+\d+)"( s="\d+")? t="s"><v>(\d+)<\/v><\/c>/g,
      (_, ref: string, style = "", index: string) =>
        `<c r="${ref}"${style} t="inlineStr"><is><t>${strings[Number(index)]}</t></is></c>`,
    ),
  );
  await writeFile(path, zipSync(files));
}

/**
 * Pads `part` with spaces after the opening tag of `container` so that the chosen occurrence
 * of `token` is cut after its first `cutAfter` bytes by the end of the first inflated piece.
 */
async function cutTokenAtChunk(path: string, part: string, container: string, token: string, cutAfter: number) {
  const files = unzipSync(new Uint8Array(await readFile(path)));
  const xml = Buffer.from(files[part]!);
  const padAt = xml.indexOf(">", xml.indexOf(`<${container}`)) + 1;
  const needle = Buffer.from(token);
  let at = -1;
  for (let i = xml.indexOf(needle, padAt); i >= 0 && i + cutAfter <= CHUNK; i = xml.indexOf(needle, i + 1)) at = i;
  expect(at, `« ${token} » avant ${CHUNK} octets dans ${part}`).toBeGreaterThan(padAt);
  const pad = Buffer.alloc(CHUNK - at - cutAfter, " ");
  files[part] = new Uint8Array(Buffer.concat([xml.subarray(0, padAt), pad, xml.subarray(padAt)]));
  await writeFile(path, zipSync(files));
  // The premise: the first inflated piece ends exactly inside the token.
  const entry = (await inspectZip(path)).located.find((e) => e.name === part)!;
  const handle = await open(path, "r");
  try {
    const pieces = entryBytes(handle, entry, (await entryDataStart(handle, entry))!);
    const first = (await pieces.next()).value as Buffer;
    await pieces.return(undefined);
    expect(first.length).toBe(CHUNK);
    expect(first.subarray(CHUNK - cutAfter).toString("latin1")).toBe(needle.subarray(0, cutAfter).toString("latin1"));
  } finally {
    await handle.close();
  }
}

async function expectEveryRow(path: string, written = ROWS) {
  const { sheets } = await readTable(path);
  const rows = sheets[0]!.rows;
  expect(rows.length).toBe(written + 1);
  expect(sheets[0]!.rowNumbers.at(-1)).toBe(written + 1);
  for (let n = 1; n <= written; n++)
    if (JSON.stringify(rows[n]) !== JSON.stringify(expectedRow(n))) expect(rows[n]).toEqual(expectedRow(n));
}

describe("xlsx tokens cut between two inflated pieces", () => {
  const sheetCases: [string, number][] = [
    ["<row", 4],
    ["<row", 2],
    ["</row>", 3],
    ["</row>", 6],
    ["<c", 2],
    ["<c", 1],
    ["<v>", 2],
    ["</v>", 3],
    ["&amp;", 3],
    ["É", 1],
    ["é", 1],
    ["<is>", 2],
    ["</t>", 3],
    ["</sheetData>", 5],
  ];
  for (const [token, cutAfter] of sheetCases)
    it(`in the sheet, « ${token} » cut after ${cutAfter} byte(s): every row read`, async () => {
      const path = join(dir(), "coupe.xlsx");
      // </sheetData> comes once, at the end: a sheet shorter than a piece, padded up to it.
      const written = token === "</sheetData>" ? 500 : ROWS;
      await writeBook(path, true, written);
      await cutTokenAtChunk(path, SHEET, "sheetData", token, cutAfter);
      await expectEveryRow(path, written);
    });

  const stringCases: [string, number][] = [
    ["<si>", 3],
    ["</si>", 3],
    ["</t>", 2],
    ["&amp;", 2],
    ["É", 1],
  ];
  for (const [token, cutAfter] of stringCases)
    it(`in the shared strings, « ${token} » cut after ${cutAfter} byte(s): every string read`, async () => {
      const path = join(dir(), "coupe-textes.xlsx");
      await writeBook(path, false);
      await cutTokenAtChunk(path, STRINGS, "sst", token, cutAfter);
      await expectEveryRow(path);
    });
});
