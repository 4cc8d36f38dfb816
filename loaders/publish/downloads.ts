/**
 * The downloads of the site: for each visual, the published cells of its indicators as CSV
 * (UTF-8 with BOM, `;`, decimal comma: what French Excel opens directly) and XLSX (exceljs),
 * written at build time. Every row carries its source line and dates (Articles 6 and 7), secret
 * cells read "s", and text cells that a spreadsheet would run as a formula are neutralised.
 */
import { csvField, neutralizeFormula } from "../common/csv-write.ts";
import ExcelJS from "exceljs";
import type { PublishedCell } from "../contracts.ts";
import type { VisualDefinition } from "./visuals.ts";

/** Kept here too: the downloads were the first to need it. */
export { neutralizeFormula };

/** What a download needs to know about an indicator and year (catalogue.json's shape). */
export interface DownloadIndicator {
  label: string;
  unit: string;
  editions: Record<number, { sources: string[]; observationDate: string | null; lastUpdate: string | null }>;
}

export interface DownloadInput {
  visual: VisualDefinition;
  cells: readonly PublishedCell[];
  indicators: Record<string, DownloadIndicator>;
  /** Zone names by code (IRIS, communes, département). */
  zoneNames: ReadonlyMap<string, string>;
}

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
  "Source",
  "Données au",
  "Mise à jour",
] as const;

const LEVELS: Record<string, string> = { iris: "IRIS", commune: "Commune", departement: "Département" };
const UNITS: Record<string, string> = {
  count: "effectif",
  amount: "effectif (places ou enfants)",
  rate: "taux",
  share: "part (%)",
  evolution: "évolution (%)",
};

/** A secret cell reads "s" (the usual mark of French statistical tables); n.a. stays empty. */
export const SECRET_MARK = "s";

/** Rows of a download: one per published cell of the visual's indicators, every year. */
export function downloadRows(input: DownloadInput): (string | number | null)[][] {
  const wanted = new Set(input.visual.indicators);
  const cells = input.cells
    .filter((c) => wanted.has(c.indicator))
    .sort(
      (a, b) =>
        input.visual.indicators.indexOf(a.indicator) - input.visual.indicators.indexOf(b.indicator) ||
        a.year - b.year ||
        levelOrder(a.level) - levelOrder(b.level) ||
        a.code.localeCompare(b.code) ||
        a.breakdown.localeCompare(b.breakdown) ||
        a.category.localeCompare(b.category),
    );
  return cells.map((c) => {
    const indicator = input.indicators[c.indicator];
    const edition = indicator?.editions[c.year];
    return [
      c.indicator,
      indicator?.label ?? c.indicator,
      c.year,
      LEVELS[c.level] ?? c.level,
      c.code,
      input.zoneNames.get(c.code) ?? "",
      c.breakdown,
      c.category,
      c.secret ? SECRET_MARK : c.value,
      UNITS[c.unit] ?? c.unit,
      edition?.sources.join(" ; ") ?? "",
      edition?.observationDate ?? "",
      edition?.lastUpdate ?? "",
    ];
  });
}

/** The distinct source lines of a download, for the file's heading. */
export function downloadSources(input: DownloadInput): string[] {
  const lines = new Set<string>();
  for (const id of input.visual.indicators) {
    const indicator = input.indicators[id];
    for (const [year, edition] of Object.entries(indicator?.editions ?? {})) {
      const dates = [
        `données au ${edition.observationDate ?? "date non précisée"}`,
        ...(edition.lastUpdate ? [`mise à jour du ${edition.lastUpdate}`] : []),
      ];
      lines.add(`${year} : ${edition.sources.join(" ; ")} (${dates.join(", ")})`);
    }
  }
  return [...lines];
}

const csvNumber = new Intl.NumberFormat("fr-FR", { useGrouping: false, maximumFractionDigits: 6 });

/** CSV for French spreadsheets: BOM, `;`, CRLF, decimal comma. */
export function downloadCsv(input: DownloadInput): string {
  const lines = [HEADER as readonly (string | number | null)[], ...downloadRows(input)].map((row) =>
    row.map((v) => csvField(v, { formatNumber: (n) => csvNumber.format(n) })).join(";"),
  );
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** XLSX: a data sheet (text cells always written as text, never as formulas) and a sources sheet. */
export async function downloadXlsx(input: DownloadInput): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Observatoire ABS";
  // A fixed date keeps the file reproducible from one build to the next.
  workbook.created = workbook.modified = new Date("2020-01-01T00:00:00Z");
  const data = workbook.addWorksheet("Données");
  data.addRow([...HEADER]).font = { bold: true };
  for (const row of downloadRows(input)) {
    // exceljs writes a string as a string cell; the apostrophe also keeps it text once re-saved as CSV.
    data.addRow(row.map((v) => (typeof v === "string" ? neutralizeFormula(v) : v)));
  }
  data.views = [{ state: "frozen", ySplit: 1 }];
  const sources = workbook.addWorksheet("Sources");
  sources.addRow([neutralizeFormula(input.visual.title)]).font = { bold: true };
  for (const line of downloadSources(input)) sources.addRow([neutralizeFormula(line)]);
  sources.addRow([
    "Cases « s » : secret statistique (moins de 5 personnes, zone de moins de 100 habitants, ou case qui permettrait de les recalculer). Case vide : donnée non disponible.",
  ]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The zip members of every download: telechargements/<visual>.csv and .xlsx. */
export async function downloadMembers(
  visuals: readonly VisualDefinition[],
  cells: readonly PublishedCell[],
  indicators: Record<string, DownloadIndicator>,
  zoneNames: ReadonlyMap<string, string>,
): Promise<Map<string, Uint8Array | string>> {
  const members = new Map<string, Uint8Array | string>();
  for (const visual of visuals) {
    const input = { visual, cells, indicators, zoneNames };
    members.set(`telechargements/${visual.id}.csv`, downloadCsv(input));
    members.set(`telechargements/${visual.id}.xlsx`, await downloadXlsx(input));
  }
  return members;
}

const levelOrder = (level: string): number => ["iris", "commune", "departement"].indexOf(level);
