/**
 * The one reader of tabular files: `abs check`, `abs ingest`, `abs geocode` and the build all
 * read through it, so that a fix lands everywhere at once. The format is told by content;
 * csv is decoded with an encoding decided per file and parsed as a stream (quoted cells may
 * span lines); xlsx passes the zip guard, then exceljs's streaming reader hands rows one by
 * one, so memory holds the cells and not the workbook's model. Time and size are bounded;
 * every failure is an InputError in French that names the file.
 */
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import ExcelJS from "exceljs";
import { InputError } from "../contracts.ts";
import { CsvSyntaxError, CsvTokenizer, guessSeparator, type Separator } from "../common/csv-parse.ts";
import {
  EncodingScanner,
  TextChunkDecoder,
  checkDecodedSample,
  unmarkStray,
  type EncodingDecision,
  type TextEncodingName,
} from "./decode-text.ts";
import type { RawCell } from "./parse-value.ts";
import { describeFsError, sniffFormat } from "./sniff-format.ts";
import { inspectZip } from "./zip-guard.ts";

export type SheetState = "visible" | "hidden" | "veryHidden";

export interface Sheet {
  /** Sheet name (xlsx only). */
  name?: string;
  state?: SheetState;
  /** Non-empty rows only. */
  rows: RawCell[][];
  /** rowNumbers[i] is the 1-based line (csv) or row (xlsx) of rows[i] in the file. */
  rowNumbers: number[];
  /**
   * Blank rows skipped just before rows[i]: counted in the account as read and ignored. Not
   * a difference of row numbers, since a quoted csv cell may span several lines.
   */
  blankBefore: number[];
}

export interface StrayCell {
  line: number;
  column: number;
}

/** Cells with a stray byte named one by one, up to this many (the rest are counted). */
export const STRAY_CELLS_KEPT = 1000;
const HAS_STRAY = /[\uE080-\uE0FF]/;

export interface Table {
  format: "xlsx" | "csv";
  sheets: Sheet[];
  encoding?: TextEncodingName;
  /** How the encoding was decided (csv only), for the account's notes. */
  encodingDecision?: EncodingDecision;
  /** Cells of a UTF-8 file holding a byte read as Windows-1252: line and 0-based column. */
  strayCells?: StrayCell[];
  separator?: Separator;
  /** The workbook counts its dates from 1904 (old Excel for Mac). */
  date1904?: boolean;
}

/** Whole cells kept in memory at most: a sheet of 16,384 columns on every row is a trick, not an export. */
const MAX_CELLS = 30_000_000;
/**
 * Reading budget, in CPU seconds of this process: the bound of 10 s per 10 MB, doubled,
 * with a floor for small files. CPU time and not wall time, so that a machine shared by
 * several users slows a legitimate export down without ever refusing it; a file built to
 * make the reader spin (dimension tricks, huge lines) still meets the limit.
 */
export const readBudgetSeconds = (bytes: number) => Math.max(20, (2 * bytes) / 2 ** 20);

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

class Deadline {
  private readonly end: number;
  private readonly seconds: number;
  constructor(
    private readonly file: string,
    size: number,
  ) {
    this.seconds = Math.round(readBudgetSeconds(size));
    this.end = cpuSeconds() + this.seconds;
  }
  check(): void {
    if (cpuSeconds() > this.end)
      throw new InputError(
        `${this.file} : lecture interrompue, le fichier demande plus de ${this.seconds} s de calcul (limite pour sa taille : 2 s par Mo, 20 s au moins). Vérifiez qu'il s'agit bien d'un export.`,
        this.file,
        "lecture-trop-longue",
      );
  }
}

export async function readTable(path: string): Promise<Table> {
  const file = basename(path);
  const { format, size } = await sniffFormat(path);
  const deadline = new Deadline(file, size);
  return format === "xlsx" ? readXlsx(path, file, deadline) : readCsvFile(path, file, deadline);
}

async function* fileChunks(path: string, file: string): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    throw describeFsError(file, error);
  }
}

/** Two passes over the bytes: the first decides the encoding, the second decodes and parses. */
async function readCsvFile(path: string, file: string, deadline: Deadline): Promise<Table> {
  const scanner = new EncodingScanner(file);
  for await (const chunk of fileChunks(path, file)) {
    scanner.push(chunk);
    deadline.check();
  }
  scanner.push(new Uint8Array(0), true);
  const decision = scanner.decide();
  const decoder = new TextChunkDecoder(decision);
  let tokenizer: CsvTokenizer | undefined;
  let separator: Separator = ";";
  let pending = "";
  const rows: RawCell[][] = [];
  const rowNumbers: number[] = [];
  const blankBefore: number[] = [];
  let blank = 0;
  const strayCells: StrayCell[] = [];
  // Stray bytes arrive marked (decode-text.ts): the cell is found, then the mark undone.
  const unmark = (cells: string[], line: number) =>
    cells.map((c, column) => {
      if (!HAS_STRAY.test(c)) return c;
      if (strayCells.length < STRAY_CELLS_KEPT) strayCells.push({ line, column });
      return unmarkStray(c);
    });
  const take = (parsed: { line: number; cells: string[] }[]) => {
    for (const { line, cells: raw } of parsed) {
      const cells = decision.strayBytes ? unmark(raw, line) : raw;
      const row = cells.map((c): RawCell => (c.trim() === "" ? null : c));
      if (row.every((c) => c === null)) {
        blank++;
        continue;
      }
      rows.push(row);
      rowNumbers.push(line);
      blankBefore.push(blank);
      blank = 0;
    }
  };
  const feed = (text: string) => {
    if (!tokenizer) {
      // The separator is guessed on the first 64 KB, so the tokenizer starts once they are in.
      pending += text;
      if (pending.length < 65_536) return;
      text = pending;
      pending = "";
      tokenizer = start(text);
    }
    take(tokenizer.push(text));
  };
  const start = (sample: string) => {
    checkDecodedSample(sample.slice(0, 65_536), decision, file);
    separator = guessSeparator(sample.slice(0, 65_536));
    return new CsvTokenizer(separator);
  };
  try {
    for await (const chunk of fileChunks(path, file)) {
      feed(decoder.write(chunk));
      deadline.check();
    }
    feed(decoder.write(new Uint8Array(0), true));
    tokenizer ??= start(pending);
    if (pending) take(tokenizer.push(pending));
    take(tokenizer.end());
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw csvSyntaxRefusal(file, error);
    throw error;
  }
  if (!rows.length) throw new InputError(`${file} : le fichier est vide.`, file, "fichier-vide");
  return {
    format: "csv",
    sheets: [{ rows, rowNumbers, blankBefore }],
    encoding: decision.encoding,
    encodingDecision: decision,
    ...(strayCells.length ? { strayCells } : {}),
    separator,
  };
}

function csvSyntaxRefusal(file: string, error: CsvSyntaxError): InputError {
  const where = `${file}, ligne ${error.line}, colonne ${error.column}`;
  switch (error.rule) {
    case "guillemet-non-ferme":
      return new InputError(
        `${where} : guillemet ouvert jamais refermé ; toute la suite du fichier serait lue comme une seule cellule (règle guillemet-non-ferme). Corrigez la cellule ou réexportez le fichier.`,
        file,
        error.rule,
      );
    case "ligne-trop-longue":
      return new InputError(
        `${where} : ligne de plus d'un million de caractères, ce n'est pas une ligne d'export (règle ligne-trop-longue).`,
        file,
        error.rule,
      );
    case "trop-de-colonnes":
      return new InputError(
        `${where} : plus de 20 000 colonnes sur une ligne (règle trop-de-colonnes).`,
        file,
        error.rule,
      );
  }
}

interface StreamedSheet extends Sheet {
  /** Position in the workbook's own sheet list (the zip may store sheets in another order). */
  order: number;
}

async function readXlsx(path: string, file: string, deadline: Deadline): Promise<Table> {
  await inspectZip(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    worksheets: "emit",
    entries: "ignore",
  });
  const sheets: StreamedSheet[] = [];
  let cells = 0;
  try {
    for await (const worksheet of reader) {
      const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { id?: number; name?: string; state?: string };
      const sheet: StreamedSheet = {
        rows: [],
        rowNumbers: [],
        blankBefore: [],
        order: sheets.length,
        name: "",
        state: "visible",
      };
      for await (const row of ws) {
        const values = cellsOf(row);
        cells += values.length;
        if (cells > MAX_CELLS)
          throw new InputError(
            `${file} : classeur refusé, plus de ${MAX_CELLS.toLocaleString("fr-FR")} cellules à lire (lignes ou colonnes démesurées).`,
            file,
            "xlsx-trop-volumineux",
          );
        const previous = sheet.rowNumbers[sheet.rowNumbers.length - 1] ?? 0;
        if (row.number <= previous)
          throw new InputError(
            `${file}, feuille « ${ws.name ?? sheets.length + 1} », ligne ${row.number} : numéro de ligne en double ou dans le désordre (classeur mal formé ; règle lignes-dupliquees). Réenregistrez-le depuis Excel.`,
            file,
            "lignes-dupliquees",
          );
        if (values.some((v) => v !== null)) {
          sheet.rows.push(values);
          // Rows absent from the sheet's XML are blank rows all the same.
          sheet.blankBefore.push(row.number - previous - 1);
          sheet.rowNumbers.push(row.number);
        }
        if (sheet.rows.length % 1024 === 0) deadline.check();
      }
      // Name and state are known once the workbook part is read, which may follow the sheets.
      sheet.name = ws.name ?? `Feuille ${sheets.length + 1}`;
      sheet.state = (ws.state as SheetState | undefined) ?? "visible";
      const listed = (reader as unknown as { model?: { sheets?: { id: number }[] } }).model?.sheets ?? [];
      const at = listed.findIndex((s) => s.id === ws.id);
      if (at >= 0) sheet.order = at;
      sheets.push(sheet);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `${file} : classeur xlsx illisible (fichier endommagé). Réenregistrez-le depuis Excel ou exportez-le en CSV.`,
      file,
      "xlsx-corrompu",
    );
  }
  if (!sheets.length) throw new InputError(`${file} : classeur sans feuille lisible.`, file, "xlsx-corrompu");
  const properties = (reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties;
  sheets.sort((a, b) => a.order - b.order);
  return {
    format: "xlsx",
    sheets: sheets.map(({ order: _order, ...sheet }) => sheet),
    ...(properties?.model?.date1904 ? { date1904: true } : {}),
  };
}

/** Row cells up to the last filled one; numbers formatted with leading zeros keep them. */
function cellsOf(row: ExcelJS.Row): RawCell[] {
  const out: RawCell[] = [];
  let last = -1;
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const value = toRawCell(cell.value, cell.numFmt);
    if (value === null) return;
    while (out.length < col - 1) out.push(null);
    out[col - 1] = value;
    last = col - 1;
  });
  out.length = last + 1;
  return out;
}

function toRawCell(value: unknown, numFmt?: string): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (typeof value === "number") {
    // "000123" shown by a format of zeros is an identifier, not the number 123.
    if (numFmt && /^0+$/.test(numFmt) && Number.isInteger(value) && value >= 0)
      return String(value).padStart(numFmt.length, "0");
    return value;
  }
  if (typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return toRawCell((v.richText as { text: string }[]).map((t) => t.text).join(""));
    if ("result" in v) return toRawCell(v.result, numFmt);
    if ("formula" in v || "sharedFormula" in v) return null;
    if (typeof v.text === "string") return toRawCell(v.text);
    if ("error" in v) return String(v.error);
  }
  return String(value);
}
