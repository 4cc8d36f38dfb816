import { extname } from "node:path";
import { yearFiles } from "../common/year-files.ts";
import { exportsDir, privateDir, sampleDir } from "../paths.ts";
import { isStoredDatasetFile } from "./store.ts";

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
  const isExport = (name: string) =>
    !name.startsWith(".") && !name.startsWith("~$") && READABLE.has(extname(name).toLowerCase());
  return yearFiles(root, isExport).map(({ path, year }) => ({ path, year }));
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
  return yearFiles(root, isStoredDatasetFile, "store").length > 0;
}
