/**
 * Bytes of a CSV to text: UTF-8 (with or without BOM) or Windows-1252, the two encodings
 * partners' tools produce. Anything else is refused rather than silently garbled.
 */
import iconv from "iconv-lite";
import { InputError } from "../contracts.ts";

export type TextEncodingName = "utf-8" | "windows-1252";

// Bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D have no character in Windows-1252.
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
// DOS code pages (850, 437) put é, è, à, ç where Windows-1252 has typographic signs.
const DOS_INSIDE_WORD =
  /[a-z][\u201A\u0192\u201E\u2020\u2021\u02C6\u2030\u0160\u2039\u017D\u0161\u203A\u017E\u0178\u02DC\u2122\u0152\u02C6][a-z]/i;
const DOUBLE_ENCODED = /Ã[\u00A0-\u00BF]|Ã©|Ã¨/;

export function decodeText(bytes: Uint8Array, file: string): { text: string; encoding: TextEncodingName } {
  const refuse = (why: string) =>
    new InputError(
      `${file} : encodage du fichier non reconnu (${why}). Enregistrez-le en CSV UTF-8 ou en CSV Windows (Windows-1252).`,
      file,
      "encodage-inconnu",
    );
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw refuse("UTF-16");
  const probe = bytes.subarray(0, 65_536);
  if (probe.includes(0)) throw refuse("octets nuls, fichier binaire ou UTF-16");
  let text: string;
  let encoding: TextEncodingName;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    encoding = "utf-8";
    if (DOUBLE_ENCODED.test(text)) throw refuse("texte UTF-8 converti deux fois");
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (bytes.some((b) => UNDEFINED_1252.has(b))) throw refuse("caractères hors de Windows-1252");
    // Node 20's TextDecoder("windows-1252") reads 0x80-0x9F as Latin-1 controls (€, œ, ’ lost): iconv-lite maps them.
    text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "win1252");
    encoding = "windows-1252";
    if (DOS_INSIDE_WORD.test(text)) throw refuse("page de code DOS probable");
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding };
}
