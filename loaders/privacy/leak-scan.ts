import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { unzipSync } from "fflate";
import { parquetReadObjects } from "hyparquet";
import { scanTokens, normalizeForScan } from "./normalize.ts";
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

export class LeakScanner {
  private byFirstToken = new Map<string, Needle[]>();
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
        const list = this.byFirstToken.get(tokens[0]) ?? [];
        list.push({ tokens, value });
        this.byFirstToken.set(tokens[0], list);
      }
    }
  }

  /** Looks for every needle in free text (HTML, JS, JSON, SVG, CSV...). */
  scanText(text: string): PersonalValue[] {
    const tokens = scanTokens(text);
    const found: PersonalValue[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.byFirstToken.get(tokens[i]);
      if (!candidates) continue;
      for (const needle of candidates) {
        let j = 1;
        while (j < needle.tokens.length && tokens[i + j] === needle.tokens[j]) j++;
        if (j === needle.tokens.length) found.push(needle.value);
      }
    }
    return found;
  }

  /** Looks for every needle in the cells of a table, whole-cell forms included. */
  scanCells(cells: Iterable<unknown>): PersonalValue[] {
    const found: PersonalValue[] = [];
    for (const cell of cells) {
      if (cell === null || cell === undefined) continue;
      const text = cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
      const whole = this.cellValues.get(normalizeForScan(text));
      if (whole) found.push(...whole);
      found.push(...this.scanText(text));
    }
    return found;
  }

  /** Scans one file's bytes according to its format; archives are opened member by member. */
  async scanBytes(name: string, bytes: Uint8Array): Promise<{ member: string; value: PersonalValue }[]> {
    const ext = extname(name).toLowerCase();
    const hits: { member: string; value: PersonalValue }[] = [];
    if (ext === ".parquet") {
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      const rows = (await parquetReadObjects({ file: buffer })) as Record<string, unknown>[];
      const cells = rows.flatMap((row) => Object.values(row));
      for (const value of this.scanCells(cells)) hits.push({ member: name, value });
      for (const value of this.scanCells(rows.length ? Object.keys(rows[0]) : [])) hits.push({ member: name, value });
      return hits;
    }
    if (ext === ".zip" || ext === ".xlsx") {
      const members = unzipSync(bytes);
      for (const [member, content] of Object.entries(members)) {
        for (const hit of await this.scanBytes(member, content)) hits.push({ member: `${name}!${hit.member}`, value: hit.value });
      }
      return hits;
    }
    const text = new TextDecoder("utf-8").decode(bytes);
    if (ext === ".xml" || ext === ".csv" || ext === ".tsv") {
      // Spreadsheet cells (<v>, <t>) and CSV fields are whole cells: whole-cell forms count too.
      const cells = ext === ".xml" ? [...text.matchAll(/<(?:v|t)[^>]*>([^<]*)<\/(?:v|t)>/g)].map((m) => m[1]) : text.split(/[;,\t\r\n]+/);
      for (const value of this.scanCells(cells)) hits.push({ member: name, value });
      return hits;
    }
    for (const value of this.scanText(text)) hits.push({ member: name, value });
    return hits;
  }

  /** Scans every file under a folder. */
  async scanFolder(dir: string): Promise<Leak[]> {
    const leaks: Leak[] = [];
    for (const path of walk(dir)) {
      const hits = await this.scanBytes(path, new Uint8Array(readFileSync(path)));
      for (const { member, value } of hits) {
        leaks.push({ file: relative(dir, member), kind: value.kind, origin: value.origin });
      }
    }
    return leaks;
  }
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
  const lines = leaks.slice(0, 20).map((l) => `- ${l.file} : ${KIND_LABEL[l.kind]} de ${l.origin.file}, ligne ${l.origin.row}`);
  if (leaks.length > 20) lines.push(`- … et ${leaks.length - 20} autre(s)`);
  return `Fuite de données personnelles détectée dans le site construit (${leaks.length}) :\n${lines.join("\n")}`;
}
