/**
 * Bytes of a CSV to text, decided per file: UTF-8 (with or without BOM) or Windows-1252, the
 * two encodings partners' tools produce. The decision is by lines: a file where at least as
 * many lines hold valid UTF-8 accents as lines holding foreign bytes is UTF-8 (a line pasted
 * from an old tool), those bytes alone read as Windows-1252 and each one reported by row and
 * column; otherwise the file is Windows-1252, and the lines that looked like UTF-8 are named.
 * One stray byte never turns every accent of the file into mojibake, and nothing is silent.
 * A file opening with a UTF-16 byte-order mark (Excel's « Texte Unicode ») is read as UTF-16,
 * and said. Anything else (UTF-16 without its mark, binary, DOS code pages, text converted
 * twice) is refused by a named rule, saying how to convert the file.
 */
import iconv from "iconv-lite";
import { InputError } from "../contracts.ts";

export type TextEncodingName = "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";

export interface EncodingDecision {
  encoding: TextEncodingName;
  /** Bytes of a UTF-8 file that were not UTF-8, read as Windows-1252 (reported by cell). */
  strayBytes: number;
  /** Lines of text with non-ASCII characters, by kind: what the decision rests on. */
  utf8Lines: number;
  foreignLines: number;
  /** A Windows-1252 file: the first lines that read as valid UTF-8 (possibly pasted UTF-8). */
  utf8LinesSeen?: number[];
}

/** How many line numbers a decision keeps for its message. */
const LINES_KEPT = 10;

/**
 * Stray bytes are decoded to a private-use character first (U+E080 to U+E0FF), so that the
 * reader can tell which cell holds one, then to their Windows-1252 character.
 */
export const STRAY_MARK = /[\uE080-\uE0FF]/g;
export const unmarkStray = (text: string) =>
  text.replace(STRAY_MARK, (c) => WIN1252_HIGH[c.charCodeAt(0) - 0xe000 - 128]!);

// Bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D have no character in Windows-1252.
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
// DOS code pages (850, 437) put é, è, à, ç where Windows-1252 has typographic signs.
const DOS_INSIDE_WORD =
  /[a-z][\u201A\u0192\u201E\u2020\u2021\u02C6\u2030\u0160\u2039\u017D\u0161\u203A\u017E\u0178\u02DC\u2122\u0152\u02C6][a-z]/i;
const DOUBLE_ENCODED = /Ã[\u00A0-\u00BF]|Ã©|Ã¨/;

const refusal = (file: string, why: string) =>
  new InputError(
    `${file} : encodage du fichier non reconnu (${why} ; règle encodage-inconnu). Ouvrez-le dans Excel puis « Enregistrer sous » au format « CSV UTF-8 (délimité par des virgules) », ou dans le Bloc-notes « Enregistrer sous » avec l'encodage UTF-8.`,
    file,
    "encodage-inconnu",
  );

/** Length of the UTF-8 sequence starting at i, or 0 when the bytes there are not UTF-8. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (!n || i + n > bytes.length) return 0;
  for (let k = 1; k < n; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  return n;
}

/** The bytes carried from the previous chunk (a cut UTF-8 sequence), then the new chunk. */
function joined(carry: Uint8Array, chunk: Uint8Array): Uint8Array {
  if (!carry.length) return chunk;
  const bytes = new Uint8Array(carry.length + chunk.length);
  bytes.set(carry);
  bytes.set(chunk, carry.length);
  return bytes;
}

/** Counts, in one pass over chunks, the valid multi-byte sequences and the stray bytes. */
export class EncodingScanner {
  private stray = 0;
  private line = 1;
  private lineValid = false;
  private lineForeign = false;
  private utf8Lines = 0;
  private foreignLines = 0;
  private readonly utf8LinesSeen: number[] = [];
  private carry = new Uint8Array(0);
  private undefined1252 = false;
  private start = true;
  /** Set by a byte-order mark: the file is UTF-16 and its bytes are not scanned further. */
  private utf16: "utf-16le" | "utf-16be" | null = null;

  constructor(private readonly file: string) {}

  push(chunk: Uint8Array, last = false): void {
    if (this.utf16) return;
    const bytes = joined(this.carry, chunk);
    this.carry = new Uint8Array(0);
    if (this.start) {
      this.start = false;
      if (bytes[0] === 0xff && bytes[1] === 0xfe) this.utf16 = "utf-16le";
      else if (bytes[0] === 0xfe && bytes[1] === 0xff) this.utf16 = "utf-16be";
      if (this.utf16) return;
    }
    for (let i = 0; i < bytes.length;) {
      const b = bytes[i]!;
      if (b < 0x80) {
        if (b === 0)
          throw refusal(this.file, "octets nuls : fichier binaire, ou UTF-16 sans marque d'ordre des octets");
        if (b === 0x0a) this.endLine();
        i++;
        continue;
      }
      // A sequence cut by the chunk boundary waits for the next chunk.
      if (!last && i + 4 > bytes.length) {
        this.carry = bytes.slice(i);
        return;
      }
      const n = utf8SequenceLength(bytes, i);
      if (n) {
        this.lineValid = true;
        i += n;
      } else {
        if (UNDEFINED_1252.has(b)) this.undefined1252 = true;
        this.stray++;
        this.lineForeign = true;
        i++;
      }
    }
    if (last) this.endLine();
  }

  private endLine(): void {
    if (this.lineForeign) this.foreignLines++;
    else if (this.lineValid) {
      this.utf8Lines++;
      if (this.utf8LinesSeen.length < LINES_KEPT) this.utf8LinesSeen.push(this.line);
    }
    this.lineValid = this.lineForeign = false;
    this.line++;
  }

  decide(): EncodingDecision {
    if (this.utf16) return { encoding: this.utf16, strayBytes: 0, utf8Lines: 0, foreignLines: 0 };
    const lines = { utf8Lines: this.utf8Lines, foreignLines: this.foreignLines };
    if (!this.stray) return { encoding: "utf-8", strayBytes: 0, ...lines };
    if (this.undefined1252) throw refusal(this.file, "caractères hors de Windows-1252");
    // As many lines of valid UTF-8 as lines with foreign bytes: UTF-8 wins, each stray byte is said.
    if (this.utf8Lines > 0 && this.utf8Lines >= this.foreignLines)
      return { encoding: "utf-8", strayBytes: this.stray, ...lines };
    return {
      encoding: "windows-1252",
      strayBytes: 0,
      ...lines,
      ...(this.utf8Lines ? { utf8LinesSeen: this.utf8LinesSeen } : {}),
    };
  }
}

/** The decision in one French sentence, for the account's notes. */
export function describeEncoding(decision: EncodingDecision): string | null {
  if (decision.encoding === "utf-16le" || decision.encoding === "utf-16be")
    return `encodage : UTF-16 (${decision.encoding === "utf-16le" ? "petit-boutiste" : "gros-boutiste"}, « Texte Unicode » d'Excel), décidé par la marque d'ordre des octets en tête du fichier et lu comme tel.`;
  if (decision.encoding === "utf-8" && decision.strayBytes)
    return `encodage : UTF-8 (${decision.utf8Lines} ligne(s) d'accents UTF-8 valides), avec ${decision.strayBytes} octet(s) isolé(s) d'un autre encodage sur ${decision.foreignLines} ligne(s), lu(s) en Windows-1252 : chaque cellule concernée est signalée (règle octet-hors-utf8).`;
  if (decision.encoding === "windows-1252" && decision.utf8LinesSeen?.length)
    return `encodage : Windows-1252 (${decision.foreignLines} ligne(s) hors UTF-8) ; ${decision.utf8Lines} ligne(s) ressemblent pourtant à de l'UTF-8 (ligne(s) ${decision.utf8LinesSeen.join(", ")}${decision.utf8Lines > decision.utf8LinesSeen.length ? ", …" : ""}) : vérifiez leurs accents (règle encodage-mixte).`;
  if (decision.encoding === "windows-1252")
    return `encodage : Windows-1252 (${decision.foreignLines} ligne(s) avec des accents hors UTF-8, aucune en UTF-8).`;
  return null;
}

const WIN1252_HIGH = iconv.decode(Buffer.from(Array.from({ length: 128 }, (_, i) => i + 128)), "win1252");

/** Chunked bytes to text under a decided encoding; sequences cut by a boundary are carried. */
export class TextChunkDecoder {
  private carry = new Uint8Array(0);
  private first = true;
  private readonly utf8: TextDecoder;

  constructor(private readonly decision: EncodingDecision) {
    const utf16 = decision.encoding === "utf-16le" || decision.encoding === "utf-16be";
    this.utf8 = new TextDecoder(utf16 ? decision.encoding : "utf-8", { fatal: !utf16 });
  }

  write(chunk: Uint8Array, last = false): string {
    let text: string;
    if (this.decision.encoding === "windows-1252") text = iconv.decode(Buffer.from(chunk), "win1252");
    else if (!this.decision.strayBytes) text = this.utf8.decode(chunk, { stream: !last });
    else text = this.mixed(chunk, last);
    if (this.first && text.length) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text;
  }

  private mixed(chunk: Uint8Array, last: boolean): string {
    const bytes = joined(this.carry, chunk);
    this.carry = new Uint8Array(0);
    let out = "";
    let runStart = 0;
    const flush = (end: number) => {
      if (end > runStart) out += new TextDecoder("utf-8").decode(bytes.subarray(runStart, end));
    };
    for (let i = 0; i < bytes.length;) {
      const b = bytes[i]!;
      if (b < 0x80) {
        i++;
        continue;
      }
      if (!last && i + 4 > bytes.length) {
        flush(i);
        this.carry = bytes.slice(i);
        return out;
      }
      const n = utf8SequenceLength(bytes, i);
      if (n) i += n;
      else {
        flush(i);
        out += String.fromCharCode(0xe000 + b);
        i++;
        runStart = i;
      }
    }
    flush(bytes.length);
    return out;
  }
}

/** Checks on the first decoded text: conversions the byte counts cannot see. */
export function checkDecodedSample(sample: string, decision: EncodingDecision, file: string): void {
  if (decision.encoding === "utf-8" && DOUBLE_ENCODED.test(sample))
    throw refusal(file, "texte UTF-8 converti deux fois");
  if (decision.encoding === "windows-1252" && DOS_INSIDE_WORD.test(sample))
    throw refusal(file, "page de code DOS probable");
}
