/**
 * Reading and writing the Protocol 1 tables. Reading goes through the exports' one reader
 * (format by content, encoding per file, zip guard, quoted cells over several lines, bounded
 * time and size); writing neutralises every cell a spreadsheet would run as a formula: in CSV
 * with a leading apostrophe, in XLSX by typing the cell as text (the identifier stays intact).
 */
import { writeFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import ExcelJS from "exceljs";
import { formatCsv } from "../common/csv-write.ts";
import { InputError } from "../contracts.ts";
import { cellText, type RawCell } from "../exports/parse-value.ts";
import { openTable, sheetHead } from "../exports/read-table.ts";
import { isFooterText, isTitleRow, tableEnd } from "../exports/table-end.ts";
import { describeEncoding } from "../exports/decode-text.ts";
import { columnLetter } from "../exports/read-export.ts";

export interface Table {
  file: string;
  sheet?: string;
  /** The header row's texts, or null for a file read with --sans-entete. */
  header: string[] | null;
  /** 1-based row of the header (1 without one). */
  headerLine: number;
  /** Data rows: texts as the partner wrote them (an identifier is kept exactly, tabs and spaces included). */
  rows: string[][];
  rowNumbers: number[];
  /** French notes for the person running the command (hidden sheets, encoding, rows left aside). */
  notes: string[];
}

export interface TableLayout {
  /** False: the first row is data (--sans-entete). */
  header: boolean;
  /** Index of the header among the first rows of the sheet (texts), which may sit under a title block. */
  headerIndex: (rows: string[][]) => number;
}

/** How far down a header is looked for: a title block is a few lines. */
const HEAD_ROWS = 40;
/** Rows named in a note, the rest counted. */
const LINES_NAMED = 10;

/** A cell as text; strings exactly as written (an identifier's leading tab is part of it). */
const rawText = (cell: RawCell) => (typeof cell === "string" ? cell : cellText(cell));

const lineList = (lines: number[]) =>
  `${lines.slice(0, LINES_NAMED).join(", ")}${lines.length > LINES_NAMED ? `, … (${lines.length} en tout)` : ""}`;

/**
 * A Protocol 1 table, read through the exports' one reader row by row: the sheet (by name, or
 * the first visible one), the header found in the first rows, then the data rows up to the
 * table's end (table-end.ts, as `check` finds it): a second table stacked under the first, a
 * repeated header, a title or note row, a row with none of the columns used are left aside,
 * each said by its rows, never turned into output rows.
 */
export async function readTable(file: string, sheetName: string | undefined, layout: TableLayout): Promise<Table> {
  const source = await openTable(file);
  const name = basename(file);
  const notes: string[] = [];
  const index = sheetName
    ? source.sheets.findIndex((s) => s.name === sheetName)
    : source.sheets.findIndex((s) => (s.state ?? "visible") === "visible");
  if (index < 0)
    throw new InputError(
      sheetName
        ? `Fichier ${name} : feuille « ${sheetName} » absente (règle : feuille existante).`
        : `Fichier ${name} : aucune feuille visible (règle : feuille visible ; désignez-la avec --feuille).`,
      file,
      "sheet",
    );
  const sheet = source.sheets[index]!;
  source.sheets.forEach((s, i) => {
    if (i !== index && (s.state ?? "visible") !== "visible") notes.push(`feuille masquée « ${s.name} » non lue.`);
  });
  const encoding = source.encodingDecision ? describeEncoding(source.encodingDecision) : null;
  if (encoding) notes.push(encoding);

  const head = await sheetHead(source, index, HEAD_ROWS);
  const headTexts = head.rows.map((row) => row.map(rawText));
  const headerAt = layout.header ? layout.headerIndex(headTexts) : -1;
  const headerCells = headerAt >= 0 ? (head.rows[headerAt] ?? []) : null;
  const end = headerCells ? tableEnd(headerCells) : null;
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const repeated: number[] = [];
  let stacked: { line: number; rows: number } | null = null;
  let at = -1;
  for await (const { cells, line, blankBefore } of source.rows(index)) {
    if (++at <= headerAt) continue;
    if (stacked) {
      stacked.rows++;
      continue;
    }
    const kind = end ? end.classify(cells, blankBefore) : "data";
    if (kind === "second-table") {
      stacked = { line, rows: 1 };
      continue;
    }
    if (kind === "repeated-header") {
      repeated.push(line);
      continue;
    }
    const texts = cells.map(rawText);
    // A title row is no data row: a header right under it opens a second table, not a page.
    if (isTitleRow(cells)) end?.ignored();
    rows.push(texts);
    rowNumbers.push(line);
  }
  for (const { line, column } of source.strayCells)
    notes.push(
      `ligne ${line}, colonne ${columnLetter(column)} : octet isolé hors UTF-8, lu en Windows-1252 ; vérifiez l'accent de cette cellule (règle octet-hors-utf8).`,
    );
  if (source.strayCellsMore)
    notes.push(`… et ${source.strayCellsMore} autre(s) cellule(s) avec un octet isolé hors UTF-8.`);
  if (repeated.length)
    notes.push(`ligne(s) ${lineList(repeated)} : en-tête répété (saut de page), ligne(s) non géocodée(s).`);
  if (stacked)
    notes.push(
      `ligne ${stacked.line} : un second tableau commence ici (nouvel en-tête) ; ses ${stacked.rows} ligne(s) ne sont pas géocodées (règle tableau-empile). Placez-le dans une feuille ou un fichier à part.`,
    );
  return {
    file,
    ...(sheet.name !== undefined ? { sheet: sheet.name } : {}),
    header: headerCells ? headerCells.map(rawText) : null,
    headerLine: headerAt >= 0 ? (head.rowNumbers[headerAt] ?? 1) : 1,
    rows,
    rowNumbers,
    notes,
  };
}

/**
 * Rows that are nobody, left aside and said by their rows: a row filling none of the columns
 * used (a stray cell at XFD1048576), a title or note with no address (« Bénéficiaires 2014 »,
 * « Total »).
 */
export function leaveAsideNobody(table: Table, used: number[], address: number[], identifier?: number): Table {
  const empty: number[] = [];
  const titles: number[] = [];
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  // The shapes of the identifiers of rows with an address (« AB 123 » -> « AA 999 »): a row
  // with no address whose identifier has one of them is a person, even if it has a space.
  const shapes = new Set<string>();
  if (identifier !== undefined)
    for (const row of table.rows)
      if (address.some((c) => (row[c] ?? "").trim() !== "")) shapes.add(identifierShape(row[identifier] ?? ""));
  table.rows.forEach((row, i) => {
    const blank = (c: number) => (row[c] ?? "").trim() === "";
    const line = table.rowNumbers[i]!;
    const person =
      identifier !== undefined &&
      !blank(identifier) &&
      !isFooterText(row[identifier]!.trim()) &&
      shapes.has(identifierShape(row[identifier]!));
    if (used.every(blank)) empty.push(line);
    // A person with no address is still a person (non trouvé): only a row with no address can be a title.
    else if (address.every(blank) && !person && isTitleRow(row)) titles.push(line);
    else {
      rows.push(row);
      rowNumbers.push(line);
    }
  });
  const notes = [...table.notes];
  if (titles.length)
    notes.push(`ligne(s) ${lineList(titles)} : titre, total ou note, pas une personne ; ligne(s) non géocodée(s).`);
  if (empty.length)
    notes.push(
      `ligne(s) ${lineList(empty)} : ni identifiant ni adresse dans les colonnes lues, ligne(s) non géocodée(s) (règle ligne-sans-donnee).`,
    );
  return { ...table, rows, rowNumbers, notes };
}

/** Letters as A, digits as 9, the rest kept: « AB 123 » and « CD 456 » have one shape. */
const identifierShape = (text: string) => text.trim().replace(/\p{L}/gu, "A").replace(/\d/g, "9");

function outputKind(file: string): "xlsx" | "csv" {
  const ext = extname(file).toLowerCase();
  if (ext === ".xlsx") return "xlsx";
  if (ext === ".csv" || ext === ".txt") return "csv";
  throw new InputError(
    `Fichier ${basename(file)} : extension ${ext || "absente"} non reconnue pour la sortie, attendu .xlsx ou .csv (règle : format xlsx ou csv).`,
    file,
    "format",
  );
}

export async function writeTable(file: string, header: string[], rows: Array<Array<string | number>>): Promise<void> {
  if (outputKind(file) === "csv") {
    await writeFile(file, formatCsv([header, ...rows]), "utf8");
    return;
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("IRIS");
  sheet.addRow(header);
  // An xlsx cell holding a string is typed text (t="s"): no spreadsheet evaluates it, so the
  // identifier is written exactly as the partner sent it and joins back to its person. The
  // apostrophe is for CSV only, the one format where a spreadsheet reads "=..." as a formula.
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(file);
}
