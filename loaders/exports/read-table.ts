/**
 * The one reader of tabular files: `abs check`, `abs ingest`, `abs geocode` and the build all
 * read through it, so that a fix lands everywhere at once. The format is told by content;
 * csv is decoded with an encoding decided per file and parsed as a stream (quoted cells may
 * span lines); xlsx passes the zip guard, then its sheets are scanned row by row as they
 * inflate (xlsx-stream.ts). Rows are handed over one at a time (`openTable(...).rows()`), so
 * memory holds a row and not the file; `readTable` collects them, for small files and tests.
 * Time, rows and cells are bounded; every failure is an InputError in French naming the file.
 */
import { createReadStream } from "node:fs";
import { basename } from "node:path";
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
import { openWorkbook, sheetRows, type SheetState } from "./xlsx-stream.ts";
import { inspectZip } from "./zip-guard.ts";

export type { SheetState } from "./xlsx-stream.ts";

export interface Sheet {
  /** Sheet name (xlsx only). */
  name?: string;
  state?: SheetState;
  /** Non-empty rows only. */
  rows: RawCell[][];
  /** rowNumbers[i] is the 1-based line (csv) or row (xlsx) of rows[i] in the file. */
  rowNumbers: number[];
  /**
   * Blank rows skipped just before rows[i]: counted in the account apart. Not a difference
   * of row numbers, since a quoted csv cell may span several lines.
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

/** One filled row as it is read: its cells, where it is, and the blank rows just above it. */
export interface TableRow {
  cells: RawCell[];
  /** 1-based line (csv, where the row starts) or row number (xlsx). */
  line: number;
  blankBefore: number;
}

export interface SheetInfo {
  name?: string;
  state?: SheetState;
}

/** A file opened for reading: what it is, and its rows on demand, one sheet at a time. */
export interface TableSource {
  file: string;
  format: "xlsx" | "csv";
  sheets: SheetInfo[];
  encoding?: TextEncodingName;
  encodingDecision?: EncodingDecision;
  separator?: Separator;
  date1904?: boolean;
  /** Cells of a UTF-8 file holding a byte read as Windows-1252, found by the last full pass. */
  strayCells: StrayCell[];
  /** Stray cells beyond STRAY_CELLS_KEPT, counted only. */
  strayCellsMore: number;
  /**
   * The filled rows of a sheet, from its top, as they are read. `quiet`: a look at the first
   * rows only (header search), which leaves strayCells alone.
   */
  rows(sheet: number, opts?: { quiet?: boolean }): AsyncGenerator<TableRow>;
}

/**
 * Limits of one sheet. Cells are counted up to each row's last filled one: 16,384 columns on
 * every row is a trick, not an export. Rows: the largest export of the département, ten times
 * over, is 400,000 rows; a larger file is split (by commune, by half-year) before it is sent.
 */
export const TABLE_LIMITS = { cells: 30_000_000, rows: 500_000 };
const frenchNumber = (n: number) => n.toLocaleString("fr-FR");

/**
 * Reading budget, in CPU seconds of this process: the issue's bound of 1 s per MB of input
 * (10 s per 10 MB), with a floor of 10 s for small files, whose fixed costs (opening the
 * workbook, finding the header among the schemas, loading the modules' first calls) do not
 * shrink with their size. A real export reads at 0.3 to 0.7 s per MB (bench/scale.ts), so the
 * bound leaves it a margin. CPU time and not wall time, so that a machine shared by several
 * users slows a legitimate export down without ever refusing it; a file built to make the
 * reader spin (dimension tricks, huge lines, a million short rows) still meets the limit.
 */
export const readBudgetSeconds = (bytes: number) => Math.max(READ_BUDGET_FLOOR, bytes / 2 ** 20);
const READ_BUDGET_FLOOR = 10;
/**
 * A file is refused as soon as the part read shows it cannot fit: once PROJECTION_AFTER of
 * its budget has been spent, its total time is projected from the share read, and a
 * projection over PROJECTION_MARGIN times the budget stops the reading there.
 */
const PROJECTION_AFTER = 0.25;
const PROJECTION_MARGIN = 1.5;

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

class Deadline {
  private readonly start: number;
  private readonly end: number;
  private readonly seconds: number;
  constructor(
    private readonly file: string,
    private readonly size: number,
  ) {
    this.seconds = Math.round(readBudgetSeconds(size));
    this.start = cpuSeconds();
    this.end = this.start + this.seconds;
  }
  /** `done`: the share of the file read so far (0 to 1), when the reader knows it. */
  check(done?: number): void {
    const now = cpuSeconds();
    if (now > this.end) throw this.refusal(`le fichier demande plus de ${this.seconds} s de calcul`);
    const spent = now - this.start;
    if (done === undefined || done <= 0 || done >= 1 || spent < PROJECTION_AFTER * this.seconds) return;
    const projected = spent / done;
    if (projected > PROJECTION_MARGIN * this.seconds)
      throw this.refusal(
        `à ce rythme (${Math.round(done * 100)} % lus en ${spent.toFixed(1)} s), le fichier demanderait environ ${Math.round(projected)} s de calcul, plus que les ${this.seconds} s admises`,
      );
  }
  /** `bytes`: how much of the file has been read. */
  checkRead(bytes: number): void {
    this.check(bytes / Math.max(1, this.size));
  }
  private refusal(why: string): InputError {
    return new InputError(
      `${this.file} : lecture interrompue, ${why} (limite pour sa taille : 1 s par Mo, ${READ_BUDGET_FLOOR} s au moins). Vérifiez qu'il s'agit bien d'un export.`,
      this.file,
      "lecture-trop-longue",
    );
  }
}

export async function openTable(path: string): Promise<TableSource> {
  const file = basename(path);
  const { format, size } = await sniffFormat(path);
  const deadline = new Deadline(file, size);
  return format === "xlsx" ? openXlsx(path, file, deadline) : openCsv(path, file, deadline);
}

/** The first `count` filled rows of a sheet, as a Sheet (header search, title rows). */
export async function sheetHead(source: TableSource, sheet: number, count: number): Promise<Sheet> {
  const head: Sheet = { ...source.sheets[sheet], rows: [], rowNumbers: [], blankBefore: [] };
  if (count <= 0) return head;
  for await (const row of source.rows(sheet, { quiet: true })) {
    head.rows.push(row.cells);
    head.rowNumbers.push(row.line);
    head.blankBefore.push(row.blankBefore);
    if (head.rows.length >= count) break;
  }
  return head;
}

/** Every sheet with all its rows in memory: for small files and tests, not for exports. */
export async function readTable(path: string): Promise<Table> {
  const source = await openTable(path);
  const sheets: Sheet[] = [];
  for (let i = 0; i < source.sheets.length; i++) sheets.push(await sheetHead(source, i, Infinity));
  // A quiet pass leaves the stray cells alone: one full pass over the csv finds them.
  if (source.format === "csv") for await (const row of source.rows(0)) void row;
  return {
    format: source.format,
    sheets,
    ...(source.encoding ? { encoding: source.encoding } : {}),
    ...(source.encodingDecision ? { encodingDecision: source.encodingDecision } : {}),
    ...(source.strayCells.length ? { strayCells: source.strayCells } : {}),
    ...(source.separator ? { separator: source.separator } : {}),
    ...(source.date1904 ? { date1904: true } : {}),
  };
}

/** Counts a sheet's filled rows and cells against TABLE_LIMITS, refusing in French past them. */
class SheetBudget {
  private rows = 0;
  private cells = 0;
  constructor(
    private readonly file: string,
    private readonly where: string,
  ) {}
  count(cells: number, line: number): void {
    this.cells += cells;
    if (++this.rows > TABLE_LIMITS.rows)
      throw new InputError(
        `${this.file}${this.where}, ligne ${line} : plus de ${frenchNumber(TABLE_LIMITS.rows)} lignes remplies, au-delà de la limite d'un export (règle trop-de-lignes). Scindez l'export (par commune ou par semestre) et envoyez les fichiers séparément.`,
        this.file,
        "trop-de-lignes",
      );
    if (this.cells > TABLE_LIMITS.cells)
      throw new InputError(
        `${this.file}${this.where}, ligne ${line} : plus de ${frenchNumber(TABLE_LIMITS.cells)} cellules à lire, au-delà de la limite d'un export (lignes ou colonnes démesurées ; règle trop-de-cellules).`,
        this.file,
        "trop-de-cellules",
      );
  }
}

async function* fileChunks(path: string, file: string, end?: number): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20, ...(end !== undefined ? { end } : {}) });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    throw describeFsError(file, error);
  } finally {
    stream.destroy();
  }
}

const SAMPLE_CHARS = 65_536;

/**
 * A csv: one pass over the bytes decides the encoding, a look at the first 64 KB of text
 * decides the separator; rows() then decodes and parses the file as a stream.
 */
async function openCsv(path: string, file: string, deadline: Deadline): Promise<TableSource> {
  const scanner = new EncodingScanner(file);
  for await (const chunk of fileChunks(path, file)) {
    scanner.push(chunk);
    deadline.check();
  }
  scanner.push(new Uint8Array(0), true);
  const decision = scanner.decide();
  const sampleDecoder = new TextChunkDecoder(decision);
  let sample = "";
  for await (const chunk of fileChunks(path, file, 4 * SAMPLE_CHARS)) sample += sampleDecoder.write(chunk);
  sample = sample.slice(0, SAMPLE_CHARS);
  checkDecodedSample(sample, decision, file);
  const separator = guessSeparator(sample);
  const source: TableSource = {
    file,
    format: "csv",
    sheets: [{}],
    encoding: decision.encoding,
    encodingDecision: decision,
    separator,
    strayCells: [],
    strayCellsMore: 0,
    rows: (_sheet, opts) => csvRows(path, source, decision, deadline, opts?.quiet ?? false),
  };
  return source;
}

async function* csvRows(
  path: string,
  source: TableSource,
  decision: EncodingDecision,
  deadline: Deadline,
  quiet: boolean,
): AsyncGenerator<TableRow> {
  const file = source.file;
  const decoder = new TextChunkDecoder(decision);
  const tokenizer = new CsvTokenizer(source.separator!);
  const budget = new SheetBudget(file, "");
  if (!quiet) {
    source.strayCells = [];
    source.strayCellsMore = 0;
  }
  let blank = 0;
  // Stray bytes arrive marked (decode-text.ts): the cell is found, then the mark undone.
  const unmark = (cells: string[], line: number) =>
    cells.map((c, column) => {
      if (!HAS_STRAY.test(c)) return c;
      if (!quiet) {
        if (source.strayCells.length < STRAY_CELLS_KEPT) source.strayCells.push({ line, column });
        else source.strayCellsMore++;
      }
      return unmarkStray(c);
    });
  function* take(parsed: { line: number; cells: string[] }[]): Generator<TableRow> {
    for (const { line, cells: raw } of parsed) {
      const cells = decision.strayBytes ? unmark(raw, line) : raw;
      const row = cells.map((c): RawCell => (c.trim() === "" ? null : c));
      if (row.every((c) => c === null)) {
        blank++;
        continue;
      }
      budget.count(row.length, line);
      yield { cells: row, line, blankBefore: blank };
      blank = 0;
    }
  }
  try {
    let read = 0;
    for await (const chunk of fileChunks(path, file)) {
      yield* take(tokenizer.push(decoder.write(chunk)));
      deadline.checkRead((read += chunk.length));
    }
    yield* take(tokenizer.push(decoder.write(new Uint8Array(0), true)));
    yield* take(tokenizer.end());
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw csvSyntaxRefusal(file, error);
    throw error;
  }
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

/** An xlsx: the zip guard first, then the workbook's parts; rows() scans one sheet as it inflates. */
async function openXlsx(path: string, file: string, deadline: Deadline): Promise<TableSource> {
  const zip = await inspectZip(path);
  const tick = (done?: number) => deadline.check(done);
  const workbook = await asReadError(file, () => openWorkbook(path, file, zip.located, tick));
  if (!workbook.sheets.length) throw new InputError(`${file} : classeur sans feuille lisible.`, file, "xlsx-corrompu");
  return {
    file,
    format: "xlsx",
    sheets: workbook.sheets.map(({ name, state }) => ({ name, state })),
    ...(workbook.date1904 ? { date1904: true } : {}),
    strayCells: [],
    strayCellsMore: 0,
    async *rows(index) {
      const sheet = workbook.sheets[index]!;
      const budget = new SheetBudget(file, `, feuille « ${sheet.name} »`);
      let previous = 0;
      let filled = 0;
      let rows = 0;
      const stream = sheetRows(workbook, sheet, tick);
      // Stopped early (a refusal, or a caller that read only the head), the sheet's stream is
      // closed here: left to the garbage collector, its file handle made Node print English.
      try {
        for (;;) {
          const next = await asReadError(file, () => stream.next());
          if (next.done) return;
          const row = next.value;
          if (!Number.isInteger(row.number) || row.number <= previous || row.number > 1_048_576)
            throw new InputError(
              `${file}, feuille « ${sheet.name} », ligne ${row.number} : numéro de ligne en double, dans le désordre ou hors d'Excel (classeur mal formé ; règle lignes-dupliquees). Réenregistrez-le depuis Excel.`,
              file,
              "lignes-dupliquees",
            );
          previous = row.number;
          if (++rows % 1024 === 0) deadline.check();
          if (!row.cells.length) continue;
          budget.count(row.cells.length, row.number);
          // Rows absent from the sheet's XML, or present with no value, are blank rows all the same.
          yield { cells: row.cells, line: row.number, blankBefore: row.number - filled - 1 };
          filled = row.number;
        }
      } finally {
        await stream.return(undefined);
      }
    },
  };
}

/** Anything but an InputError while reading a workbook is a damaged file, said in French. */
async function asReadError<T>(file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `${file} : classeur xlsx illisible (fichier endommagé). Réenregistrez-le depuis Excel ou exportez-le en CSV.`,
      file,
      "xlsx-corrompu",
    );
  }
}
