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
import { HEADER_SEARCH_ROWS, locateHeader, type HeaderLocation } from "./locate-header.ts";
import { readObservatoryConfig } from "../config.ts";
import { plainUpper } from "../common/plain-text.ts";
import { suspiciousMappings, type ColumnMatch } from "./match-headers.ts";
import { openTable, sheetHead, type Sheet, type StrayCell } from "./read-table.ts";
import { describeEncoding } from "./decode-text.ts";
import { RejectionLog, type RejectionCounts } from "./rejection-log.ts";
import { isFooterText, isTitleRow, tableEnd } from "./table-end.ts";
import type { DatasetSchema, FieldSpec } from "./schema.ts";
import * as S from "./schemas/structural.ts";
import { datesFromTitleRows } from "./title-dates.ts";
import { cellText, isBlank, type RawCell } from "./parse-value.ts";
import { parseField } from "./parse-field.ts";
import { isHeaderMapping, MAPPING_SHAPE } from "./mapping-file.ts";

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
  /** A second table under the first: where it starts, its filled and blank rows, outside the account. */
  stackedTable?: { line: number; rows: number; blankRows: number };
}

/** The lines the account does not count, in one French sentence: every line of the file is told. */
export function describeLayout(layout: ExportLayout): string {
  const stacked = layout.stackedTable
    ? `, second tableau à partir de la ligne ${layout.stackedTable.line} (${layout.stackedTable.rows} ligne(s) remplie(s) et ${layout.stackedTable.blankRows} vide(s), non lues ; règle tableau-empile)`
    : "";
  return `hors bilan : en-tête ligne ${layout.headerLine}, ${layout.rowsAbove} ligne(s) au-dessus (titres ou vides), ${layout.blankRows} ligne(s) vide(s) dessous${stacked}.`;
}

/** A rejected row with its cells, for the private quarantine only (never printed). */
export interface QuarantinedRow {
  row: number;
  rules: string[];
  cells: Record<string, string>;
  /** Every rule the row breaks, by column (kept here: the file's messages are bounded). */
  problems: { column: string; rule: string; severity: "error" | "warning" }[];
}

export interface ParsedExport {
  file: string;
  sheet?: string;
  dataset: DatasetId;
  protocol: 1 | 2;
  /** Valid rows only. */
  rows: ExportRow[];
  /** The first rejections with their message (REJECTIONS_KEPT per severity). */
  rejections: Rejection[];
  /** Every rejection counted, by rule and column: what the messages group. */
  rejectionCounts: RejectionCounts;
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

export async function readExport(path: string, opts: ReadExportOptions = {}): Promise<ParsedExport> {
  const file = basename(path);
  opts = { ...opts, mapping: opts.mapping ?? mappingBeside(path, file) };
  const source = await openTable(path);
  const named = source.sheets.flatMap((s, i) => (!opts.sheet || s.name === opts.sheet ? [i] : []));
  if (!named.length)
    throw new InputError(`${file} : feuille « ${opts.sheet} » absente du classeur.`, file, "feuille-absente");
  // The header is looked for in the first rows of each sheet: only those are read twice.
  const heads = await Promise.all(named.map((i) => sheetHead(source, i, HEADER_SEARCH_ROWS)));
  if (heads.every((s) => s.rows.length === 0))
    throw new InputError(`${file} : le fichier est vide.`, file, "fichier-vide");

  const notes: string[] = [];
  const { location, sheets } = chooseSheet(file, heads, opts.sheet !== undefined, (s) => locate(file, s, opts), notes);
  const head = sheets[location.sheetIndex]!;
  const sheetIndex = named[heads.indexOf(head)]!;
  const { schema, match } = location;
  const protocol = checkColumns(file, schema, match.columns);
  notes.push(...suspiciousMappings(match, file, schema));
  const encodingNote = source.encodingDecision ? describeEncoding(source.encodingDecision) : null;
  if (encodingNote) notes.push(encodingNote);
  if (source.date1904)
    notes.push("classeur au calendrier 1904 (Excel pour Mac ancien) : dates lues dans ce calendrier.");
  const sheetName = source.format === "xlsx" ? head.name : undefined;
  const titleDates = datesFromTitleRows(head.rows.slice(0, location.rowIndex));
  const observationDate = titleDates.observationDate ?? opts.observationDate ?? yearFromPath(path);

  const headerRow = head.rows[location.rowIndex]!;
  const unheaded = new UnheadedColumns(headerRow, match.columns);

  // "lues" are the rows under the header that hold something: the title block, the header and
  // blank rows are not rows of the export, and are said apart (layout) so that every line is told.
  let rowsAbove = 0;
  let blankRows = 0;
  for (let i = 0; i <= location.rowIndex; i++) rowsAbove += head.blankBefore[i]! + (i < location.rowIndex ? 1 : 0);
  const account: RowAccount = { read: 0, kept: 0, rejected: {}, duplicates: 0, ignored: 0, notGeocoded: 0 };
  const rows: ExportRow[] = [];
  const log = new RejectionLog();
  const quarantine: QuarantinedRow[] = [];
  const ctx = rowPlan({
    file,
    sheet: sheetName,
    schema,
    columns: match.columns,
    protocol,
    // The configured commune, written as partners write it ("SALON DE PROVENCE").
    defaultCommune: opts.defaultCommune ?? plainUpper(readObservatoryConfig().territory.communeName),
    observationDate,
    date1904: source.date1904 ?? false,
    ...(opts.knownIris ? { knownIris: opts.knownIris } : {}),
  });
  const end = tableEnd(headerRow, schema);
  let stacked: StackedTable | undefined;

  // Rows are validated as they are read: memory holds the kept rows, not the file.
  let index = -1;
  for await (const { cells, line, blankBefore } of source.rows(sheetIndex)) {
    if (++index <= location.rowIndex) continue;
    if (stacked) {
      stacked.rows++;
      stacked.blank += blankBefore;
      quarantine.push({ row: line, rules: [STACKED_RULE], cells: cellsByHeader(cells, match.columns), problems: [] });
      continue;
    }
    const kind = end.classify(cells, blankBefore);
    if (kind === "second-table") {
      stacked = { line, rows: 1, blank: 0 };
      blankRows += blankBefore;
      quarantine.push({ row: line, rules: [STACKED_RULE], cells: cellsByHeader(cells, match.columns), problems: [] });
      continue;
    }
    account.read++;
    blankRows += blankBefore;
    unheaded.see(cells);
    if (kind === "repeated-header" || isIgnorable(cells, ctx)) {
      account.ignored++;
      end.ignored();
      continue;
    }
    const outcome = validateRow(cells, line, ctx);
    log.add(outcome.issues);
    const errors = outcome.issues.filter(isError);
    if (errors.length) {
      account.rejected[errors[0]!.rule] = (account.rejected[errors[0]!.rule] ?? 0) + 1;
      quarantine.push({
        row: line,
        rules: [...new Set(errors.map((r) => r.rule))],
        cells: cellsByHeader(cells, match.columns),
        problems: outcome.issues.map((r) => ({ column: r.column, rule: r.rule, severity: r.severity })),
      });
    } else rows.push(outcome.row);
  }
  if (source.strayCells.length) log.addFirst(strayWarnings(file, source.strayCells, headerRow), source.strayCellsMore);
  if (stacked) {
    log.add([stackedTableRejection(ctx, stacked)]);
    notes.push(
      `un second tableau commence ligne ${stacked.line} (nouvel en-tête) : ses ${stacked.rows} ligne(s) ne sont ni lues ni comptées comme données du premier (règle ${STACKED_RULE}) ; elles sont gardées dans la quarantaine privée.`,
    );
  }
  account.kept = rows.length;
  if (!rows.length && !Object.keys(account.rejected).length)
    throw new InputError(
      `${file}${sheetName !== undefined ? `, feuille « ${sheetName} »` : ""} : en-tête (ligne ${head.rowNumbers[location.rowIndex]}) sans aucune ligne de données dessous (règle aucune-ligne).`,
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
    rejections: log.kept,
    rejectionCounts: log.counts(),
    account,
    droppedColumns: [...match.dropped, ...unheaded.names()],
    headerMap,
    ...(observationDate
      ? {
          observationDate,
          observationDateSource: titleDates.observationDate ? "file" : opts.observationDate ? "option" : "path",
        }
      : {}),
    ...(titleDates.lastUpdate ? { lastUpdate: titleDates.lastUpdate } : {}),
    layout: {
      headerLine: head.rowNumbers[location.rowIndex]!,
      rowsAbove,
      blankRows,
      ...(stacked ? { stackedTable: { line: stacked.line, rows: stacked.rows, blankRows: stacked.blank } } : {}),
    },
    notes,
    format: source.format,
    ...(source.encoding ? { encoding: source.encoding } : {}),
    ...(source.separator ? { separator: source.separator } : {}),
  } as ParsedExport;
  Object.defineProperty(parsed, "quarantine", { value: quarantine, enumerable: false });
  return parsed;
}

const STACKED_RULE = "tableau-empile";

const isError = (r: Rejection) => r.severity === "error";

interface StackedTable {
  line: number;
  /** Filled rows from the second header to the end of the sheet. */
  rows: number;
  blank: number;
}

/** The second table, in one message naming its first row. */
function stackedTableRejection(ctx: RowContext, stacked: StackedTable): Rejection {
  const place = `${ctx.file}${ctx.sheet !== undefined ? `, feuille « ${ctx.sheet} »` : ""}, ligne ${stacked.line}`;
  const reason = `un second tableau commence ici (nouvel en-tête) ; ses ${stacked.rows} ligne(s) ne sont pas lues comme données du premier ni comptées dans les lignes lues. Placez-le dans une feuille ou un fichier à part`;
  return {
    file: ctx.file,
    ...(ctx.sheet !== undefined ? { sheet: ctx.sheet } : {}),
    row: stacked.line,
    column: "(ligne entière)",
    rule: STACKED_RULE,
    severity: "error",
    reason,
    message: `${place} : ${reason} (règle ${STACKED_RULE}).`,
  };
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
      reason: "octet isolé hors UTF-8, lu en Windows-1252 ; vérifiez l'accent de cette cellule",
      message: `${file}, ligne ${line}, colonne « ${name} » : octet isolé hors UTF-8, lu en Windows-1252 ; vérifiez l'accent de cette cellule (règle ${rule}).`,
    };
  });
}

/** Columns with data but no header, found as rows pass (a copy of the rows per column took minutes on XFD1048576). */
class UnheadedColumns {
  private readonly found = new Set<number>();
  private readonly mapped: Set<number>;
  constructor(
    private readonly headerRow: RawCell[],
    columns: ColumnMatch[],
  ) {
    this.mapped = new Set(columns.map((c) => c.index));
  }
  see(row: RawCell[]): void {
    for (let c = 0; c < row.length; c++)
      if (!this.found.has(c) && !this.mapped.has(c) && isBlank(this.headerRow[c] ?? null) && !isBlank(row[c] ?? null))
        this.found.add(c);
  }
  names(): string[] {
    return [...this.found].sort((a, b) => a - b).map((c) => `colonne ${columnLetter(c)} (sans en-tête)`);
  }
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

/** A schema field and the columns it is read from: the first one, then the repeated ones. */
interface FieldColumns {
  spec: FieldSpec;
  first?: ColumnMatch;
  repeats: ColumnMatch[];
}

/**
 * What every row needs of the context, worked out once per file rather than once per row
 * (the columns of each field, the header named in messages): a year's exports at ten times
 * the département's volume are 760,000 rows.
 */
interface RowPlan extends RowContext {
  fieldColumns: FieldColumns[];
  /** Field -> index of its first column. */
  firstIndex: Map<string, number>;
  /** Field -> the header named in its messages. */
  headerOf: Map<string, string>;
  firstColumns: ColumnMatch[];
  /** "file, feuille « … »": the start of every message of the file. */
  placePrefix: string;
}

function rowPlan(ctx: RowContext): RowPlan {
  const firstColumns = ctx.columns.filter((c) => c.repeatOf === undefined);
  const firstIndex = new Map<string, number>();
  for (const c of firstColumns) if (!firstIndex.has(c.field)) firstIndex.set(c.field, c.index);
  const headerOf = new Map<string, string>();
  for (const c of ctx.columns) if (!headerOf.has(c.field)) headerOf.set(c.field, c.header);
  const fieldColumns = ctx.schema.fields.map((spec) => {
    const [first, ...repeats] = ctx.columns.filter((c) => c.field === spec.name);
    return { spec, ...(first ? { first } : {}), repeats };
  });
  const placePrefix = `${ctx.file}${ctx.sheet !== undefined ? `, feuille « ${ctx.sheet} »` : ""}`;
  return { ...ctx, fieldColumns, firstIndex, headerOf, firstColumns, placePrefix };
}

function isIgnorable(cells: RawCell[], ctx: RowPlan): boolean {
  let firstFilled: RawCell = null;
  for (const c of cells)
    if (!isBlank(c)) {
      firstFilled = c;
      break;
    }
  if (firstFilled === null) return true;
  let mapped = 0;
  let communeOnly = true;
  for (const c of ctx.firstColumns)
    if (!isBlank(cells[c.index] ?? null)) {
      mapped++;
      if (c.field !== S.COMMUNE_LABEL) communeOnly = false;
    }
  if (!mapped) return true;
  if (ctx.schema.kind === "aggregate") return communeOnly || isFooterText(cellText(firstFilled));
  return isTitleRow(cells);
}

/**
 * The issues of one row, with the place their messages name. A class and not closures made
 * per row: tsx names every function it creates (esbuild's keepNames), which costs about a
 * microsecond per closure, and a year of exports at ten times the département is 760,000 rows.
 */
class RowIssues {
  readonly list: Rejection[] = [];
  private placeText: string | undefined;
  constructor(
    private readonly ctx: RowPlan,
    readonly where: { file: string; sheet?: string; row: number },
  ) {}
  /** Written only for rows that have an issue: most have none. */
  place(): string {
    return (this.placeText ??= `${this.ctx.placePrefix}, ligne ${this.where.row}`);
  }
  add(column: string, rule: string, what: string, severity: "error" | "warning" = "error"): void {
    this.list.push({
      ...this.where,
      column,
      rule,
      severity,
      reason: what,
      message: `${this.place()}, colonne « ${column} » : ${what} (règle ${rule}).`,
    });
  }
  hasError(): boolean {
    for (const i of this.list) if (i.severity === "error") return true;
    return false;
  }
}

/** The text of a field's first column, or null when it is blank or not in the file. */
function fieldText(cells: RawCell[], ctx: RowPlan, field: string): string | null {
  const index = ctx.firstIndex.get(field);
  const value = index === undefined ? "" : cellText(cells[index] ?? null);
  return value === "" ? null : value;
}

const headerOf = (ctx: RowPlan, field: string) => ctx.headerOf.get(field) ?? field;

function validateRow(cells: RawCell[], line: number, ctx: RowPlan): { row: ExportRow; issues: Rejection[] } {
  const where = { file: ctx.file, ...(ctx.sheet !== undefined ? { sheet: ctx.sheet } : {}), row: line };
  const issues = new RowIssues(ctx, where);
  const fields: Record<string, FieldValue> = {};
  for (const { spec, first, repeats } of ctx.fieldColumns) {
    if (!first) {
      fields[spec.name] = null;
      continue;
    }
    const result = parseField(spec, cells[first.index] ?? null, ctx.observationDate, ctx);
    if ("issue" in result) issues.add(first.header, result.issue.rule, result.issue.message, result.issue.severity);
    else fields[spec.name] = result.value;
    for (const repeat of repeats) {
      const again = parseField(spec, cells[repeat.index] ?? null, ctx.observationDate, ctx);
      if (!("issue" in again) && !("issue" in result) && again.value !== result.value)
        issues.add(
          repeat.header,
          "colonnes-repetees-discordantes",
          `valeur différente de celle de la colonne « ${first.header} » (la première est retenue)`,
          "warning",
        );
    }
  }
  if (!issues.hasError())
    for (const rule of ctx.schema.rowRules ?? [])
      if (rule.violated(fields)) issues.add(headerOf(ctx, rule.column), rule.rule, rule.message, rule.severity);

  const communeLabel = fieldText(cells, ctx, S.COMMUNE_LABEL);
  if (ctx.schema.kind === "aggregate") {
    if (!communeLabel)
      issues.list.unshift(
        locationIssue(
          where,
          issues.place(),
          headerOf(ctx, S.COMMUNE_LABEL),
          "libelle-geographique-manquant",
          "libellé géographique manquant",
        ),
      );
    return { row: exportRow(where, null, null, fields, communeLabel), issues: issues.list };
  }
  const locationIssues: Rejection[] = [];
  const iris = fieldText(cells, ctx, S.IRIS);
  const irisIssue = checkIris(iris, ctx.knownIris);
  let identifier: string | null = null;
  let address: RawAddress | null = null;
  if (ctx.protocol === 2) {
    identifier = fieldText(cells, ctx, S.IDENTIFIER);
    if (identifier === null)
      locationIssues.push(
        locationIssue(
          where,
          issues.place(),
          headerOf(ctx, S.IDENTIFIER),
          "identifiant-manquant",
          "identifiant manquant",
        ),
      );
    address = buildAddress(cells, ctx, communeLabel);
    if (!address && !communeLabel)
      locationIssues.push(
        locationIssue(where, issues.place(), headerOf(ctx, S.ADDRESS), "adresse-manquante", "adresse manquante"),
      );
  }
  if (irisIssue) locationIssues.push(locationIssue(where, issues.place(), headerOf(ctx, S.IRIS), ...irisIssue));
  const row = exportRow(where, identifier, address, fields, communeLabel);
  if (ctx.protocol === 1) row.iris = iris === null ? null : iris.replace(/\s/g, "");
  else if (iris !== null) row.iris = iris.replace(/\s/g, "");
  return { row, issues: locationIssues.length ? [...locationIssues, ...issues.list] : issues.list };
}

/**
 * A row written as one literal, its keys in their usual order: spreading the row's place into
 * it and adding keys afterwards took half of validateRow's time on 400,000 rows.
 */
function exportRow(
  where: { file: string; sheet?: string; row: number },
  identifier: string | null,
  address: RawAddress | null,
  fields: Record<string, FieldValue>,
  communeLabel: string | null,
): ExportRow {
  return where.sheet !== undefined
    ? { file: where.file, sheet: where.sheet, row: where.row, identifier, address, fields, communeLabel }
    : { file: where.file, row: where.row, identifier, address, fields, communeLabel };
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
    reason: what,
    message: `${place}, colonne « ${column} » : ${what} (règle ${rule}).`,
  };
}

function buildAddress(cells: RawCell[], ctx: RowPlan, communeLabel: string | null): RawAddress | null {
  const full = fieldText(cells, ctx, S.ADDRESS);
  const number = fieldText(cells, ctx, S.ADDRESS_NUMBER);
  const streetType = fieldText(cells, ctx, S.ADDRESS_STREET_TYPE);
  const streetName = fieldText(cells, ctx, S.ADDRESS_STREET);
  const street = streetType && streetName ? `${streetType} ${streetName}` : (streetType ?? streetName);
  const postcode = fieldText(cells, ctx, S.ADDRESS_POSTCODE);
  if (!full && !street) return null;
  const address: RawAddress = {};
  if (full) address.full = full;
  if (number) address.number = number;
  if (street) address.street = street;
  if (postcode) address.postcode = postcode;
  if (communeLabel) address.commune = communeLabel;
  const statesPostcode = postcode !== null || (full !== null && /\b\d{5}\b/.test(full));
  if (!statesPostcode && !communeLabel) address.commune = ctx.defaultCommune;
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
  if (!isHeaderMapping(data))
    throw new InputError(
      `${file} : fichier de correspondance ${basename(mappingPath)} invalide ${MAPPING_SHAPE}.`,
      file,
      "correspondance-invalide",
    );
  return data;
}

/** data/exports/2015/x.xlsx -> 2015-12-31: the convention asks for data at 31 December. */
function yearFromPath(path: string): string | undefined {
  const m = /(?:^|[\\/])((?:19|20)\d\d)[\\/]/.exec(path);
  return m ? `${m[1]}-12-31` : undefined;
}
