import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ExportRow } from "../contracts.ts";
import { correctionKey, readCorrections, type Corrections } from "../geocode/corrections.ts";
import type { AddressIndex } from "../geocode/address-index.ts";

/** The analyst's corrections file, private: data/private/corrections.csv ("adresse;correction"). */
export const correctionsFile = (privateDir: string) => join(privateDir, "corrections.csv");

export async function loadCorrections(privateDir: string, index: AddressIndex): Promise<Corrections> {
  const file = correctionsFile(privateDir);
  return existsSync(file) ? readCorrections(file, index) : new Map();
}

/**
 * Rows of the observed commune that could not be placed in an IRIS keep their address only
 * here, in the private quarantine (0600), so that the analyst can write a correction; a
 * purge of the year deletes them. Returns the file written, or null when every row was placed.
 */
export function writeNotPlaced(privateDir: string, year: number, dataset: string, rows: ExportRow[]): string | null {
  if (rows.length === 0) return null;
  const folder = join(privateDir, String(year), "quarantine");
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = join(folder, `${dataset}.non-places.csv`);
  const lines = ["adresse;correction (adresse corrigée ou code IRIS)"];
  for (const row of rows) if (row.address) lines.push(`${correctionKey(row.address).replaceAll(";", " ")};`);
  writeFileSync(file, `\uFEFF${lines.join("\r\n")}\r\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}
