import { existsSync, readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { exportsDir, privateDir, sampleDir } from "../paths.ts";

export interface InputFile {
  path: string;
  /** Year of observation, from the folder name data/exports/<year>/. */
  year: number;
}

export interface InputSet {
  files: InputFile[];
  /** True when no real export exists and the synthetic sample is used. */
  synthetic: boolean;
}

const READABLE = new Set([".xlsx", ".csv", ".xls"]);

/** Export files under <root>/<year>/; answer keys, manifests and hidden files are not exports. */
export function exportFilesIn(root: string): InputFile[] {
  if (!existsSync(root)) return [];
  const files: InputFile[] = [];
  for (const year of readdirSync(root).sort()) {
    const folder = join(root, year);
    if (!/^\d{4}$/.test(year) || !statSync(folder).isDirectory()) continue;
    for (const name of readdirSync(folder).sort()) {
      if (name.startsWith(".") || name.startsWith("~$")) continue;
      if (READABLE.has(extname(name).toLowerCase())) files.push({ path: join(folder, name), year: Number(year) });
    }
  }
  return files;
}

/**
 * Real exports when any exist (data/exports/<year>/) or were already ingested into the private
 * store (their files are deleted once stored), else the synthetic sample.
 */
export function findInputs(): InputSet {
  const real = exportFilesIn(exportsDir);
  if (real.length > 0 || hasStoredDatasets(privateDir)) return { files: real, synthetic: false };
  return { files: exportFilesIn(sampleDir), synthetic: true };
}

/**
 * What the preview (`npm run dev`) shows: the private store when it holds data, else the
 * synthetic sample. Exports waiting in data/exports/ are the ingestion step's and are never
 * read here: a first real export dropped before any ingestion leaves the preview on the
 * fictitious data, and the page says which command ingests it.
 */
export function findPreviewInputs(): InputSet {
  if (hasStoredDatasets(privateDir)) return { files: [], synthetic: false };
  return { files: exportFilesIn(sampleDir), synthetic: true };
}

export function hasStoredDatasets(root: string = privateDir): boolean {
  if (!existsSync(root)) return false;
  return readdirSync(root).some(
    (year) =>
      /^\d{4}$/.test(year) &&
      existsSync(join(root, year, "store")) &&
      readdirSync(join(root, year, "store")).some((f) => f.endsWith(".json") && !f.endsWith(".manifest.json")),
  );
}
