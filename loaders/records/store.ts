/**
 * The private store, data/private/<year>/: the only place where de-identified individual
 * records are kept between builds. Data minimisation (Article 7, Annex 1): no address, no
 * identifier, no birth date (ages replace them), no name; nothing links a person from one
 * year to the next (no identifier is kept, not even a hash). Folders are 0700 and files 0600
 * whatever the umask. Layout of one year:
 *   store/<dataset>.json            de-identified records (this module)
 *   store/<dataset>.manifest.json   where they come from, without any personal value
 *   intake/, quality/, quarantine/  written by the exports stage (quarantine keeps rejected rows)
 *   corrections/                    the analysts' geocoding corrections (addresses)
 * `abs purge --year <YYYY>` deletes the whole year (purge.ts).
 */
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { AggregateRecord, DatasetEdition, PrivateRecord, RowAccount } from "../contracts.ts";
import { yearFiles } from "../common/year-files.ts";

/** One dataset and year of the private store: de-identified records only. */
export interface StoredDataset {
  edition: DatasetEdition;
  account: RowAccount;
  records: PrivateRecord[];
  aggregates: AggregateRecord[];
}

/** Where a stored dataset comes from: enough to trace it, nothing about a person. */
export interface StoreManifest {
  dataset: string;
  year: number;
  /** Name of the partner's file, and the SHA-256 of its bytes (proves which file was used). */
  sourceFile: string;
  sourceSha256: string;
  observationDate: string;
  lastUpdate: string | null;
  synthetic: boolean;
  storedAt: string;
  account: RowAccount;
  records: number;
  /** Field names kept per record: reviewable by the data-protection officer. */
  fields: string[];
}

/** Field names that identify a person or a home: never stored. */
const PERSONAL_FIELDS =
  /^(identifier|identifiant|index|address|adresse|street|rue|birthDate|dateNaissance|name|nom|firstName|prenom|phone|telephone|email|nir)$/i;

/** A record keeps only these keys besides its fields (see PrivateRecord). */
const RECORD_KEYS = new Set(["dataset", "year", "observationDate", "iris", "commune", "matchType", "fields"]);

/** Creates `folder` and its parents up to `root` as 0700, whatever the umask. */
export function privateFolder(root: string, folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  for (let dir = folder; dir.startsWith(root) && dir !== dirname(root); dir = dirname(dir)) chmodSync(dir, 0o700);
}

/** Writes a private file as 0600 (writeFile keeps an existing file's mode: forced after). */
export function writePrivateFile(path: string, content: string | Uint8Array): void {
  writeFileSync(path, content, { mode: 0o600 });
  chmodSync(path, 0o600);
}

function assertDeidentified(stored: StoredDataset): void {
  for (const record of stored.records) {
    const extra = Object.keys(record).find((key) => !RECORD_KEYS.has(key));
    const personal = Object.keys(record.fields).find((field) => PERSONAL_FIELDS.test(field));
    const field = extra ?? personal;
    // The field's name is printed, never its value.
    if (field)
      throw new Error(
        `Le magasin privé refuse un enregistrement de ${stored.edition.dataset} ${stored.edition.year} portant le champ personnel « ${field} ».`,
      );
  }
}

/**
 * Writes data/private/<year>/store/<dataset>.json (0600 in a 0700 folder). Refuses a record
 * that still carries a personal field: the store keeps no address, identifier or birth date.
 */
export function writeStoredDataset(privateDir: string, stored: StoredDataset): string {
  assertDeidentified(stored);
  const folder = join(privateDir, String(stored.edition.year), "store");
  privateFolder(privateDir, folder);
  const file = join(folder, `${stored.edition.dataset}.json`);
  writePrivateFile(file, JSON.stringify(stored));
  return file;
}

/** The de-identified records of one export and their manifest, written side by side. */
export function storeExport(
  privateDir: string,
  sourcePath: string,
  stored: StoredDataset,
  now = new Date(),
): { data: string; manifest: string } {
  const data = writeStoredDataset(privateDir, stored);
  const fields = [
    ...new Set(
      stored.records
        .flatMap((r) => Object.keys(r.fields))
        .concat(stored.aggregates.flatMap((a) => Object.keys(a.fields))),
    ),
  ].sort();
  const manifest: StoreManifest = {
    dataset: stored.edition.dataset,
    year: stored.edition.year,
    sourceFile: basename(sourcePath),
    sourceSha256: createHash("sha256").update(readFileSync(sourcePath)).digest("hex"),
    observationDate: stored.edition.observationDate,
    lastUpdate: stored.edition.lastUpdate,
    synthetic: stored.edition.synthetic,
    storedAt: now.toISOString(),
    account: stored.account,
    records: stored.records.length + stored.aggregates.length,
    fields,
  };
  const manifestPath = join(dirname(data), `${stored.edition.dataset}.manifest.json`);
  writePrivateFile(manifestPath, JSON.stringify(manifest, null, 1));
  return { data, manifest: manifestPath };
}

/** A stored dataset of <private>/<year>/store/, not its manifest. */
export const isStoredDatasetFile = (name: string) => name.endsWith(".json") && !name.endsWith(".manifest.json");

/** Every dataset and year in the private store. */
export function readStore(privateDir: string): StoredDataset[] {
  return yearFiles(privateDir, isStoredDatasetFile, "store").map(
    ({ path }) => JSON.parse(readFileSync(path, "utf8")) as StoredDataset,
  );
}
