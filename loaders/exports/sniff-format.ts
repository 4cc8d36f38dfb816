/**
 * What a file is, told by its content and not its name (an xlsx renamed .csv is an xlsx),
 * and every reason it cannot be read, in French: missing, a folder, unreadable, empty, too
 * large, encrypted, Excel 97-2003, OpenDocument, PDF, an image or an archive.
 */
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { InputError } from "../contracts.ts";

export type SniffedFormat = "xlsx" | "csv";

/** Limits said in the refusal so that the partner knows what to send instead. */
export const MAX_CSV_BYTES = 200 * 2 ** 20;
export const MAX_XLSX_BYTES = 100 * 2 ** 20;

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];

const OTHER_FORMATS: { signature: number[]; label: string }[] = [
  { signature: [0x25, 0x50, 0x44, 0x46], label: "document PDF" },
  { signature: [0x89, 0x50, 0x4e, 0x47], label: "image PNG" },
  { signature: [0xff, 0xd8, 0xff], label: "image JPEG" },
  { signature: [0x1f, 0x8b], label: "archive gzip" },
  { signature: [0x52, 0x61, 0x72, 0x21], label: "archive RAR" },
  { signature: [0x37, 0x7a, 0xbc, 0xaf], label: "archive 7-Zip" },
  { signature: [0x7b, 0x5c, 0x72, 0x74, 0x66], label: "document RTF" },
];

const startsWith = (buf: Uint8Array, sig: number[]) => sig.every((b, i) => buf[i] === b);

export function describeFsError(file: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT" || code === "ENOTDIR")
    return new InputError(`${file} : fichier introuvable (vérifiez le chemin).`, file, "fichier-introuvable");
  if (code === "EISDIR")
    return new InputError(`${file} : c'est un dossier, pas un fichier.`, file, "fichier-est-un-dossier");
  if (code === "EACCES" || code === "EPERM")
    return new InputError(`${file} : fichier illisible (droits d'accès insuffisants).`, file, "fichier-illisible");
  return new InputError(`${file} : fichier illisible (erreur du système de fichiers).`, file, "fichier-illisible");
}

/**
 * What a command says when something other than an InputError stops it: the file and the
 * step, in French; never the internal message or stack (English, and it may quote a cell).
 */
export function unexpectedFailure(file: string, step: string): string {
  return `${file} : erreur inattendue pendant ${step}, la commande s'est arrêtée sans résultat. Vérifiez le fichier, puis signalez le problème avec la commande lancée (sans joindre de données personnelles).`;
}

const readHead = (path: string, file: string, n: number) => readAt(path, file, 0, n);

async function readAt(path: string, file: string, position: number, n: number): Promise<Uint8Array> {
  try {
    const handle = await open(path, "r");
    try {
      const buf = Buffer.alloc(n);
      const { bytesRead } = await handle.read(buf, 0, n, position);
      return buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw describeFsError(file, error);
  }
}

const ENCRYPTION_STREAMS = ["EncryptedPackage", "EncryptionInfo"].map((name) => Buffer.from(name, "utf16le"));

/**
 * An xlsx saved with a password is an OLE container holding "EncryptionInfo" and
 * "EncryptedPackage" streams, not an Excel 97-2003 file. Their names are in the container's
 * directory, which Excel may place after the encrypted package, at the end of a large file:
 * the directory's first sectors are read from the header's pointer, then the file's tail.
 */
async function isEncryptedPackage(path: string, file: string, head: Uint8Array, size: number): Promise<boolean> {
  const holdsName = (bytes: Uint8Array) => ENCRYPTION_STREAMS.some((name) => Buffer.from(bytes).includes(name));
  if (holdsName(head)) return true;
  const header = Buffer.from(head);
  if (header.length < 0x34) return false;
  const sectorSize = 2 ** header.readUInt16LE(0x1e);
  const directorySector = header.readUInt32LE(0x30);
  const directoryAt = (directorySector + 1) * sectorSize;
  if (
    sectorSize >= 512 &&
    sectorSize <= 4096 &&
    directoryAt < size &&
    holdsName(await readAt(path, file, directoryAt, 64 * 1024))
  )
    return true;
  return size > head.length && holdsName(await readAt(path, file, Math.max(0, size - 64 * 1024), 64 * 1024));
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} Mo`;

export async function sniffFormat(path: string): Promise<{ format: SniffedFormat; size: number }> {
  const file = basename(path);
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error(), { code: "EISDIR" });
    size = info.size;
  } catch (error) {
    throw describeFsError(file, error);
  }
  if (size === 0) throw new InputError(`${file} : le fichier est vide.`, file, "fichier-vide");
  // Encrypted workbooks put their "EncryptedPackage" stream name in the first sectors.
  const head = await readHead(path, file, Math.min(size, 64 * 1024));
  const refuse = (rule: string, why: string) => new InputError(`${file} : ${why}`, file, rule);
  if (startsWith(head, OLE)) {
    if (await isEncryptedPackage(path, file, head, size))
      throw refuse(
        "classeur-chiffre",
        "classeur chiffré (protégé par mot de passe), illisible sans son mot de passe. Ouvrez-le dans Excel, retirez le mot de passe (Fichier > Informations > Protéger le classeur > Chiffrer avec mot de passe) et enregistrez-le au format .xlsx, ou exportez-le en CSV.",
      );
    throw refuse(
      "format-xls",
      "format Excel 97-2003 (.xls) non pris en charge. Ouvrez le fichier dans Excel et enregistrez-le au format .xlsx, ou exportez-le en CSV.",
    );
  }
  if (startsWith(head, ZIP) || startsWith(head, EMPTY_ZIP)) {
    if (size > MAX_XLSX_BYTES)
      throw refuse("xlsx-trop-volumineux", `classeur trop volumineux (${mb(size)}, au plus ${mb(MAX_XLSX_BYTES)}).`);
    return { format: "xlsx", size };
  }
  const other = OTHER_FORMATS.find((f) => startsWith(head, f.signature));
  if (other) throw refuse("format-inconnu", `${other.label}, pas un export. Fournissez un fichier .xlsx ou .csv.`);
  const start = Buffer.from(head.subarray(0, 512)).toString("latin1").trimStart().toLowerCase();
  if (start.startsWith("<?xml") || start.startsWith("<html") || start.startsWith("<!doctype"))
    throw refuse(
      "format-inconnu",
      "page HTML ou XML (un « faux » fichier Excel), pas un export. Ouvrez-le dans Excel et enregistrez-le au format .xlsx.",
    );
  if (size > MAX_CSV_BYTES)
    throw refuse("csv-trop-volumineux", `fichier CSV trop volumineux (${mb(size)}, au plus ${mb(MAX_CSV_BYTES)}).`);
  return { format: "csv", size };
}
