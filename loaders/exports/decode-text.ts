/**
 * Bytes of a CSV to text, decided per file: UTF-8 (with or without BOM) or Windows-1252, the
 * two encodings partners' tools produce. A UTF-8 file with a few stray Windows-1252 bytes (a
 * line pasted from an old tool) is read as UTF-8, those bytes alone as Windows-1252, and the
 * account says so: one stray byte must not turn every accent of the file into mojibake.
 * Anything else (UTF-16, binary, DOS code pages, text converted twice) is refused.
 */
import iconv from "iconv-lite";
import { InputError } from "../contracts.ts";

export type TextEncodingName = "utf-8" | "windows-1252";

export interface EncodingDecision {
  encoding: TextEncodingName;
  /** Bytes of a UTF-8 file that were not UTF-8, read as Windows-1252. */
  strayBytes: number;
  /** 1-based line of the first stray byte. */
  firstStrayLine?: number;
}

// Bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D have no character in Windows-1252.
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
// DOS code pages (850, 437) put é, è, à, ç where Windows-1252 has typographic signs.
const DOS_INSIDE_WORD =
  /[a-z][\u201A\u0192\u201E\u2020\u2021\u02C6\u2030\u0160\u2039\u017D\u0161\u203A\u017E\u0178\u02DC\u2122\u0152\u02C6][a-z]/i;
const DOUBLE_ENCODED = /Ã[\u00A0-\u00BF]|Ã©|Ã¨/;

const refusal = (file: string, why: string) =>
  new InputError(
    `${file} : encodage du fichier non reconnu (${why}). Enregistrez-le en CSV UTF-8 ou en CSV Windows (Windows-1252).`,
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
  private multibyte = 0;
  private stray = 0;
  private firstStrayLine?: number;
  private line = 1;
  private carry = new Uint8Array(0);
  private undefined1252 = false;
  private start = true;

  constructor(private readonly file: string) {}

  push(chunk: Uint8Array, last = false): void {
    const bytes = joined(this.carry, chunk);
    this.carry = new Uint8Array(0);
    if (this.start) {
      this.start = false;
      if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
        throw refusal(this.file, "UTF-16");
    }
    for (let i = 0; i < bytes.length;) {
      const b = bytes[i]!;
      if (b < 0x80) {
        if (b === 0) throw refusal(this.file, "octets nuls, fichier binaire ou UTF-16");
        if (b === 0x0a) this.line++;
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
        this.multibyte++;
        i += n;
      } else {
        if (UNDEFINED_1252.has(b)) this.undefined1252 = true;
        this.stray++;
        this.firstStrayLine ??= this.line;
        i++;
      }
    }
  }

  decide(): EncodingDecision {
    if (!this.stray) return { encoding: "utf-8", strayBytes: 0 };
    if (this.undefined1252) throw refusal(this.file, "caractères hors de Windows-1252");
    // Mostly UTF-8 with a few foreign bytes: UTF-8 wins, the stray bytes are said.
    if (this.multibyte > this.stray)
      return { encoding: "utf-8", strayBytes: this.stray, firstStrayLine: this.firstStrayLine! };
    return { encoding: "windows-1252", strayBytes: 0 };
  }
}

const WIN1252_HIGH = iconv.decode(Buffer.from(Array.from({ length: 128 }, (_, i) => i + 128)), "win1252");

/** Chunked bytes to text under a decided encoding; sequences cut by a boundary are carried. */
export class TextChunkDecoder {
  private carry = new Uint8Array(0);
  private first = true;
  private readonly utf8 = new TextDecoder("utf-8", { fatal: true });

  constructor(private readonly decision: EncodingDecision) {}

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
        out += WIN1252_HIGH[b - 128];
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

/** A whole buffer at once (small files, tests). */
export function decodeText(bytes: Uint8Array, file: string): { text: string } & EncodingDecision {
  const scanner = new EncodingScanner(file);
  scanner.push(bytes, true);
  const decision = scanner.decide();
  const text = new TextChunkDecoder(decision).write(bytes, true);
  checkDecodedSample(text.slice(0, 65_536), decision, file);
  return { text, ...decision };
}
