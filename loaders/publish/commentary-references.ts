/**
 * Numbers in commentary are never typed by hand: analysts write a reference to a published
 * cell, rendered at build time from the PROTECTED table with French formats. A reference to a
 * secret cell, or to a cell that does not exist, fails the build (Article 7): the text can
 * only ever repeat what the tables already publish.
 *
 * Syntax, between double braces, parts separated by "|":
 *   {{apa-beneficiaries|commune|13001}}            total row, year of the commentary
 *   {{apa-beneficiaries|iris|130010101|2015}}      another year (four digits)
 *   {{apa-beneficiaries|commune|13001|sex=F}}      one category of a breakdown
 * Levels: iris, commune, departement (or département).
 */
import type { Level, PublishedCell } from "../contracts.ts";
import { cellKey } from "../contracts.ts";
import { indicatorById } from "../indicators/catalogue.ts";

export interface CellReference {
  /** The reference as written, braces included (for messages). */
  text: string;
  indicator: string;
  level: Level;
  code: string;
  year: number;
  breakdown: string;
  category: string;
}

/** A reference that cannot be rendered: French message naming the file and the rule. */
export class ReferenceError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly rule: "reference-syntaxe" | "reference-inconnue" | "reference-secrete" | "reference-sans-valeur",
  ) {
    super(message);
    this.name = "ReferenceError";
  }
}

export const referencePattern = /\{\{([^{}]*)\}\}/g;

const levels: Record<string, Level> = {
  iris: "iris",
  arrondissement: "arrondissement",
  commune: "commune",
  departement: "departement",
  département: "departement",
};

/** Reads every reference of a text; `year` is the commentary's year, the default. */
export function parseReferences(text: string, year: number, file: string, firstLine?: number): CellReference[] {
  const found: CellReference[] = [];
  for (const match of text.matchAll(referencePattern)) {
    const where = locate(file, text, match.index!, firstLine);
    const parts = match[1]!.split("|").map((p) => p.trim());
    const [indicator, levelWord, code, ...rest] = parts;
    const level = levels[(levelWord ?? "").toLowerCase()];
    if (!indicator || !level || !code) {
      throw new ReferenceError(
        `${where} : la référence ${match[0]} est mal écrite (règle reference-syntaxe). Forme attendue : {{indicateur|niveau|code}}, niveau iris, commune ou departement, suivis au besoin de |année et de |ventilation=catégorie.`,
        file,
        "reference-syntaxe",
      );
    }
    let refYear = year;
    let breakdown = "";
    let category = "";
    for (const part of rest) {
      if (/^\d{4}$/.test(part)) refYear = Number(part);
      else if (/^[^=]+=[^=]+$/.test(part))
        [breakdown, category] = part.split("=").map((s) => s.trim()) as [string, string];
      else {
        throw new ReferenceError(
          `${where} : dans la référence ${match[0]}, « ${part} » n'est ni une année (4 chiffres) ni une ventilation (ventilation=catégorie) (règle reference-syntaxe).`,
          file,
          "reference-syntaxe",
        );
      }
    }
    found.push({ text: match[0], indicator, level, code, year: refYear, breakdown, category });
  }
  return found;
}

const integer = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });

/** French rendering of a published value: "1 234", "12,5 %", "+3,2 %". */
export function formatCellValue(cell: PublishedCell): string {
  const value = cell.value!;
  const decimals = indicatorById(cell.indicator)?.decimals ?? (cell.unit === "count" || cell.unit === "amount" ? 0 : 1);
  const format =
    decimals === 0
      ? integer
      : new Intl.NumberFormat("fr-FR", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  if (cell.unit === "share") return `${format.format(value)} %`;
  if (cell.unit === "evolution") return `${value > 0 ? "+" : ""}${format.format(value)} %`;
  return format.format(value);
}

/** Index of the protected cells by key, built once per build. */
// Indexed once per table: the preview renders the commentary on every save against the same cells.
const indexMemo = new WeakMap<readonly PublishedCell[], Map<string, PublishedCell>>();

export function indexCells(cells: readonly PublishedCell[]): Map<string, PublishedCell> {
  const known = indexMemo.get(cells);
  if (known) return known;
  const index = new Map(cells.map((c) => [cellKey(c), c]));
  indexMemo.set(cells, index);
  return index;
}

/** "file" or, when the text's first line in the file is known, "file, ligne N" of the index. */
function locate(file: string, text: string, index: number, firstLine?: number): string {
  return firstLine === undefined ? file : `${file}, ligne ${firstLine + text.slice(0, index).split("\n").length - 1}`;
}

/**
 * Replaces every reference by its published value; throws on a secret or unknown cell.
 * `firstLine` (the file line of the text's first line) adds the line to every message.
 */
export function renderReferences(
  text: string,
  year: number,
  file: string,
  cells: Map<string, PublishedCell>,
  firstLine?: number,
): string {
  const references = parseReferences(text, year, file, firstLine);
  const rendered = new Map<string, string>();
  for (const ref of references) {
    const where = locate(file, text, text.indexOf(ref.text), firstLine);
    const cell = cells.get(cellKey(ref));
    if (!cell) {
      throw new ReferenceError(
        `${where} : la référence ${ref.text} ne désigne aucune case publiée (indicateur ${ref.indicator}, niveau ${ref.level}, code ${ref.code}, année ${ref.year}${ref.breakdown ? `, ${ref.breakdown}=${ref.category}` : ""}) (règle reference-inconnue).`,
        file,
        "reference-inconnue",
      );
    }
    if (cell.secret) {
      throw new ReferenceError(
        `${where} : la référence ${ref.text} désigne une case couverte par le secret statistique (article 7) : elle ne peut pas être citée (règle reference-secrete).`,
        file,
        "reference-secrete",
      );
    }
    if (cell.value === null) {
      throw new ReferenceError(
        `${where} : la référence ${ref.text} désigne une case sans valeur (non disponible) (règle reference-sans-valeur).`,
        file,
        "reference-sans-valeur",
      );
    }
    rendered.set(ref.text, formatCellValue(cell));
  }
  return text.replace(referencePattern, (whole) => rendered.get(whole) ?? whole);
}
