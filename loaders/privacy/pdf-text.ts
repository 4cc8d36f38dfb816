/**
 * The text of a PDF, enough for the leak scan (not a renderer). Chromium (Skia) writes its
 * page contents as FlateDecode streams where text is shown with hex-encoded glyph ids
 * (`<0035004400530053> Tj`) in Type0 fonts; each font's /ToUnicode CMap (itself a compressed
 * stream) maps the glyph ids back to characters. So: inflate every stream with node:zlib,
 * read each font's CMap, follow each page's /Font resources, and decode every string shown
 * by the text operators (Tj, TJ, ', ") with the font selected by Tf. Simple fonts without a
 * CMap are read byte by byte (Latin-1), which covers hand-written and most other producers.
 * The document's dictionaries (title, author: Chromium copies the page title there) are
 * returned too.
 */
import { inflateSync } from "node:zlib";

interface PdfObject {
  dict: string;
  stream: Uint8Array | null;
}

type CMap = Map<number, string> & { codeBytes?: number };

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");

function parseObjects(source: string): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  const header = /(\d+)\s+\d+\s+obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(source))) {
    const start = match.index + match[0].length;
    const end = source.indexOf("endobj", start);
    if (end < 0) break;
    const body = source.slice(start, end);
    const streamAt = body.search(/\bstream\r?\n/);
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: body, stream: null });
    } else {
      const dict = body.slice(0, streamAt);
      const dataStart = body.indexOf("\n", streamAt) + 1;
      const dataEnd = body.lastIndexOf("endstream");
      const raw = Buffer.from(body.slice(dataStart, dataEnd < 0 ? body.length : dataEnd), "latin1");
      objects.set(Number(match[1]), { dict, stream: decodeStream(dict, raw) });
    }
    header.lastIndex = end;
  }
  return objects;
}

function decodeStream(dict: string, raw: Buffer): Uint8Array | null {
  if (!/\/Filter/.test(dict)) return raw;
  if (!/\/FlateDecode/.test(dict)) return null;
  try {
    return inflateSync(raw);
  } catch {
    // Trailing bytes (an end-of-line before endstream) upset zlib: retry on a trimmed copy.
    try {
      return inflateSync(raw.subarray(0, raw.length - 2));
    } catch {
      return null;
    }
  }
}

const hexToBytes = (hex: string) => {
  const clean = hex.replace(/[^0-9a-fA-F]/g, "");
  const even = clean.length % 2 ? `${clean}0` : clean;
  return Uint8Array.from(even.match(/../g) ?? [], (h) => parseInt(h, 16));
};

function utf16be(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i + 1 < bytes.length; i += 2) text += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
  return text;
}

function parseCMap(text: string): CMap {
  const map: CMap = new Map();
  const range = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/.exec(
    /begincodespacerange([\s\S]*?)endcodespacerange/.exec(text)?.[1] ?? "",
  );
  map.codeBytes = range ? Math.max(1, Math.ceil(range[1].length / 2)) : 2;
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, unicode] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(parseInt(code, 16), utf16be(hexToBytes(unicode)));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, target] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const base = hexToBytes(target);
      const first = parseInt(from, 16);
      const last = Math.min(parseInt(to, 16), first + 0xffff);
      for (let code = first; code <= last; code++) {
        const unit = ((base[base.length - 2] ?? 0) << 8) + (base[base.length - 1] ?? 0) + (code - first);
        map.set(code, utf16be(base.subarray(0, base.length - 2)) + String.fromCharCode(unit));
      }
    }
  }
  return map;
}

function decodeShown(bytes: Uint8Array, cmap: CMap | undefined): string {
  if (!cmap) return latin1(bytes);
  const width = cmap.codeBytes ?? 2;
  let text = "";
  for (let i = 0; i + width <= bytes.length; i += width) {
    let code = 0;
    for (let k = 0; k < width; k++) code = (code << 8) | bytes[i + k];
    text += cmap.get(code) ?? "";
  }
  return text;
}

/** Reads a literal string "( ... )" starting at `at` (the parenthesis); returns bytes and end. */
function literalString(source: string, at: number): { bytes: Uint8Array; end: number } {
  const out: number[] = [];
  let depth = 0;
  let i = at;
  for (; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      const next = source[++i];
      const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, "(": 40, ")": 41, "\\": 92 };
      if (next in escapes) out.push(escapes[next]);
      else if (/[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(source.slice(i, i + 3))![0];
        out.push(parseInt(octal, 8) & 0xff);
        i += octal.length - 1;
      }
      continue;
    }
    if (c === "(") {
      if (depth++ === 0) continue;
    } else if (c === ")") {
      if (--depth === 0) break;
    }
    out.push(c.charCodeAt(0) & 0xff);
  }
  return { bytes: Uint8Array.from(out), end: i + 1 };
}

/** Runs of text shown in one content stream, decoded with the fonts of its page. */
function showText(content: string, fonts: Map<string, CMap | undefined>): string[] {
  const runs: string[] = [];
  let font: CMap | undefined;
  let pending: Uint8Array[] = [];
  const token = /\/([^\s/<>[\]()]+)\s+[-\d.]+\s+Tf|<([0-9a-fA-F\s]*)>|\(|\b(Tj|TJ|'|")(?![A-Za-z])|\]/g;
  let match: RegExpExecArray | null;
  while ((match = token.exec(content))) {
    if (match[1] !== undefined) {
      font = fonts.get(match[1]);
    } else if (match[2] !== undefined) {
      pending.push(hexToBytes(match[2]));
    } else if (match[0] === "(") {
      const literal = literalString(content, match.index);
      pending.push(literal.bytes);
      token.lastIndex = literal.end;
    } else if (match[3] !== undefined) {
      // A TJ array's pieces are one run (kerning between them is not a space).
      runs.push(pending.map((bytes) => decodeShown(bytes, font)).join(""));
      pending = [];
    }
  }
  return runs;
}

const reference = (dict: string, key: string) => {
  const found = new RegExp(`/${key}\\s+(\\d+)\\s+\\d+\\s+R`).exec(dict);
  return found ? Number(found[1]) : null;
};

/** The dictionary named `key` in `dict`, inline (<< ... >>) or by reference. */
function subDictionary(dict: string, key: string, objects: Map<number, PdfObject>): string {
  const at = dict.search(new RegExp(`/${key}\\s*<<`));
  if (at >= 0) {
    let depth = 0;
    for (let i = dict.indexOf("<<", at); i < dict.length - 1; i++) {
      if (dict.startsWith("<<", i)) {
        depth++;
        i++;
      } else if (dict.startsWith(">>", i)) {
        depth--;
        i++;
        if (depth === 0) return dict.slice(at, i + 1);
      }
    }
    return dict.slice(at);
  }
  const ref = reference(dict, key);
  return ref !== null ? (objects.get(ref)?.dict ?? "") : "";
}

/** Every piece of text a PDF shows or declares, as separate strings. */
export function pdfText(bytes: Uint8Array): string[] {
  const source = latin1(bytes);
  const objects = parseObjects(source);
  const texts: string[] = [];
  const cmaps = new Map<number, CMap>();
  const cmapOf = (fontObject: number): CMap | undefined => {
    if (cmaps.has(fontObject)) return cmaps.get(fontObject);
    const ref = reference(objects.get(fontObject)?.dict ?? "", "ToUnicode");
    const stream = ref !== null ? objects.get(ref)?.stream : null;
    const cmap = stream ? parseCMap(latin1(stream)) : undefined;
    if (cmap) cmaps.set(fontObject, cmap);
    return cmap;
  };
  for (const object of objects.values()) {
    // Dictionaries: /Title (…) or <FEFF…> strings (UTF-16 when they start with a BOM).
    texts.push(object.dict);
    for (const [, hex] of object.dict.matchAll(/<([0-9a-fA-F]{4,})>/g)) {
      const raw = hexToBytes(hex);
      texts.push(raw[0] === 0xfe && raw[1] === 0xff ? utf16be(raw.subarray(2)) : latin1(raw));
    }
    if (!/\/Type\s*\/Page\b/.test(object.dict)) continue;
    const resources = subDictionary(object.dict, "Resources", objects);
    const fontDict = subDictionary(resources, "Font", objects);
    const fonts = new Map<string, CMap | undefined>();
    for (const [, name, ref] of fontDict.matchAll(/\/([^\s/<>[\]()]+)\s+(\d+)\s+\d+\s+R/g))
      fonts.set(name, cmapOf(Number(ref)));
    const contentsAt = /\/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/.exec(object.dict)?.[1] ?? "";
    for (const [, ref] of contentsAt.matchAll(/(\d+)\s+\d+\s+R/g)) {
      const stream = objects.get(Number(ref))?.stream;
      if (!stream) continue;
      const runs = showText(latin1(stream), fonts);
      // Words split over two runs, and runs placed side by side without a space: both joins.
      texts.push(runs.join(""), runs.join(" "));
    }
  }
  return texts;
}
