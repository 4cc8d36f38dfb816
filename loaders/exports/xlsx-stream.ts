/**
 * A workbook read row by row, in bounded memory: the zip entries located by the zip guard
 * are inflated chunk by chunk (Node's zlib, zip-guard.ts), and the sheet's XML is scanned for its rows and cells
 * as the text arrives, so that memory holds one chunk and one row, never the sheet. What the
 * cells need is read first and kept: the workbook part (sheet names, order, hidden state, the
 * 1904 date system), the shared strings and the number formats (dates, identifiers padded
 * with zeros). Inline strings, typed cells (booleans, errors, ISO dates, formula results) and
 * namespace prefixes (`<x:row>`) are read as Excel writes them.
 */
import { open, type FileHandle } from "node:fs/promises";
import { InputError } from "../contracts.ts";
import { excelSerialToIso, type RawCell } from "./parse-value.ts";
import { TruncatedEntry, entryBytes, entryDataStart, sizeText, type ZipEntry } from "./zip-guard.ts";

export type SheetState = "visible" | "hidden" | "veryHidden";

export interface WorkbookSheet {
  name: string;
  state: SheetState;
  /** Zip entry of the sheet's XML. */
  part: string;
}

export interface Workbook {
  path: string;
  file: string;
  entries: Map<string, ZipEntry>;
  sheets: WorkbookSheet[];
  date1904: boolean;
  strings: string[];
  /** By style index (the cell's s attribute): how a number is shown. */
  styles: CellStyle[];
}

interface CellStyle {
  date: boolean;
  /** A format of zeros only ("000000"): the width an identifier is padded to. */
  zeroPad: number;
}

export interface XlsxRow {
  /** 1-based row number in the sheet. */
  number: number;
  cells: RawCell[];
}

/** Limits of one workbook, said in the refusal. */
export const XLSX_LIMITS = {
  /** Workbook part, relationships and styles: a few kilobytes in a real export. */
  smallPartBytes: 20 * 2 ** 20,
  sharedStringsBytes: 150 * 2 ** 20,
  /** The XML of one row (a row of 16,384 long cells is a trick, not an export). */
  rowBytes: 16 * 2 ** 20,
};

const refuse = (file: string, rule: string, why: string) =>
  new InputError(
    `${file} : classeur xlsx refusé (${why}). Réenregistrez le fichier depuis Excel ou exportez-le en CSV.`,
    file,
    rule,
  );

/** The text of one zip entry, piece by piece, decoded as UTF-8 as it inflates (zip-guard.ts). */
export async function* entryText(
  handle: FileHandle,
  entry: ZipEntry,
  file: string,
  progress: { bytes: number } = { bytes: 0 },
): AsyncGenerator<string> {
  const start = await entryDataStart(handle, entry);
  if (start === null) throw refuse(file, "xlsx-corrompu", "archive zip incohérente");
  if (entry.method !== 8 && entry.method !== 0) throw refuse(file, "xlsx-corrompu", "méthode de compression inconnue");
  const decoder = new TextDecoder("utf-8");
  let inflated = 0;
  const bytes = entryBytes(handle, entry, start);
  // A reader that stops early (return() on this generator) stops the inflation with it.
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await bytes.next();
      } catch (error) {
        throw refuse(
          file,
          "xlsx-corrompu",
          error instanceof TruncatedEntry ? "archive zip tronquée" : "contenu de l'archive illisible",
        );
      }
      if (next.done) break;
      inflated += next.value.length;
      progress.bytes = inflated;
      // The zip guard checked the declared size against its limits: inflating past it is a lie.
      if (inflated > entry.uncompressedBytes)
        throw refuse(
          file,
          "xlsx-bombe-zip",
          `un élément se décompresse au-delà de la taille annoncée (${sizeText(entry.uncompressedBytes)}), archive suspecte`,
        );
      const text = decoder.decode(next.value, { stream: true });
      if (text) yield text;
    }
  } finally {
    await bytes.return(undefined);
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

async function wholeText(handle: FileHandle, entry: ZipEntry, file: string, limit: number): Promise<string> {
  if (entry.uncompressedBytes > limit)
    throw refuse(
      file,
      "xlsx-trop-volumineux",
      `la partie ${entry.name} fait ${sizeText(entry.uncompressedBytes)}, au plus ${sizeText(limit)} admis`,
    );
  const parts: string[] = [];
  for await (const text of entryText(handle, entry, file)) parts.push(text);
  return parts.join("");
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** XML text to its characters: entities, then OOXML's _xHHHH_ escapes (a line break is _x000D_). */
export function xmlText(raw: string): string {
  let text = raw;
  if (text.includes("&"))
    text = text.replace(ENTITY, (_, hex: string, dec: string, name: string) =>
      name ? NAMED[name]! : String.fromCodePoint(hex ? parseInt(hex, 16) : Number(dec)),
    );
  if (text.includes("_x"))
    text = text.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return text;
}

const ATTRIBUTES = new Map<string, RegExp>();
const attribute = (tag: string, name: string): string | undefined => {
  let re = ATTRIBUTES.get(name);
  if (!re) ATTRIBUTES.set(name, (re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(tag);
  return m ? (m[1] ?? m[2]) : undefined;
};

/** Texts of the <t> runs of a string item, phonetic runs (<rPh>) aside. */
function runsText(xml: string, p: string): string {
  const body = xml.includes("rPh") ? xml.replace(new RegExp(`<${p}rPh\\b[\\s\\S]*?</${p}rPh>`, "g"), "") : xml;
  const runs = new RegExp(`<${p}t(?:\\s[^>]*)?>([\\s\\S]*?)</${p}t>`, "g");
  let out = "";
  for (let m = runs.exec(body); m; m = runs.exec(body)) out += m[1];
  return xmlText(out);
}

/** The namespace prefix a part uses for its elements ("" or "x:"). */
function prefixOf(xml: string, element: string): string {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${element}[\\s>/]`).exec(xml);
  return m?.[1] ?? "";
}

/** Relationship id -> part name, resolved against the folder of the part that owns them. */
function relationships(xml: string, folder: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const id = attribute(m[1]!, "Id");
    const target = attribute(m[1]!, "Target");
    if (!id || !target) continue;
    const path = target.startsWith("/") ? target.slice(1) : normalisePath(`${folder}/${target}`);
    map.set(id, path);
  }
  return map;
}

function normalisePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "..") out.pop();
    else if (part && part !== ".") out.push(part);
  }
  return out.join("/");
}

// Excel's built-in number formats that show dates.
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

function styleOf(code: string | undefined, id: number): CellStyle {
  if (code === undefined) return { date: BUILTIN_DATE_FORMATS.has(id), zeroPad: id === 1 ? 1 : 0 };
  const zeros = /^0+$/.test(code) ? code.length : 0;
  // Quoted text, [colour] or [$-locale] blocks and escaped characters are not date tokens.
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return { date: /[dmyhs]/i.test(bare) && !/^general$/i.test(bare), zeroPad: zeros };
}

function readStyles(xml: string): CellStyle[] {
  const p = prefixOf(xml, "styleSheet");
  const codes = new Map<number, string>();
  for (const m of xml.matchAll(new RegExp(`<${p}numFmt\\b([^>]*)/?>`, "g"))) {
    const id = Number(attribute(m[1]!, "numFmtId"));
    const code = attribute(m[1]!, "formatCode");
    if (Number.isInteger(id) && code !== undefined) codes.set(id, xmlText(code));
  }
  const xfs = new RegExp(`<${p}cellXfs\\b[^>]*>([\\s\\S]*?)</${p}cellXfs>`).exec(xml)?.[1] ?? "";
  const styles: CellStyle[] = [];
  for (const m of xfs.matchAll(new RegExp(`<${p}xf\\b([^>]*?)/?>`, "g"))) {
    const id = Number(attribute(m[1]!, "numFmtId") ?? 0);
    styles.push(styleOf(codes.get(id), id));
  }
  return styles;
}

async function readSharedStrings(handle: FileHandle, entry: ZipEntry, file: string, tick: () => void) {
  if (entry.uncompressedBytes > XLSX_LIMITS.sharedStringsBytes)
    throw refuse(
      file,
      "xlsx-trop-volumineux",
      `textes partagés de ${sizeText(entry.uncompressedBytes)}, au plus ${sizeText(XLSX_LIMITS.sharedStringsBytes)} admis`,
    );
  const strings: string[] = [];
  let pending = "";
  let p: string | undefined;
  for await (const text of entryText(handle, entry, file)) {
    pending += text;
    p ??= pending.includes("<") ? prefixOf(pending, "sst") : undefined;
    const close = `</${p ?? ""}si>`;
    let from = 0;
    for (let end = pending.indexOf(close, from); end >= 0; end = pending.indexOf(close, from)) {
      const start = pending.lastIndexOf(`<${p ?? ""}si`, end);
      strings.push(runsText(pending.slice(start, end), p ?? ""));
      from = end + close.length;
    }
    pending = pending.slice(from);
    tick();
  }
  return strings;
}

/** Opens a workbook whose zip the guard has checked: its sheets, date system, strings and styles. */
export async function openWorkbook(
  path: string,
  file: string,
  located: ZipEntry[],
  tick: () => void = () => {},
): Promise<Workbook> {
  const entries = new Map(located.map((e) => [e.name, e]));
  const handle = await open(path, "r");
  try {
    const part = (name: string) => entries.get(name);
    const small = async (name: string) => {
      const entry = part(name);
      return entry ? wholeText(handle, entry, file, XLSX_LIMITS.smallPartBytes) : null;
    };
    const rootRels = relationships((await small("_rels/.rels")) ?? "", "");
    const workbookPart =
      [...rootRels.values()].find((target) => /workbook\.xml$/i.test(target) && entries.has(target)) ??
      "xl/workbook.xml";
    const workbookXml = await small(workbookPart);
    if (workbookXml === null) throw refuse(file, "xlsx-corrompu", "classeur sans partie « workbook »");
    const folder = workbookPart.split("/").slice(0, -1).join("/");
    const relsXml = (await small(`${folder}/_rels/${workbookPart.split("/").pop()}.rels`)) ?? "";
    const rels = relationships(relsXml, folder);
    const byType = (type: string) =>
      [...relsXml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)]
        .map((m) => m[1]!)
        .filter((tag) => (attribute(tag, "Type") ?? "").endsWith(`/${type}`))
        .map((tag) => rels.get(attribute(tag, "Id") ?? ""))
        .find((target): target is string => target !== undefined && entries.has(target));
    const wp = prefixOf(workbookXml, "workbook");
    const pr = new RegExp(`<${wp}workbookPr\\b([^>]*)>`).exec(workbookXml)?.[1] ?? "";
    const date1904 = /^(1|true)$/i.test(attribute(pr, "date1904") ?? "");
    const sheets: WorkbookSheet[] = [];
    for (const m of workbookXml.matchAll(new RegExp(`<${wp}sheet\\b([^>]*?)/?>`, "g"))) {
      const tag = m[1]!;
      const id = /(?:^|\s)[\w.-]*:?id\s*=\s*"([^"]*)"/.exec(tag.replace(/sheetId\s*=\s*"[^"]*"/, ""))?.[1];
      const target = id ? rels.get(id) : undefined;
      if (!target || !entries.has(target)) continue;
      const state = attribute(tag, "state");
      sheets.push({
        name: xmlText(attribute(tag, "name") ?? `Feuille ${sheets.length + 1}`),
        state: state === "hidden" || state === "veryHidden" ? state : "visible",
        part: target,
      });
    }
    const stylesPart = byType("styles") ?? (entries.has(`${folder}/styles.xml`) ? `${folder}/styles.xml` : undefined);
    const styles = stylesPart ? readStyles((await small(stylesPart)) ?? "") : [];
    const stringsPart =
      byType("sharedStrings") ??
      (entries.has(`${folder}/sharedStrings.xml`) ? `${folder}/sharedStrings.xml` : undefined);
    const strings = stringsPart ? await readSharedStrings(handle, entries.get(stringsPart)!, file, tick) : [];
    return { path, file, entries, sheets, date1904, strings, styles };
  } finally {
    await handle.close();
  }
}

/** Serial 0 of the 1904 date system is serial 1462 of the 1900 system. */
const DAYS_1900_TO_1904 = 1462;

function numberCell(text: string, style: CellStyle | undefined, date1904: boolean): RawCell {
  const value = Number(text);
  if (!Number.isFinite(value)) return text;
  if (style?.date) {
    const iso = excelSerialToIso(date1904 ? value + DAYS_1900_TO_1904 : value);
    return iso ? new Date(`${iso}T00:00:00Z`) : value;
  }
  // "000123" shown by a format of zeros is an identifier, not the number 123.
  if (style && style.zeroPad > 1 && Number.isInteger(value) && value >= 0)
    return String(value).padStart(style.zeroPad, "0");
  return value;
}

interface RowScanner {
  p: string;
  cellOpen: string;
  cellClose: string;
  valueOpen: string;
  valueClose: string;
  inlineOpen: string;
  inlineClose: string;
}

function scannerFor(p: string): RowScanner {
  return {
    p,
    cellOpen: `<${p}c`,
    cellClose: `</${p}c>`,
    valueOpen: `<${p}v`,
    valueClose: `</${p}v>`,
    inlineOpen: `<${p}is`,
    inlineClose: `</${p}is>`,
  };
}

/** After an element's name: a space, the tag's end or its self-closing slash (not <col>, <cfRule>). */
const endsName = (code: number) =>
  code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13;

/**
 * The attributes a cell needs, read by hand between two offsets of the sheet's XML: its column
 * (from r, -1 without one), its type (t) and its style (s). The cells of a sheet are scanned
 * with indexOf and these slots rather than regular expressions and substrings: a sheet of
 * 400,000 rows has millions of cells (the profile of the ten-times APA file spent a third of
 * its reading there).
 */
const cellAttributes = { column: 0, type: "", style: 0 };
/** A cell without a reference (or an empty one) is the one after the previous cell. */
const NO_REFERENCE = -2;

function readCellAttributes(xml: string, from: number, to: number): void {
  cellAttributes.column = NO_REFERENCE;
  cellAttributes.type = "";
  cellAttributes.style = 0;
  let i = from;
  while (i < to) {
    let code = xml.charCodeAt(i);
    if (code === 32 || code === 9 || code === 10 || code === 13) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < to && (code = xml.charCodeAt(i)) !== 61 && code !== 32 && code !== 9 && code !== 10 && code !== 13) i++;
    const nameEnd = i;
    while (i < to && xml.charCodeAt(i) !== 61) i++;
    i++;
    while (i < to && (code = xml.charCodeAt(i)) !== 34 && code !== 39) i++;
    if (i >= to) return;
    const valueEnd = xml.indexOf(code === 34 ? '"' : "'", i + 1);
    if (valueEnd < 0 || valueEnd >= to) return;
    if (nameEnd - nameStart === 1) {
      const name = xml.charCodeAt(nameStart);
      if (name === 114) cellAttributes.column = valueEnd > i + 1 ? columnAt(xml, i + 1, valueEnd) : NO_REFERENCE;
      else if (name === 116) cellAttributes.type = typeAt(xml, i + 1, valueEnd);
      else if (name === 115) cellAttributes.style = Number(xml.slice(i + 1, valueEnd));
    }
    i = valueEnd + 1;
  }
}

/** The column of a reference written between two offsets ("XFD1048576" -> 16383); -1 when it has no letters. */
function columnAt(xml: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const code = xml.charCodeAt(i);
    if (code < 65 || code > 90) break;
    n = n * 26 + code - 64;
  }
  return n - 1;
}

/** The cell types Excel writes, without a substring for the usual ones. */
function typeAt(xml: string, from: number, to: number): string {
  const length = to - from;
  const first = xml.charCodeAt(from);
  if (length === 1)
    return first === 115
      ? "s"
      : first === 110
        ? "n"
        : first === 98
          ? "b"
          : first === 101
            ? "e"
            : first === 100
              ? "d"
              : xml.slice(from, to);
  if (length === 3 && first === 115 && xml.startsWith("str", from)) return "str";
  return xml.slice(from, to);
}

/** The text inside the first <open …>…</close> element between two offsets, or undefined. */
function elementText(xml: string, from: number, to: number, open: string, close: string): string | undefined {
  for (let at = xml.indexOf(open, from); at >= 0 && at < to; at = xml.indexOf(open, at + open.length)) {
    if (!endsName(xml.charCodeAt(at + open.length)) || xml.charCodeAt(at + open.length) === 47) continue;
    const tagEnd = xml.indexOf(">", at);
    if (tagEnd < 0 || tagEnd >= to) return undefined;
    // <v/>: an element with no text.
    if (xml.charCodeAt(tagEnd - 1) === 47) return "";
    const end = xml.indexOf(close, tagEnd);
    return end < 0 || end > to ? undefined : xml.slice(tagEnd + 1, end);
  }
  return undefined;
}

/** The cells of the row whose content lies between two offsets of the XML, up to the last filled one. */
function rowCells(xml: string, from: number, to: number, scan: RowScanner, workbook: Workbook): RawCell[] {
  const out: RawCell[] = [];
  let next = 0;
  let last = -1;
  const open = scan.cellOpen;
  for (let start = xml.indexOf(open, from); start >= 0 && start < to; start = xml.indexOf(open, start + 1)) {
    if (!endsName(xml.charCodeAt(start + open.length))) continue;
    const tagEnd = xml.indexOf(">", start);
    if (tagEnd < 0 || tagEnd >= to) break;
    const selfClosing = xml.charCodeAt(tagEnd - 1) === 47;
    readCellAttributes(xml, start + open.length, selfClosing ? tagEnd - 1 : tagEnd);
    const column = cellAttributes.column === NO_REFERENCE ? next : cellAttributes.column;
    next = column + 1;
    if (selfClosing) continue;
    const close = xml.indexOf(scan.cellClose, tagEnd);
    if (close < 0 || close > to) continue;
    start = close;
    if (close === tagEnd + 1 || column < 0) continue;
    const value = cellValue(xml, tagEnd + 1, close, scan, workbook);
    if (value === null) continue;
    while (out.length < column) out.push(null);
    out[column] = value;
    last = column;
  }
  out.length = last + 1;
  return out;
}

/** The value of the cell whose content lies between two offsets; its attributes are in cellAttributes. */
function cellValue(xml: string, from: number, to: number, scan: RowScanner, workbook: Workbook): RawCell {
  const type = cellAttributes.type || "n";
  if (type === "inlineStr") {
    const inline = elementText(xml, from, to, scan.inlineOpen, scan.inlineClose);
    return blankToNull(inline ? runsText(inline, scan.p) : "");
  }
  const raw = elementText(xml, from, to, scan.valueOpen, scan.valueClose);
  // A formula without a cached result has no value to read (the formula itself is never run).
  if (raw === undefined) return null;
  switch (type) {
    case "s": {
      const text = workbook.strings[Number(raw)];
      return text === undefined ? null : blankToNull(text);
    }
    case "str":
      return blankToNull(xmlText(raw));
    case "b":
      return raw.trim() === "1" || raw.trim().toLowerCase() === "true";
    case "e":
      return xmlText(raw);
    case "d": {
      const date = new Date(xmlText(raw).trim());
      return Number.isNaN(date.getTime()) ? xmlText(raw) : date;
    }
    default: {
      return numberCell(raw.trim(), workbook.styles[cellAttributes.style], workbook.date1904);
    }
  }
}

const blankToNull = (text: string): RawCell => (text.trim() === "" ? null : text);

/**
 * The rows of one sheet as they inflate, blank ones included (a row element with no value):
 * the caller tells blank from filled. A row number that does not increase is a malformed
 * workbook, refused by the caller's rule.
 */
export async function* sheetRows(
  workbook: Workbook,
  sheet: WorkbookSheet,
  tick: (done?: number) => void,
): AsyncGenerator<XlsxRow> {
  const entry = workbook.entries.get(sheet.part)!;
  const handle = await open(workbook.path, "r");
  try {
    let pending = "";
    let scan: RowScanner | undefined;
    let rowOpen = "";
    let rowClose = "";
    let previous = 0;
    let done = false;
    const progress = { bytes: 0 };
    for await (const text of entryText(handle, entry, workbook.file, progress)) {
      pending += text;
      if (!scan) {
        const at = pending.search(/<([A-Za-z_][\w.-]*:)?sheetData[\s>/]/);
        if (at < 0) {
          if (pending.length > XLSX_LIMITS.rowBytes) pending = pending.slice(-1024);
          continue;
        }
        scan = scannerFor(prefixOf(pending.slice(at), "sheetData"));
        rowOpen = `<${scan.p}row`;
        rowClose = `</${scan.p}row>`;
        pending = pending.slice(at);
      }
      let from = 0;
      // Searched once per chunk: the rows before it are read, the rest waits for more text.
      const endOfData = pending.indexOf(`</${scan.p}sheetData>`);
      for (;;) {
        const start = pending.indexOf(rowOpen, from);
        if (endOfData >= 0 && (start < 0 || endOfData < start)) {
          done = true;
          break;
        }
        if (start < 0) {
          from = Math.max(from, pending.length - rowOpen.length);
          break;
        }
        // "<row" at the very end of the text: what follows it (a space, or "Breaks") is still to come.
        if (start + rowOpen.length >= pending.length) {
          from = start;
          break;
        }
        const after = pending.charCodeAt(start + rowOpen.length);
        // <rowBreaks> and the like are not rows.
        if (after !== 32 && after !== 62 && after !== 47 && after !== 9 && after !== 10 && after !== 13) {
          from = start + rowOpen.length;
          continue;
        }
        const tagEnd = pending.indexOf(">", start);
        if (tagEnd < 0) {
          from = start;
          break;
        }
        const tag = pending.slice(start + rowOpen.length, tagEnd);
        const number = Number(attribute(tag, "r") ?? previous + 1);
        if (pending.charCodeAt(tagEnd - 1) === 47) {
          previous = number;
          yield { number, cells: [] };
          from = tagEnd + 1;
          continue;
        }
        const end = pending.indexOf(rowClose, tagEnd);
        if (end < 0) {
          from = start;
          break;
        }
        previous = number;
        yield { number, cells: rowCells(pending, tagEnd + 1, end, scan, workbook) };
        from = end + rowClose.length;
      }
      if (done) break;
      pending = pending.slice(from);
      if (pending.length > XLSX_LIMITS.rowBytes)
        throw refuse(
          workbook.file,
          "xlsx-trop-volumineux",
          `une ligne de la feuille « ${sheet.name} » dépasse ${sizeText(XLSX_LIMITS.rowBytes)} de XML`,
        );
      // The share of the sheet read so far: the reader's budget projects its total time from it.
      tick(progress.bytes / Math.max(1, entry.uncompressedBytes));
    }
  } finally {
    await handle.close();
  }
}
