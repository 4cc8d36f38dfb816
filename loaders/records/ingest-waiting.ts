/**
 * Ingestion as a step of its own: the exports waiting in data/exports/<year>/ are read,
 * geocoded, de-duplicated, stored de-identified in the private store, and deleted (Annex 1)
 * BEFORE Framework runs — by the build's preparation or `npm run abs -- ingest`. The data
 * loader never does it: it only reads the private store, so a preview (`npm run dev`) never
 * deletes a file the analyst left there.
 */
import { readObservatoryConfig } from "../config.ts";
import { assertAddressIndexAllowed, loadAddressIndex } from "../geocode/address-index.ts";
import { exportsDir, privateDir } from "../paths.ts";
import { resolveReferenceDir } from "../reference/resolve.ts";
import { ingestAll } from "./ingest-all.ts";
import { exportFilesIn, hasStoredDatasets, type InputFile } from "./inputs.ts";
import { loadCorrections } from "./not-placed.ts";

/** The command that ingests waiting exports, named by every message that mentions them. */
export const ingestCommandLine = "npm run abs -- ingest";

/** Real exports waiting in data/exports/ (not yet in the private store). */
export function waitingExports(): InputFile[] {
  return exportFilesIn(exportsDir);
}

/** French notice of exports left waiting, for the preview's terminal and pages; null when none. */
export function describeWaitingExports(files: readonly InputFile[] = waitingExports()): string | null {
  if (files.length === 0) return null;
  const shown = hasStoredDatasets()
    ? "l'aperçu montre le magasin privé sans eux"
    : "le magasin privé est vide : l'aperçu montre les données fictives";
  return `${files.length} export(s) en attente dans data/exports/ (non encore intégré(s) : ${shown}). Lancez « ${ingestCommandLine} » pour les intégrer (le fichier est supprimé une fois enregistré désidentifié).`;
}

/** Ingests every waiting export into the private store; returns how many files were stored. */
export async function ingestWaitingExports(log: (line: string) => void): Promise<number> {
  const files = waitingExports();
  if (files.length === 0) return 0;
  const config = readObservatoryConfig();
  const index = await loadAddressIndex(resolveReferenceDir());
  assertAddressIndexAllowed(index, { synthetic: false });
  const corrections = await loadCorrections(privateDir, index);
  await ingestAll({ files, synthetic: false }, { territory: config.territory, index, corrections, privateDir, log });
  return files.length;
}
