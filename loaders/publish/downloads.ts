/**
 * The downloads of the site, written at build time, one pair per visual holding that visual's
 * data only (a map: its IRIS; an evolution: the commune and the département; a comparison:
 * every level):
 * - XLSX in wide layout (zones × years, the categories beside the totals), one sheet per
 *   indicator, each opening with its header block (download-header.ts): what a partner
 *   reopens in a spreadsheet;
 * - the tidy long CSV (UTF-8 with BOM, `;`, decimal comma: what French Excel opens directly),
 *   the header block once above the table rather than the source on every row.
 * Secret cells read "s"; text cells a spreadsheet would run as a formula are neutralised.
 */
import ExcelJS from "exceljs";
import type { PublishedCell } from "../contracts.ts";
import { indicatorById } from "../indicators/catalogue.ts";
import { formatCsv } from "../common/csv-write.ts";
import { neutraliseCell } from "../security/spreadsheet-safe.ts";
import { headerBlock, sourceLinesOf, unitWords, type IndicatorYearEdition } from "./download-header.ts";
import type { VisualDefinition, VisualKind } from "./visuals.ts";

/** What a download needs to know about an indicator and year (catalogue.json's shape). */
export interface DownloadIndicator {
  label: string;
  definition?: string;
  unit: string;
  /** The unit in words, when the kind of unit does not say it (download-header.ts). */
  unitLabel?: string;
  editions: Record<number, IndicatorYearEdition>;
}

export interface DownloadInput {
  visual: VisualDefinition;
  cells: readonly PublishedCell[];
  indicators: Record<string, DownloadIndicator>;
  /** Zone names by code (IRIS, communes, département). */
  zoneNames: ReadonlyMap<string, string>;
  /** The observatory's commune: the only commune a visual other than a map of communes shows. */
  commune?: string;
}

/** Columns of the long table. */
export const HEADER = [
  "Indicateur",
  "Libellé",
  "Année",
  "Niveau",
  "Code",
  "Zone",
  "Ventilation",
  "Catégorie",
  "Valeur",
  "Unité",
] as const;

const LEVELS: Record<string, string> = {
  iris: "IRIS",
  arrondissement: "Arrondissement",
  commune: "Commune",
  departement: "Département",
};
const LEVEL_ORDER = ["iris", "arrondissement", "commune", "departement"];

/** The levels a visual draws: its download holds those and nothing else. */
const LEVELS_SHOWN: Partial<Record<VisualKind, string[]>> = {
  // Marseille's IRIS map also draws its arrondissements (a choice of level).
  "iris-map": ["iris", "arrondissement"],
  "commune-map": ["commune"],
  evolution: ["commune", "departement"],
};

/** A secret cell reads "s" (the usual mark of French statistical tables); n.a. stays empty. */
export const SECRET_MARK = "s";

/**
 * The published cells the visual shows, in reading order. Only a map of communes shows the
 * other communes of the département: an evolution, a comparison or a table shows the
 * observatory's commune (its download held all 119 communes of the département).
 */
export function visualCells(input: DownloadInput): PublishedCell[] {
  const order = input.visual.indicators;
  const levels = LEVELS_SHOWN[input.visual.kind];
  const communeShown = (c: PublishedCell) =>
    c.level !== "commune" || input.visual.kind === "commune-map" || !input.commune || c.code === input.commune;
  return input.cells
    .filter((c) => order.includes(c.indicator) && (!levels || levels.includes(c.level)) && communeShown(c))
    .sort(
      (a, b) =>
        order.indexOf(a.indicator) - order.indexOf(b.indicator) ||
        a.year - b.year ||
        LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) ||
        a.code.localeCompare(b.code) ||
        a.breakdown.localeCompare(b.breakdown) ||
        a.category.localeCompare(b.category),
    );
}

/** French labels of a breakdown and its category, from the indicator catalogue. */
export function categoryText(indicator: string, breakdown: string, category: string): [string, string] {
  if (!breakdown) return ["", ""];
  const definition = indicatorById(indicator)?.breakdowns.find((b) => b.id === breakdown);
  const label = definition?.categories.find((c) => c.id === category)?.label;
  return [definition?.label ?? breakdown, label ?? (category === "unknown" ? "Non renseigné" : category)];
}

const cellValue = (c: PublishedCell) => (c.secret ? SECRET_MARK : c.value);

/** Rows of the long table: one per published cell the visual shows. */
export function downloadRows(input: DownloadInput): (string | number | null)[][] {
  return visualCells(input).map((c) => [
    c.indicator,
    input.indicators[c.indicator]?.label ?? c.indicator,
    c.year,
    LEVELS[c.level] ?? c.level,
    c.code,
    input.zoneNames.get(c.code) ?? "",
    ...categoryText(c.indicator, c.breakdown, c.category),
    cellValue(c),
    unitWords(input.indicators[c.indicator], c.unit),
  ]);
}

/** The distinct source lines of a download, with their dates. */
export function downloadSources(input: DownloadInput): string[] {
  return [...new Set(input.visual.indicators.flatMap((id) => sourceLinesOf(input.indicators[id]?.editions ?? {})))];
}

function visualHeader(input: DownloadInput, indicators: readonly string[]): [string, string][] {
  return headerBlock({
    title: input.visual.title,
    indicators: indicators.flatMap((id) => (input.indicators[id] ? [input.indicators[id]] : [])),
    sources: indicators.flatMap((id) => sourceLinesOf(input.indicators[id]?.editions ?? {})),
  });
}

const csvNumber = new Intl.NumberFormat("fr-FR", { useGrouping: false, maximumFractionDigits: 6 });

/** CSV for French spreadsheets: BOM, `;`, CRLF, decimal comma; the header block, a blank line, the table. */
export function downloadCsv(input: DownloadInput): string {
  const rows: (string | number | null)[][] = [
    ...visualHeader(input, input.visual.indicators),
    [],
    [...HEADER],
    ...downloadRows(input),
  ];
  return formatCsv(rows, { formatNumber: (n) => csvNumber.format(n) });
}

/** Column of the wide layout: the total of a year, or one category of a year. */
interface WideColumn {
  key: string;
  label: string;
}

/** Zones × years (categories beside the totals) of one indicator. */
export function wideTable(
  input: DownloadInput,
  indicator: string,
): { columns: WideColumn[]; rows: { level: string; code: string; values: Map<string, string | number | null> }[] } {
  const cells = visualCells(input).filter((c) => c.indicator === indicator);
  const columns = new Map<string, WideColumn & { order: string }>();
  const rows = new Map<string, { level: string; code: string; values: Map<string, string | number | null> }>();
  for (const c of cells) {
    const key = `${c.breakdown}|${c.category}|${c.year}`;
    if (!columns.has(key)) {
      const [breakdown, category] = categoryText(c.indicator, c.breakdown, c.category);
      const label = c.breakdown ? `${c.year} — ${breakdown} : ${category}` : String(c.year);
      // Totals first, year by year; then each breakdown's categories.
      columns.set(key, { key, label, order: `${c.breakdown ? 1 : 0}|${c.breakdown}|${c.category}|${c.year}` });
    }
    const zone = `${c.level}|${c.code}`;
    const row = rows.get(zone) ?? { level: c.level, code: c.code, values: new Map() };
    row.values.set(key, cellValue(c));
    rows.set(zone, row);
  }
  return {
    columns: [...columns.values()].sort((a, b) => a.order.localeCompare(b.order)),
    rows: [...rows.values()],
  };
}

/** A sheet name Excel accepts (31 characters, none of \ / ? * [ ] :), unique in the workbook. */
function sheetName(label: string, taken: Set<string>): string {
  const clean = label
    .replace(/[\\/?*[\]:]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  let name = clean.slice(0, 31).trim();
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${clean.slice(0, 27).trim()} (${i})`;
  taken.add(name.toLowerCase());
  return name;
}

/** XLSX, wide layout: one sheet per indicator, its header block above its zones × years table. */
export async function downloadXlsx(input: DownloadInput): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Observatoire ABS";
  // A fixed date keeps the file reproducible from one build to the next.
  workbook.created = workbook.modified = new Date("2020-01-01T00:00:00Z");
  const taken = new Set<string>();
  for (const indicator of input.visual.indicators) {
    const { columns, rows } = wideTable(input, indicator);
    if (rows.length === 0) continue;
    const sheet = workbook.addWorksheet(sheetName(input.indicators[indicator]?.label ?? indicator, taken));
    addTable(sheet, visualHeader(input, [indicator]), [
      ["Niveau", "Code", "Zone", ...columns.map((c) => c.label)],
      ...rows.map((r) => [
        LEVELS[r.level] ?? r.level,
        r.code,
        input.zoneNames.get(r.code) ?? "",
        ...columns.map((c) => r.values.get(c.key) ?? null),
      ]),
    ]);
    sheet.getColumn(3).width = 32;
  }
  // A workbook needs a sheet: a visual with nothing published still says what it is.
  if (taken.size === 0)
    addTable(workbook.addWorksheet("Données"), visualHeader(input, input.visual.indicators), [
      ["Aucune donnée publiée pour ce visuel."],
    ]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * A header block, a blank row, then a table whose first row is its header (bold, frozen).
 * Every text cell is neutralised: exceljs writes strings as strings, and the apostrophe also
 * keeps them text once the sheet is re-saved as CSV. Shared with the explorer's XLSX.
 */
export function addTable(
  sheet: ExcelJS.Worksheet,
  header: readonly (readonly [string, string])[],
  table: readonly (readonly (string | number | null)[])[],
): void {
  for (const [field, text] of header) {
    const row = sheet.addRow([field, text].map((v) => neutraliseCell(v)));
    row.getCell(1).font = { bold: true };
  }
  sheet.addRow([]);
  table.forEach((values, i) => {
    const row = sheet.addRow(values.map((v) => (typeof v === "string" ? neutraliseCell(v) : v)));
    if (i === 0) row.font = { bold: true };
  });
  sheet.views = [{ state: "frozen", ySplit: header.length + 2 }];
  sheet.getColumn(1).width = 14;
  sheet.getColumn(2).width = 14;
}

/** The zip members of every download: telechargements/<visual>.csv and .xlsx. */
export async function downloadMembers(
  visuals: readonly VisualDefinition[],
  cells: readonly PublishedCell[],
  indicators: Record<string, DownloadIndicator>,
  zoneNames: ReadonlyMap<string, string>,
  { commune }: { commune?: string } = {},
): Promise<Map<string, Uint8Array | string>> {
  const members = new Map<string, Uint8Array | string>();
  for (const visual of visuals) {
    const input = { visual, cells, indicators, zoneNames, commune };
    members.set(`telechargements/${visual.id}.csv`, downloadCsv(input));
    members.set(`telechargements/${visual.id}.xlsx`, await downloadXlsx(input));
  }
  return members;
}
