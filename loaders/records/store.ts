import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AggregateRecord, DatasetEdition, PrivateRecord, RowAccount } from "../contracts.ts";

/** One dataset and year of the private store: de-identified records only. */
export interface StoredDataset {
  edition: DatasetEdition;
  account: RowAccount;
  records: PrivateRecord[];
  aggregates: AggregateRecord[];
}

const PERSONAL_FIELDS = ["identifier", "address", "birthDate", "name", "firstName"];

/**
 * Writes data/private/<year>/store/<dataset>.json, readable by its owner only. Refuses a
 * record that still carries a personal field: the store keeps no address, identifier or
 * birth date (data minimisation, Article 7).
 */
export function writeStoredDataset(privateDir: string, stored: StoredDataset): string {
  for (const record of stored.records) {
    const personal = PERSONAL_FIELDS.find((field) => field in record.fields);
    if (personal) throw new Error(`Le magasin privé refuse un enregistrement portant le champ personnel « ${personal} ».`);
  }
  const folder = join(privateDir, String(stored.edition.year), "store");
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(join(privateDir, String(stored.edition.year)), 0o700);
  const file = join(folder, `${stored.edition.dataset}.json`);
  writeFileSync(file, JSON.stringify(stored), { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

/** Every dataset and year in the private store. */
export function readStore(privateDir: string): StoredDataset[] {
  if (!existsSync(privateDir)) return [];
  const found: StoredDataset[] = [];
  for (const year of readdirSync(privateDir).filter((y) => /^\d{4}$/.test(y)).sort()) {
    const folder = join(privateDir, year, "store");
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder).filter((f) => f.endsWith(".json")).sort()) {
      found.push(JSON.parse(readFileSync(join(folder, file), "utf8")));
    }
  }
  return found;
}
