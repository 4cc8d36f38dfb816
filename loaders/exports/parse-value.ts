/**
 * Typed reading of one cell. Every parser returns a value or a failure reason; none ever
 * quotes the cell in its reason, so that messages stay free of personal data.
 */
import { stripAccents } from "../common/plain-text.ts";
import { boundedMemo } from "../common/bounded-memo.ts";

/** A cell as the readers hand it over: text, number, date (xlsx) or nothing. */
export type RawCell = string | number | boolean | Date | null;

export type Parsed<T> = { ok: true; value: T | null } | { ok: false };

export function isBlank(cell: RawCell): boolean {
  return cell === null || (typeof cell === "string" && cell.trim() === "");
}

export function cellText(cell: RawCell): string {
  if (cell === null) return "";
  if (cell instanceof Date) return formatIsoDate(cell);
  return String(cell).trim();
}

const MONTHS: Record<string, number> = {
  janv: 1,
  janvier: 1,
  jan: 1,
  fevr: 2,
  fevrier: 2,
  fev: 2,
  mars: 3,
  mar: 3,
  avr: 4,
  avril: 4,
  mai: 5,
  juin: 6,
  juil: 7,
  juillet: 7,
  aout: 8,
  sept: 9,
  septembre: 9,
  sep: 9,
  oct: 10,
  octobre: 10,
  nov: 11,
  novembre: 11,
  dec: 12,
  decembre: 12,
};

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export function formatIsoDate(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function isoIfValid(y: number, m: number, d: number): string | null {
  if (!(y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return formatIsoDate(date);
}

/** Serial 0 of the 1904 date system (old Excel for Mac) is serial 1462 of the 1900 system. */
const DAYS_1900_TO_1904 = 1462;

/**
 * A year on its own ("1935", or the number 1935): read as an Excel serial it would be a date
 * of 1905, so it is refused by its own rule rather than misread.
 */
export function isBareYear(cell: RawCell): boolean {
  const text = typeof cell === "number" ? String(cell) : typeof cell === "string" ? cell.trim() : "";
  return /^(18[5-9]\d|19\d\d|20\d\d)$/.test(text);
}

/** Excel serial (1900 system, with its fictitious 29/02/1900 before serial 61) to ISO date. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const days = Math.floor(serial) - (serial < 61 ? 1 : 2);
  return formatIsoDate(new Date(Date.UTC(1900, 0, 1) + days * 86_400_000));
}

export function isoToExcelSerial(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  const days = (Date.UTC(y, m - 1, d) - Date.UTC(1900, 0, 1)) / 86_400_000;
  return days + (days >= 59 ? 2 : 1);
}

/**
 * Two-digit years are read in the century that puts the date before `pivotYear` (birth
 * dates are in the past).
 */
export function parseFrenchDate(
  cell: RawCell,
  pivotYear = new Date().getUTCFullYear(),
  date1904 = false,
): Parsed<string> {
  if (isBlank(cell)) return { ok: true, value: null };
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime()) ? { ok: false } : { ok: true, value: formatIsoDate(cell) };
  if (typeof cell === "number") {
    const iso = excelSerialToIso(date1904 ? cell + DAYS_1900_TO_1904 : cell);
    return iso ? { ok: true, value: iso } : { ok: false };
  }
  const text = stripAccents(String(cell)).trim().toLowerCase();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ].*)?$/.exec(text);
  if (m) return result(isoIfValid(+m[1], +m[2], +m[3]));
  m = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2}|\d{4})(?: .*)?$/.exec(text);
  if (m) return result(isoIfValid(fullYear(m[3], pivotYear), +m[2], +m[1]));
  m = /^(\d{1,2})(?:er)?[\s\-/.]*([a-z]+)\.?[\s\-/.]*(\d{2}|\d{4})$/.exec(text);
  if (m && MONTHS[m[2]] !== undefined) return result(isoIfValid(fullYear(m[3], pivotYear), MONTHS[m[2]], +m[1]));
  if (/^\d+(?:[.,]\d+)?$/.test(text)) {
    const serial = Number(text.replace(",", "."));
    const iso = excelSerialToIso(date1904 ? serial + DAYS_1900_TO_1904 : serial);
    return result(iso);
  }
  return { ok: false };
}

function fullYear(text: string, pivotYear: number): number {
  if (text.length === 4) return +text;
  const yy = +text;
  const century = Math.floor(pivotYear / 100) * 100;
  return century + yy > pivotYear ? century - 100 + yy : century + yy;
}

function result(iso: string | null): Parsed<string> {
  return iso ? { ok: true, value: iso } : { ok: false };
}

/** Whole numbers, French style: "1 234", "1 234" (narrow space), "12,0". */
export function parseInteger(cell: RawCell): Parsed<number> {
  if (isBlank(cell)) return { ok: true, value: null };
  if (typeof cell === "number") return Number.isInteger(cell) ? { ok: true, value: cell } : { ok: false };
  if (typeof cell !== "string") return { ok: false };
  const text = cell.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!/^[+-]?\d+(?:\.0*)?$/.test(text)) return { ok: false };
  return { ok: true, value: Number.parseInt(text, 10) };
}

const SEX: Record<string, "F" | "M"> = {
  f: "F",
  femme: "F",
  feminin: "F",
  "2": "F",
  mme: "F",
  madame: "F",
  mlle: "F",
  m: "M",
  h: "M",
  homme: "M",
  masculin: "M",
  "1": "M",
  mr: "M",
  monsieur: "M",
};

/**
 * A parser of coded cells (sex, family situation, GIR) remembering its answers by text: an
 * export writes the same few codes on every row. Bounded, since a column of free text (a
 * wrong mapping) would otherwise fill memory.
 */
function remembered<T>(parse: (cell: RawCell) => Parsed<T>): (cell: RawCell) => Parsed<T> {
  const parseText = boundedMemo(parse, 1000);
  return (cell) => (typeof cell === "string" ? parseText(cell) : parse(cell));
}

export const parseSex = remembered((cell): Parsed<"F" | "M"> => {
  if (isBlank(cell)) return { ok: true, value: null };
  const key = stripAccents(String(cell)).trim().toLowerCase().replace(/\.$/, "");
  const value = SEX[key];
  return value ? { ok: true, value } : { ok: false };
});

/** Convention: "couple ou personne isolée". Civil statuses without a partner count as isolated. */
const stemWord = (w: string) => w.replace(/s$/, "").replace(/e+$/, "");
const ALONE = new Set(["isole", "seul", "celibataire", "veuf", "veuve", "divorce", "separe", "i", "oui"].map(stemWord));
const COUPLE = new Set(["couple", "marie", "pacse", "concubin", "concubinage", "marital", "c", "non"].map(stemWord));

export const parseLivingAlone = remembered((cell): Parsed<boolean> => {
  if (isBlank(cell)) return { ok: true, value: null };
  if (typeof cell === "boolean") return { ok: true, value: cell };
  const words = stripAccents(String(cell))
    .toLowerCase()
    .replace(/\(e\)/g, "")
    .split(/[^a-z]+/)
    .filter(Boolean)
    .map(stemWord);
  const alone = words.some((w) => ALONE.has(w));
  const couple = words.some((w) => COUPLE.has(w));
  if (alone === couple) return { ok: false };
  return { ok: true, value: alone };
});

/** "3", "GIR 3", "gir3", 3.0 */
export const parseGir = remembered((cell): Parsed<number> => {
  if (isBlank(cell)) return { ok: true, value: null };
  if (typeof cell === "number") return Number.isInteger(cell) ? { ok: true, value: cell } : { ok: false };
  const m = /^\s*(?:gir)?\s*(\d+)\s*$/i.exec(String(cell));
  return m ? { ok: true, value: Number(m[1]) } : { ok: false };
});
