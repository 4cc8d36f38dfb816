import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { unzipSync } from "fflate";
import { parquetReadObjects } from "hyparquet";
import { plainUpper } from "../common/plain-text.ts";
import { decodeEscapes, scanTokens } from "./normalize.ts";
import { pdfText } from "./pdf-text.ts";
import type { PersonalKind, PersonalValue } from "./personal-values.ts";

export interface Leak {
  /** The published file (relative to the scanned folder), with the archive member if any. */
  file: string;
  kind: PersonalKind;
  origin: { file: string; row: number };
}

interface Needle {
  tokens: string[];
  value: PersonalValue;
}

/**
 * A short all-digit form (an Excel serial date, a numeric identifier) would match any number
 * in a script: it is looked for only as a whole cell of a data file.
 */
const isCellOnly = (tokens: string[]) => tokens.length === 1 && /^\d{1,7}$/.test(tokens[0]);

const OPAQUE_BINARIES = new Set([".wasm", ".woff", ".woff2", ".ttf", ".ico", ".gif", ".jpg", ".jpeg", ".webp"]);

/** Column names that announce dates or identifiers, where all-digit forms are looked for. */
const PERSONAL_COLUMN = /date|naiss|birth|ident|index|dossier|^id$|_id$|^n°|numero/i;

/**
 * Needles are filed under their first tokens (up to three): at the département's volumes
 * thousands of addresses start with the same house number, and filed under it alone every
 * number of the site's data files was compared with all of them.
 */
const PREFIX_TOKENS = 3;
const prefixKey = (tokens: readonly string[], from: number, length: number) =>
  tokens.slice(from, from + length).join(" ");

export class LeakScanner {
  private byPrefix = new Map<string, Needle[]>();
  private cellValues = new Map<string, PersonalValue[]>();

  constructor(values: Iterable<PersonalValue>) {
    for (const value of values) {
      for (const form of value.forms) {
        const tokens = scanTokens(form);
        if (tokens.length === 0) continue;
        if (isCellOnly(tokens)) {
          const list = this.cellValues.get(tokens[0]) ?? [];
          list.push(value);
          this.cellValues.set(tokens[0], list);
          continue;
        }
        const key = prefixKey(tokens, 0, Math.min(PREFIX_TOKENS, tokens.length));
        const list = this.byPrefix.get(key) ?? [];
        list.push({ tokens, value });
        this.byPrefix.set(key, list);
      }
    }
  }

  /** Looks for every needle in free text (HTML, JS, JSON, SVG, CSV...). */
  scanText(text: string): PersonalValue[] {
    const tokens = scanTokens(text);
    const found: PersonalValue[] = [];
    for (let i = 0; i < tokens.length; i++)
      for (let length = 1; length <= PREFIX_TOKENS && i + length <= tokens.length; length++) {
        const candidates = this.byPrefix.get(prefixKey(tokens, i, length));
        if (!candidates) continue;
        // Filed under its first `length` tokens: a longer needle must match the rest.
        for (const needle of candidates) {
          let j = length;
          while (j < needle.tokens.length && tokens[i + j] === needle.tokens[j]) j++;
          if (j === needle.tokens.length) found.push(needle.value);
        }
      }
    return found;
  }

  /**
   * Looks for every needle in the cells of one column. All-digit forms (an Excel serial date,
   * a numeric identifier) are looked for only in a column whose name says it holds dates or
   * identifiers: elsewhere 13002 is a commune code or a count, indistinguishable from the
   * serial of 6 August 1935. Every other form is looked for in every cell.
   */
  scanCells(cells: Iterable<unknown>, column = ""): PersonalValue[] {
    const wholeCells = PERSONAL_COLUMN.test(column);
    const found: PersonalValue[] = [];
    for (const cell of cells) {
      if (cell === null || cell === undefined) continue;
      const text = cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
      if (wholeCells) {
        const whole = this.cellValues.get(plainUpper(text));
        if (whole) found.push(...whole);
      }
      found.push(...this.scanText(text));
    }
    return found;
  }

  /** A table given as rows of named columns (Parquet, CSV with a header). */
  scanRows(rows: Record<string, unknown>[]): PersonalValue[] {
    const columns = new Set(rows.flatMap((row) => Object.keys(row)));
    const found = this.scanText([...columns].join(" "));
    for (const column of columns)
      found.push(
        ...this.scanCells(
          rows.map((row) => row[column]),
          column,
        ),
      );
    return found;
  }

  /** Scans one file's bytes according to its format; archives are opened member by member. */
  async scanBytes(name: string, bytes: Uint8Array): Promise<{ member: string; value: PersonalValue }[]> {
    const ext = extname(name).toLowerCase();
    const hits: { member: string; value: PersonalValue }[] = [];
    // Compiled code and pictures copied verbatim from node_modules (DuckDB-wasm weighs 35 MB)
    // hold no text of ours; reading them as text only costs time.
    if (OPAQUE_BINARIES.has(ext)) return hits;
    if (ext === ".parquet") {
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      const rows = (await parquetReadObjects({ file: buffer })) as Record<string, unknown>[];
      for (const value of this.scanRows(rows)) hits.push({ member: name, value });
      return hits;
    }
    if (ext === ".xlsx") {
      const members = unzipSync(bytes);
      // Numeric cells styled as dates are dates: their Excel serials are looked for whole.
      for (const value of this.scanCells(dateCellsOfWorkbook(members), "date"))
        hits.push({ member: `${name}!dates`, value });
      for (const [member, content] of Object.entries(members)) {
        for (const hit of await this.scanBytes(member, content))
          hits.push({ member: `${name}!${hit.member}`, value: hit.value });
      }
      return hits;
    }
    if (ext === ".zip") {
      const members = unzipSync(bytes);
      for (const [member, content] of Object.entries(members)) {
        for (const hit of await this.scanBytes(member, content))
          hits.push({ member: `${name}!${hit.member}`, value: hit.value });
      }
      return hits;
    }
    if (ext === ".pdf") {
      for (const text of pdfText(bytes)) for (const value of this.scanText(text)) hits.push({ member: name, value });
      return hits;
    }
    const text = new TextDecoder("utf-8").decode(bytes);
    if (ext === ".csv" || ext === ".tsv") {
      const lines = text.split(/\r?\n/).map((line) => line.split(/[;,\t]/));
      const header = lines[0] ?? [];
      const rows = lines.slice(1).map((cells) => Object.fromEntries(cells.map((c, k) => [header[k] ?? `col${k}`, c])));
      for (const value of this.scanRows(rows)) hits.push({ member: name, value });
      return hits;
    }
    if (ext === ".xml") {
      // Spreadsheet strings (<t>); numeric <v> cells are numbers (see scanCells).
      const strings = [...text.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
      for (const value of this.scanCells(strings)) hits.push({ member: name, value });
      return hits;
    }
    // HTML, SVG, JS, JSON: also with entities (&#49;) and escapes (\u0031) decoded.
    const decoded = decodeEscapes(text);
    const found = new Set(this.scanText(text));
    if (decoded !== text) for (const value of this.scanText(decoded)) found.add(value);
    for (const value of found) hits.push({ member: name, value });
    return hits;
  }

  /** Scans every file under a folder. */
  async scanFolder(dir: string): Promise<Leak[]> {
    const leaks: Leak[] = [];
    // Files with the same bytes and kind (the IRIS profile pages are copies of one page) are
    // scanned once: their hits are the first one's, under their own names.
    const scanned = new Map<string, { path: string; hits: { member: string; value: PersonalValue }[] }>();
    for (const path of walk(dir)) {
      const bytes = new Uint8Array(readFileSync(path));
      const digest = `${extname(path).toLowerCase()}:${createHash("sha256").update(bytes).digest("hex")}`;
      const first = scanned.get(digest);
      const hits = first
        ? first.hits.map((hit) => ({ ...hit, member: path + hit.member.slice(first.path.length) }))
        : await this.scanBytes(path, bytes);
      if (!first) scanned.set(digest, { path, hits });
      for (const { member, value } of hits) {
        leaks.push({ file: relative(dir, member), kind: value.kind, origin: value.origin });
      }
    }
    return leaks;
  }
}

/** Built-in number formats of Excel that show a date (ECMA-376, 18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** The values of the numeric cells of a workbook whose style shows a date. */
function dateCellsOfWorkbook(members: Record<string, Uint8Array>): string[] {
  const decode = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : "");
  const styles = decode(members["xl/styles.xml"]);
  const customDates = new Set(
    [...styles.matchAll(/<numFmt [^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"/g)]
      .filter(([, , code]) => /[dmy]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]/g, "")))
      .map(([, id]) => Number(id)),
  );
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "";
  const dateStyles = new Set<number>();
  [...xfs.matchAll(/<xf\b[^>]*?numFmtId="(\d+)"/g)].forEach(([, id], index) => {
    if (BUILTIN_DATE_FORMATS.has(Number(id)) || customDates.has(Number(id))) dateStyles.add(index);
  });
  const values: string[] = [];
  for (const [member, content] of Object.entries(members)) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(member)) continue;
    for (const [, style, value] of decode(content).matchAll(
      /<c\b[^>]*?\bs="(\d+)"[^>]*>(?:<f>[^<]*<\/f>)?<v>([^<]*)<\/v>/g,
    )) {
      if (dateStyles.has(Number(style))) values.push(String(Math.floor(Number(value))));
    }
  }
  return values;
}

function walk(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...walk(path));
    else files.push(path);
  }
  return files;
}

const KIND_LABEL: Record<PersonalKind, string> = {
  identifier: "un identifiant",
  address: "une adresse",
  "birth-date": "une date de naissance",
};

/** A French message naming where each leak was found and which input row it comes from, never the value. */
export function describeLeaks(leaks: Leak[]): string {
  const lines = leaks
    .slice(0, 20)
    .map((l) => `- ${l.file} : ${KIND_LABEL[l.kind]} de ${l.origin.file}, ligne ${l.origin.row}`);
  if (leaks.length > 20) lines.push(`- … et ${leaks.length - 20} autre(s)`);
  return `Fuite de données personnelles détectée dans le site construit (${leaks.length}) :\n${lines.join("\n")}`;
}
