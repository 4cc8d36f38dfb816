/**
 * Generators of broken and hostile files, by family, for the corpus test: each writes real
 * bytes (csv text in several encodings, xlsx built by exceljs and then tampered with) under a
 * temporary folder. People are synthetic; the values are chosen so that a leak is visible.
 */
import { readFileSync, writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import iconv from "iconv-lite";

export const APA_HEADER = ["Index", "Adresse", "Commune", "Sexe", "Date de naissance", "Situation familiale", "GIR"];

/** A synthetic APA person, row n: identifier, address in Aix, sex, birth date, family, GIR. */
export function apaRow(n: number): string[] {
  const day = String((n % 27) + 1).padStart(2, "0");
  return [
    `ID${String(n).padStart(5, "0")}`,
    `${n + 1} rue Cardinale`,
    "Aix-en-Provence",
    n % 2 ? "F" : "M",
    `${day}/0${(n % 9) + 1}/19${20 + (n % 30)}`,
    n % 3 ? "isolé" : "couple",
    String((n % 4) + 1),
  ];
}

export const apaRows = (count: number, from = 1) => Array.from({ length: count }, (_, i) => apaRow(from + i));

/** Cells quoted where needed, ";" between them, CRLF between rows: what Excel writes. */
export function csvText(rows: string[][], sep = ";"): string {
  const quote = (c: string) => (/[";\r\n]/.test(c) || c.includes(sep) ? `"${c.replaceAll('"', '""')}"` : c);
  return rows.map((r) => r.map(quote).join(sep)).join("\r\n") + "\r\n";
}

export function writeText(path: string, text: string, encoding: "utf-8" | "windows-1252" | "utf-16le" = "utf-8") {
  const bytes =
    encoding === "utf-8"
      ? Buffer.from(text, "utf8")
      : encoding === "utf-16le"
        ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])
        : iconv.encode(text, "win1252");
  writeFileSync(path, bytes);
  return path;
}

export interface SheetSpec {
  name: string;
  rows: (string | number | Date | null)[][];
  state?: "visible" | "hidden" | "veryHidden";
  /** Column number formats, by 1-based column (e.g. "000000" for identifiers). */
  formats?: Record<number, string>;
}

export async function writeWorkbook(path: string, sheets: SheetSpec[], opts: { date1904?: boolean } = {}) {
  const workbook = new ExcelJS.Workbook();
  if (opts.date1904) workbook.properties.date1904 = true;
  for (const spec of sheets) {
    const ws = workbook.addWorksheet(spec.name, { state: spec.state ?? "visible" });
    for (const row of spec.rows) ws.addRow(row);
    for (const [col, fmt] of Object.entries(spec.formats ?? {})) ws.getColumn(Number(col)).numFmt = fmt;
  }
  await workbook.xlsx.writeFile(path);
  return path;
}

/** Rewrites one part of a written xlsx (dimension tricks, stray cells). */
export function patchZip(path: string, part: string, patch: (xml: string) => string) {
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  files[part] = strToU8(patch(new TextDecoder().decode(files[part]!)));
  writeFileSync(path, zipSync(files));
}

/**
 * The OLE container of an Excel workbook protected by a password: its stream names in UTF-16
 * in the directory. `packageBytes`: an encrypted package that long comes first and the
 * directory sector after it, at the header's pointer, as Excel writes large workbooks.
 */
export function encryptedWorkbookBytes(packageBytes = 0): Buffer {
  const sectors = Math.ceil(packageBytes / 512);
  const file = Buffer.alloc(512 * (sectors + 2));
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file);
  file.writeUInt16LE(9, 0x1e); // sectors of 2^9 = 512 bytes
  file.writeUInt32LE(sectors, 0x30); // first directory sector, after the package
  for (let i = 512; i < 512 * (sectors + 1); i++) file[i] = (i * 7919) & 0xff; // ciphertext-like bytes
  const directory = 512 * (sectors + 1);
  Buffer.from("Root Entry", "utf16le").copy(file, directory);
  Buffer.from("EncryptionInfo", "utf16le").copy(file, directory + 128);
  Buffer.from("EncryptedPackage", "utf16le").copy(file, directory + 256);
  return file;
}

/** An OpenDocument spreadsheet: a zip whose first entry says so. */
export function odsBytes(): Uint8Array {
  return zipSync({
    mimetype: strToU8("application/vnd.oasis.opendocument.spreadsheet"),
    "content.xml": strToU8("<office:document-content/>"),
    "META-INF/manifest.xml": strToU8("<manifest/>"),
  });
}

/** Formula-looking identifiers of the OWASP list, as partners' cells may hold them. */
export const FORMULA_IDENTIFIERS = [
  '=HYPERLINK("http://exemple.invalid/?x="&A1;"clic")',
  "+33612345678",
  "@SUM(1+1)",
  "-2+3",
  "=1+1",
  "\t=cmd",
];

/**
 * A workbook of `count` short rows under the APA header (an identifier and a sex), whose
 * `<dimension>` lies (A1:I23), as an independent tester built it: about 10 MB of xlsx for a
 * million rows. The reader must refuse it or read it within its budget of 1 s per MB.
 */
export async function manyShortRowsWorkbook(path: string, count: number) {
  await writeWorkbook(path, [{ name: "APA", rows: [APA_HEADER] }]);
  patchZip(path, "xl/worksheets/sheet1.xml", (xml) => {
    const rows: string[] = [];
    for (let n = 2; n <= count + 1; n++)
      rows.push(
        `<row r="${n}"><c r="A${n}" t="inlineStr"><is><t>ID${n}</t></is></c><c r="D${n}" t="inlineStr"><is><t>${n % 2 ? "F" : "M"}</t></is></c></row>`,
      );
    return xml
      .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:I23"/>')
      .replace("</sheetData>", `${rows.join("")}</sheetData>`);
  });
  return path;
}
