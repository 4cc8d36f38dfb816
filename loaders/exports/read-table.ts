/**
 * Reads an export file into plain grids of cells, one per sheet, whatever its format.
 * Only xlsx and csv are accepted; every failure is an InputError in French.
 */
import { open, readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import ExcelJS from "exceljs";
import { InputError } from "../contracts.ts";
import { decodeText, type TextEncodingName } from "./decode-text.ts";
import { guessSeparator, parseCsv, type Separator } from "./parse-csv.ts";
import type { RawCell } from "./parse-value.ts";
import { inspectZip } from "./zip-guard.ts";

export interface Sheet {
  /** Sheet name (xlsx only). */
  name?: string;
  /** rows[0] is line 1 of the sheet. */
  rows: RawCell[][];
}

export interface Table {
  format: "xlsx" | "csv";
  sheets: Sheet[];
  encoding?: TextEncodingName;
  separator?: Separator;
}

const MAX_CSV_BYTES = 200 * 2 ** 20;
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0];
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

async function firstBytes(path: string, n: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const startsWith = (buf: Buffer, sig: number[]) => sig.every((b, i) => buf[i] === b);

export async function readTable(path: string): Promise<Table> {
  const file = basename(path);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new InputError(`${file} : fichier introuvable ou illisible.`, file, "fichier-introuvable");
  }
  if (size === 0) throw new InputError(`${file} : le fichier est vide.`, file, "fichier-vide");
  const head = await firstBytes(path, 8);
  const ext = extname(path).toLowerCase();
  if (ext === ".xls" || startsWith(head, OLE_SIGNATURE))
    throw new InputError(
      `${file} : format Excel 97-2003 (.xls) non pris en charge. Ouvrez le fichier dans Excel et enregistrez-le au format .xlsx, ou exportez-le en CSV.`,
      file,
      "format-xls",
    );
  if (ext === ".xlsx" || ext === ".xlsm" || startsWith(head, ZIP_SIGNATURE))
    return { format: "xlsx", sheets: await readXlsx(path, file) };
  if (ext === ".csv" || ext === ".txt" || ext === ".tsv" || ext === "") return readCsvFile(path, file, size);
  throw new InputError(
    `${file} : extension « ${ext} » non prise en charge. Fournissez un fichier .xlsx ou .csv.`,
    file,
    "format-inconnu",
  );
}

async function readCsvFile(path: string, file: string, size: number): Promise<Table> {
  if (size > MAX_CSV_BYTES)
    throw new InputError(
      `${file} : fichier CSV trop volumineux pour un export (plus de 200 Mo).`,
      file,
      "csv-trop-volumineux",
    );
  const { text, encoding } = decodeText(await readFile(path), file);
  if (!text.trim()) throw new InputError(`${file} : le fichier est vide.`, file, "fichier-vide");
  const separator = guessSeparator(text);
  const rows = parseCsv(text, separator).map((r) => r.map((c): RawCell => (c.trim() === "" ? null : c)));
  return { format: "csv", sheets: [{ rows }], encoding, separator };
}

async function readXlsx(path: string, file: string): Promise<Sheet[]> {
  await inspectZip(path);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch {
    throw new InputError(
      `${file} : classeur xlsx illisible (fichier endommagé). Réenregistrez-le depuis Excel ou exportez-le en CSV.`,
      file,
      "xlsx-corrompu",
    );
  }
  return workbook.worksheets.map((ws) => {
    const rows: RawCell[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const values = ws.getRow(r).values as unknown[];
      const row: RawCell[] = [];
      for (let c = 1; c < (values?.length ?? 0); c++) row.push(toRawCell(values[c]));
      rows.push(row);
    }
    return { name: ws.name, rows };
  });
}

function toRawCell(value: unknown): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return toRawCell((v.richText as { text: string }[]).map((t) => t.text).join(""));
    if ("result" in v) return toRawCell(v.result);
    if ("formula" in v || "sharedFormula" in v) return null;
    if (typeof v.text === "string") return toRawCell(v.text);
    if ("error" in v) return String(v.error);
  }
  return String(value);
}
