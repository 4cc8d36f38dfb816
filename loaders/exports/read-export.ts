/**
 * Intake of one Département export (Annex 1 file, Annex 3 protocol): reads xlsx or csv,
 * finds the header, maps the columns, validates every row and accounts for each of them.
 * Never stops at the first bad row; never puts a cell value in a message.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import {
  InputError,
  type DatasetId,
  type ExportRow,
  type FieldValue,
  type RawAddress,
  type RowAccount,
} from "../contracts.ts";
import { allSchemas, getSchema } from "./registry.ts";
import type { Rejection } from "./rejection.ts";
import { chooseSheet } from "./choose-sheet.ts";
import { locateHeader, type HeaderLocation } from "./locate-header.ts";
import { readObservatoryConfig } from "../config.ts";
import { plainUpper } from "../common/plain-text.ts";
import { suspiciousMappings, type ColumnMatch } from "./match-headers.ts";
import { normalizeHeader } from "./normalize-header.ts";
import { readTable, type Sheet, type StrayCell } from "./read-table.ts";
import { describeEncoding } from "./decode-text.ts";
import { headerDetector } from "./stacked-table.ts";
import type { DatasetSchema } from "./schema.ts";
import * as S from "./schemas/structural.ts";
import { datesFromTitleRows } from "./title-dates.ts";
import { cellText, isBlank, type RawCell } from "./parse-value.ts";
import { parseField, type FieldIssue } from "./parse-field.ts";

export interface ReadExportOptions {
  dataset?: DatasetId;
  /** Partner header -> canonical field (or "ignorer"), for headers the schema cannot guess. */
  mapping?: Record<string, string>;
  sheet?: string;
  /** Commune given to addresses that state neither postcode nor commune. */
  defaultCommune?: string;
  /** ISO date the ages are computed at when the file's title rows do not state one. */
  observationDate?: string;
  /** IRIS codes of the reference: a code of nine digits that is not one of them is refused. */
  knownIris?: ReadonlySet<string>;
}

export interface ExportLayout {
  headerLine: number;
  rowsAbove: number;
  blankRows: number;
}

/** The lines the account does not count, in one French sentence: every line of the file is told. */
export function describeLayout(layout: ExportLayout): string {
  return `hors bilan : en-tête ligne ${layout.headerLine}, ${layout.rowsAbove} ligne(s) au-dessus (titres ou vides), ${layout.blankRows} ligne(s) vide(s) dessous.`;
}

/** A rejected row with its cells, for the private quarantine only (never printed). */
export interface QuarantinedRow {
  row: number;
  rules: string[];
  cells: Record<string, string>;
}

export interface ParsedExport {
  file: string;
  sheet?: string;
  dataset: DatasetId;
  protocol: 1 | 2;
  /** Valid rows only. */
  rows: ExportRow[];
  rejections: Rejection[];
  /** kept = rows.length, before de-duplication and geocoding. */
  account: RowAccount;
  droppedColumns: string[];
  /** Partner header -> canonical field. */
  headerMap: Record<string, string>;
  observationDate?: string;
  /** Where observationDate comes from: the file's title rows, the caller, or the folder's year. */
  observationDateSource?: "file" | "option" | "path";
  lastUpdate?: string;
  /** Lines outside the account: the header's line, the title rows above it, blank rows under it. */
  layout: ExportLayout;
  /** File-level warnings in French (sheets not read, suspicious headers, encoding, calendar). */
  notes: string[];
  format: "xlsx" | "csv";
  encoding?: string;
  separator?: string;
  /** Not enumerable: the personal values of rejected rows never reach a log by accident. */
  readonly quarantine: QuarantinedRow[];
}

const TITLE_OR_FOOTER = /^(total|sous[- ]total|source|note|lecture|champ|nb ?:|remarque)/i;

export async function readExport(path: string, opts: ReadExportOptions = {}): Promise<ParsedExport> {
  const file = basename(path);
  opts = { ...opts, mapping: opts.mapping ?? mappingBeside(path, file) };
  const table = await readTable(path);
  const named = opts.sheet ? table.sheets.filter((s) => s.name === opts.sheet) : table.sheets;
  if (!named.length)
    throw new InputError(`${file} : feuille « ${opts.sheet} » absente du classeur.`, file, "feuille-absente");
  if (named.every((s) => s.rows.length === 0))
    throw new InputError(`${file} : le fichier est vide.`, file, "fichier-vide");

  const notes: string[] = [];
  const { location, sheets } = chooseSheet(file, named, opts.sheet !== undefined, (s) => locate(file, s, opts), notes);
  const sheet = sheets[location.sheetIndex];
  const { schema, match } = location;
  const protocol = checkColumns(file, schema, match.columns);
  notes.push(...suspiciousMappings(match, file, schema));
  const encodingNote = table.encodingDecision ? describeEncoding(table.encodingDecision) : null;
  if (encodingNote) notes.push(encodingNote);
  if (table.date1904)
    notes.push("classeur au calendrier 1904 (Excel pour Mac ancien) : dates lues dans ce calendrier.");
  const sheetName = table.format === "xlsx" ? sheet.name : undefined;
  const titleDates = datesFromTitleRows(sheet.rows.slice(0, location.rowIndex));
  const observationDate = titleDates.observationDate ?? opts.observationDate ?? yearFromPath(path);

  const headerRow = sheet.rows[location.rowIndex];
  const dropped = [...match.dropped, ...unheadedColumns(sheet.rows, location.rowIndex, headerRow, match.columns)];

  // "lues" are the rows under the header that hold something: the title block, the header and
  // blank rows are not rows of the export, and are said apart (layout) so that every line is told.
  let rowsAbove = 0;
  let blankRows = 0;
  for (let i = 0; i <= location.rowIndex; i++) {
    rowsAbove += sheet.blankBefore[i]! + (i < location.rowIndex ? 1 : 0);
  }
  const account: RowAccount = {
    read: 0,
    kept: 0,
    rejected: {},
    duplicates: 0,
    ignored: 0,
    notGeocoded: 0,
  };
  const rows: ExportRow[] = [];
  const rejections: Rejection[] = strayWarnings(file, table.strayCells ?? [], headerRow);
  const quarantine: QuarantinedRow[] = [];
  const headerKey = headerRow.map((c) => normalizeHeader(cellText(c))).join("|");
  const looksLikeHeader = headerDetector(headerRow, schema);
  const ctx: RowContext = {
    file,
    sheet: sheetName,
    schema,
    columns: match.columns,
    protocol,
    // The configured commune, written as partners write it ("SALON DE PROVENCE").
    defaultCommune: opts.defaultCommune ?? plainUpper(readObservatoryConfig().territory.communeName),
    observationDate,
    date1904: table.date1904 ?? false,
    ...(opts.knownIris ? { knownIris: opts.knownIris } : {}),
  };

  let previousWasData = true;
  for (let i = location.rowIndex + 1; i < sheet.rows.length; i++) {
    const cells = sheet.rows[i];
    const line = sheet.rowNumbers[i];
    const blankAbove = sheet.blankBefore[i]!;
    account.read++;
    blankRows += blankAbove;
    const contiguous = blankAbove === 0;
    const repeatedHeader = cells.map((c) => normalizeHeader(cellText(c))).join("|") === headerKey;
    // A header repeated right under a data row is a page break of a printed export; after a
    // blank or title row it opens a second table, which is not data of the first.
    if ((repeatedHeader && !(previousWasData && contiguous)) || (!repeatedHeader && looksLikeHeader(cells))) {
      blankRows += stackedTable(i, sheet, ctx, account, rejections, quarantine);
      break;
    }
    if (repeatedHeader || isIgnorable(cells, ctx)) {
      account.ignored++;
      previousWasData = false;
      continue;
    }
    previousWasData = true;
    const outcome = validateRow(cells, line, ctx);
    rejections.push(...outcome.issues);
    const firstError = outcome.issues.find((r) => r.severity === "error");
    if (firstError) {
      account.rejected[firstError.rule] = (account.rejected[firstError.rule] ?? 0) + 1;
      quarantine.push({
        row: line,
        rules: [...new Set(outcome.issues.filter((r) => r.severity === "error").map((r) => r.rule))],
        cells: cellsByHeader(cells, match.columns),
      });
    } else rows.push(outcome.row);
  }
  account.kept = rows.length;
  if (!rows.length && !Object.keys(account.rejected).length)
    throw new InputError(
      `${file}${sheetName !== undefined ? `, feuille « ${sheetName} »` : ""} : en-tête (ligne ${sheet.rowNumbers[location.rowIndex]}) sans aucune ligne de données dessous (règle aucune-ligne).`,
      file,
      "aucune-ligne",
    );

  const headerMap: Record<string, string> = {};
  for (const c of match.columns)
    headerMap[c.header] = c.repeatOf === undefined ? c.field : `${c.field} (colonne répétée)`;
  const parsed = {
    file,
    ...(sheetName !== undefined ? { sheet: sheetName } : {}),
    dataset: schema.id,
    protocol,
    rows,
    rejections,
    account,
    droppedColumns: dropped,
    headerMap,
    ...(observationDate
      ? {
          observationDate,
          observationDateSource: titleDates.observationDate ? "file" : opts.observationDate ? "option" : "path",
        }
      : {}),
    ...(titleDates.lastUpdate ? { lastUpdate: titleDates.lastUpdate } : {}),
    layout: { headerLine: sheet.rowNumbers[location.rowIndex]!, rowsAbove, blankRows },
    notes,
    format: table.format,
    ...(table.encoding ? { encoding: table.encoding } : {}),
    ...(table.separator ? { separator: table.separator } : {}),
  } as ParsedExport;
  Object.defineProperty(parsed, "quarantine", { value: quarantine, enumerable: false });
  return parsed;
}

/**
 * The rows from a second header to the end of the sheet: counted as rejected under their own
 * rule and kept in the private quarantine (the export is deleted once stored), one message.
 * Returns the blank rows among them.
 */
function stackedTable(
  from: number,
  sheet: Sheet,
  ctx: RowContext,
  account: RowAccount,
  rejections: Rejection[],
  quarantine: QuarantinedRow[],
): number {
  const rule = "tableau-empile";
  const count = sheet.rows.length - from;
  let blank = 0;
  for (let i = from + 1; i < sheet.rows.length; i++) blank += sheet.blankBefore[i]!;
  account.read += count - 1;
  account.rejected[rule] = (account.rejected[rule] ?? 0) + count;
  const line = sheet.rowNumbers[from];
  const place = `${ctx.file}${ctx.sheet !== undefined ? `, feuille « ${ctx.sheet} »` : ""}, ligne ${line}`;
  rejections.push({
    file: ctx.file,
    ...(ctx.sheet !== undefined ? { sheet: ctx.sheet } : {}),
    row: line,
    column: "(ligne entière)",
    rule,
    severity: "error",
    message: `${place} : un second tableau commence ici (nouvel en-tête) ; ses ${count} ligne(s) ne sont pas lues comme données du premier (règle ${rule}). Placez-le dans une feuille ou un fichier à part.`,
  });
  for (let i = from; i < sheet.rows.length; i++)
    quarantine.push({ row: sheet.rowNumbers[i], rules: [rule], cells: cellsByHeader(sheet.rows[i], ctx.columns) });
  return blank;
}

/** One warning per cell of a UTF-8 file that held a foreign byte: the analyst checks its accent. */
function strayWarnings(file: string, cells: StrayCell[], headerRow: RawCell[]): Rejection[] {
  const rule = "octet-hors-utf8";
  return cells.map(({ line, column }) => {
    const name = cellText(headerRow[column] ?? null) || `colonne ${columnLetter(column)}`;
    return {
      file,
      row: line,
      column: name,
      rule,
      severity: "warning",
      message: `${file}, ligne ${line}, colonne « ${name} » : octet isolé hors UTF-8, lu en Windows-1252 ; vérifiez l'accent de cette cellule (règle ${rule}).`,
    };
  });
}

/** Columns with data but no header, found in one pass (a copy of the rows per column took minutes on XFD1048576). */
function unheadedColumns(
  rows: RawCell[][],
  headerIndex: number,
  headerRow: RawCell[],
  columns: ColumnMatch[],
): string[] {
  const mapped = new Set(columns.map((c) => c.index));
  const found = new Set<number>();
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < row.length; c++)
      if (!found.has(c) && !mapped.has(c) && isBlank(headerRow[c] ?? null) && !isBlank(row[c])) found.add(c);
  }
  return [...found].sort((a, b) => a - b).map((c) => `colonne ${columnLetter(c)} (sans en-tête)`);
}

function locate(file: string, sheets: Sheet[], opts: ReadExportOptions): HeaderLocation {
  const all = allSchemas();
  const byName = all.find((s) => file.toLowerCase().includes(String(s.id)));
  const wanted = opts.dataset ? getSchema(opts.dataset) : byName;
  if (opts.dataset && !wanted)
    throw new InputError(`${file} : jeu de données « ${opts.dataset} » inconnu.`, file, "jeu-de-donnees-inconnu");
  const best = locateHeader(sheets, all, opts.mapping);
  if (!wanted) {
    if (!best)
      throw new InputError(
        `${file} : aucune ligne d'en-tête reconnue dans les ${40} premières lignes. Vérifiez le fichier ou fournissez un fichier de correspondance des colonnes.`,
        file,
        "en-tete-introuvable",
      );
    return best;
  }
  const own = locateHeader(sheets, [wanted], opts.mapping);
  if (best && best.schema.id !== wanted.id && (!own || best.match.fieldHits > own.match.fieldHits))
    throw new InputError(
      `${file} : ce fichier ressemble à un export « ${best.schema.label} » (${best.schema.id}), pas « ${wanted.label} » (${wanted.id}).`,
      file,
      "jeu-de-donnees-different",
    );
  if (!own)
    throw new InputError(
      `${file} : aucune colonne de « ${wanted.label} » reconnue. Vérifiez le fichier ou fournissez un fichier de correspondance des colonnes.`,
      file,
      "en-tete-introuvable",
    );
  return own;
}

function checkColumns(file: string, schema: DatasetSchema, columns: ColumnMatch[]): 1 | 2 {
  const present = new Set(columns.map((c) => c.field));
  const missing = schema.fields.filter((f) => f.requiredColumn && !present.has(f.name)).map((f) => f.label);
  let protocol: 1 | 2 = 2;
  if (schema.kind === "individual") {
    if (!present.has(S.IDENTIFIER) && present.has(S.IRIS)) protocol = 1;
    else {
      if (!present.has(S.IDENTIFIER)) missing.unshift("identifiant (ou IRIS pour un retour en protocole 1)");
      if (!present.has(S.ADDRESS) && !present.has(S.ADDRESS_STREET) && !present.has(S.COMMUNE_LABEL))
        missing.unshift("adresse");
    }
  } else if (!present.has(S.COMMUNE_LABEL)) missing.unshift("libellé géographique (commune ou département)");
  if (missing.length)
    throw new InputError(
      `${file} : colonne${missing.length > 1 ? "s" : ""} obligatoire${missing.length > 1 ? "s" : ""} absente${missing.length > 1 ? "s" : ""} pour « ${schema.label} » : ${missing.join(", ")}.`,
      file,
      "colonne-obligatoire-absente",
    );
  return protocol;
}

interface RowContext {
  file: string;
  sheet?: string;
  schema: DatasetSchema;
  columns: ColumnMatch[];
  protocol: 1 | 2;
  defaultCommune: string;
  observationDate?: string;
  date1904: boolean;
  knownIris?: ReadonlySet<string>;
}

function isIgnorable(cells: RawCell[], ctx: RowContext): boolean {
  const filled = cells.filter((c) => !isBlank(c));
  if (!filled.length) return true;
  const firstColumns = ctx.columns.filter((c) => c.repeatOf === undefined);
  const mappedFilled = firstColumns.filter((c) => !isBlank(cells[c.index] ?? null));
  if (!mappedFilled.length) return true;
  if (ctx.schema.kind === "aggregate")
    return mappedFilled.every((c) => c.field === S.COMMUNE_LABEL) || TITLE_OR_FOOTER.test(cellText(filled[0]));
  return (
    (filled.length === 1 && typeof filled[0] === "string" && /\s/.test(filled[0].trim())) ||
    TITLE_OR_FOOTER.test(cellText(filled[0]))
  );
}

function validateRow(cells: RawCell[], line: number, ctx: RowContext): { row: ExportRow; issues: Rejection[] } {
  const issues: Rejection[] = [];
  const where = { file: ctx.file, ...(ctx.sheet !== undefined ? { sheet: ctx.sheet } : {}), row: line };
  const place = `${ctx.file}${ctx.sheet !== undefined ? `, feuille « ${ctx.sheet} »` : ""}, ligne ${line}`;
  const issue = (column: string, rule: string, what: string, severity: "error" | "warning" = "error") =>
    issues.push({
      ...where,
      column,
      rule,
      severity,
      message: `${place}, colonne « ${column} » : ${what} (règle ${rule}).`,
    });
  const text = (field: string): string | null => {
    const col = ctx.columns.find((c) => c.field === field && c.repeatOf === undefined);
    const value = col ? cellText(cells[col.index] ?? null) : "";
    return value === "" ? null : value;
  };
  const header = (field: string) => ctx.columns.find((c) => c.field === field)?.header ?? field;

  const fields: Record<string, FieldValue> = {};
  for (const spec of ctx.schema.fields) {
    const cols = ctx.columns.filter((c) => c.field === spec.name);
    if (!cols.length) {
      fields[spec.name] = null;
      continue;
    }
    const [first, ...repeats] = cols;
    const result = parseField(spec, cells[first.index] ?? null, ctx.observationDate, ctx);
    if ("issue" in result) reportIssue(issue, first.header, result.issue);
    else fields[spec.name] = result.value;
    for (const repeat of repeats) {
      const again = parseField(spec, cells[repeat.index] ?? null, ctx.observationDate, ctx);
      if (!("issue" in again) && !("issue" in result) && again.value !== result.value)
        issue(
          repeat.header,
          "colonnes-repetees-discordantes",
          `valeur différente de celle de la colonne « ${first.header} » (la première est retenue)`,
          "warning",
        );
    }
  }
  const fieldErrors = issues.some((i) => i.severity === "error");
  if (!fieldErrors)
    for (const rule of ctx.schema.rowRules ?? [])
      if (rule.violated(fields)) issue(header(rule.column), rule.rule, rule.message, rule.severity);

  const communeLabel = text(S.COMMUNE_LABEL);
  const row: ExportRow = { ...where, identifier: null, address: null, fields };
  if (ctx.schema.kind === "aggregate") {
    row.communeLabel = communeLabel;
    if (!communeLabel)
      issues.unshift(
        locationIssue(
          where,
          place,
          header(S.COMMUNE_LABEL),
          "libelle-geographique-manquant",
          "libellé géographique manquant",
        ),
      );
    return { row, issues };
  }
  row.communeLabel = communeLabel;
  const locationIssues: Rejection[] = [];
  if (ctx.protocol === 1) {
    const iris = text(S.IRIS);
    const irisIssue = checkIris(iris, ctx.knownIris);
    if (irisIssue) locationIssues.push(locationIssue(where, place, header(S.IRIS), ...irisIssue));
    row.iris = iris === null ? null : iris.replace(/\s/g, "");
  } else {
    const identifier = text(S.IDENTIFIER);
    if (identifier === null)
      locationIssues.push(
        locationIssue(where, place, header(S.IDENTIFIER), "identifiant-manquant", "identifiant manquant"),
      );
    row.identifier = identifier;
    row.address = buildAddress(text, communeLabel, ctx.defaultCommune);
    if (!row.address && !communeLabel)
      locationIssues.push(locationIssue(where, place, header(S.ADDRESS), "adresse-manquante", "adresse manquante"));
    const iris = text(S.IRIS);
    const irisIssue = checkIris(iris, ctx.knownIris);
    if (irisIssue) locationIssues.push(locationIssue(where, place, header(S.IRIS), ...irisIssue));
    if (iris !== null) row.iris = iris.replace(/\s/g, "");
  }
  return { row, issues: [...locationIssues, ...issues] };
}

function checkIris(iris: string | null, known: ReadonlySet<string> | undefined): [string, string] | null {
  if (iris === null) return null;
  const code = iris.replace(/\s/g, "");
  if (!/^\d{9}$/.test(code)) return ["iris-invalide", "code IRIS invalide (9 chiffres attendus)"];
  if (known && !known.has(code)) return ["iris-inconnu", "code IRIS absent du référentiel des IRIS"];
  return null;
}

function locationIssue(
  where: { file: string; sheet?: string; row: number },
  place: string,
  column: string,
  rule: string,
  what: string,
): Rejection {
  return {
    ...where,
    column,
    rule,
    severity: "error",
    message: `${place}, colonne « ${column} » : ${what} (règle ${rule}).`,
  };
}

type Issue = (column: string, rule: string, what: string, severity?: "error" | "warning") => void;
function reportIssue(issue: Issue, column: string, found: FieldIssue): void {
  issue(column, found.rule, found.message, found.severity);
}

function buildAddress(
  text: (field: string) => string | null,
  communeLabel: string | null,
  defaultCommune: string,
): RawAddress | null {
  const full = text(S.ADDRESS);
  const number = text(S.ADDRESS_NUMBER);
  const street = [text(S.ADDRESS_STREET_TYPE), text(S.ADDRESS_STREET)].filter(Boolean).join(" ") || null;
  const postcode = text(S.ADDRESS_POSTCODE);
  if (!full && !street) return null;
  const address: RawAddress = {};
  if (full) address.full = full;
  if (number) address.number = number;
  if (street) address.street = street;
  if (postcode) address.postcode = postcode;
  if (communeLabel) address.commune = communeLabel;
  const statesPostcode = postcode !== null || (full !== null && /\b\d{5}\b/.test(full));
  if (!statesPostcode && !communeLabel) address.commune = defaultCommune;
  return address;
}

/** Only the columns of the schema: dropped columns (NOM, NIR...) are not kept, even in quarantine. */
function cellsByHeader(cells: RawCell[], columns: ColumnMatch[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of columns) {
    const cell = cells[c.index] ?? null;
    if (!isBlank(cell)) out[c.header] = cellText(cell);
  }
  return out;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * A mapping file may sit beside the export (<name>.correspondance.json), so that the build
 * reads a partner's unusual headers the way the analyst told it to.
 */
function mappingBeside(path: string, file: string): Record<string, string> | undefined {
  const mappingPath = path.slice(0, path.length - extname(path).length) + ".correspondance.json";
  if (!existsSync(mappingPath)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(mappingPath, "utf8"));
  } catch {
    data = null;
  }
  if (
    !data ||
    typeof data !== "object" ||
    Array.isArray(data) ||
    Object.values(data).some((v) => typeof v !== "string")
  )
    throw new InputError(
      `${file} : fichier de correspondance ${basename(mappingPath)} invalide (JSON attendu : { "en-tête du fichier": "champ" }).`,
      file,
      "correspondance-invalide",
    );
  return data as Record<string, string>;
}

/** data/exports/2015/x.xlsx -> 2015-12-31: the convention asks for data at 31 December. */
function yearFromPath(path: string): string | undefined {
  const m = /(?:^|[\\/])((?:19|20)\d\d)[\\/]/.exec(path);
  return m ? `${m[1]}-12-31` : undefined;
}
