import { existsSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { InputError } from "../contracts.ts";
import { loadAddressIndex } from "../geocode/address-index.ts";
import { drawAddress } from "../geocode/draw-address.ts";
import { resolveReferenceDir } from "../reference/resolve.ts";
import { exportFilesIn, findInputs, hasStoredDatasets, type InputSet } from "../records/inputs.ts";
import { describeWaitingExports, ingestWaitingExports, waitingExports } from "../records/ingest-waiting.ts";
import { generateSamples } from "../sample/generate.ts";
import { dataDir, sampleDir } from "../paths.ts";

/**
 * A waiting export the reader refuses, named as the analyst finds it (data/exports/<année>/<fichier>)
 * with its rule, and the reassurance that it is still there: ingestion deletes a file only once stored.
 */
export function exportRefused(error: InputError): InputError {
  const waiting = waitingExports().find((f) => f.path === error.file || basename(f.path) === basename(error.file));
  if (!waiting) return error;
  const file = join("data", relative(dataDir, waiting.path));
  const message = error.message.startsWith(`${error.file} :`)
    ? `${file} :${error.message.slice(error.file.length + 2)}`
    : `${file} : ${error.message}`;
  const rule = /\(règle [a-z0-9-]+\)/.test(message) ? "" : ` (règle ${error.rule})`;
  return new InputError(
    `${message.replace(/\.?\s*$/, "")}${rule}. Ce fichier n'a pas été intégré : il est toujours dans ${join("data", relative(dataDir, waiting.path), "..")}/.`,
    file,
    error.rule,
    error.exitCode,
  );
}

interface SampleSettings {
  seed: number;
  years: number[];
}

/**
 * Before a build: real exports waiting in data/exports/ are ingested (stored de-identified,
 * then deleted); with no real export in data/exports/, (re)generate the synthetic sample
 * from its fixed seed, so the site always shows something and says it is fictitious.
 */
export async function prepareInputs(
  log: (line: string) => void,
  options: { ingest: boolean } = { ingest: true },
): Promise<InputSet> {
  const found = findInputs();
  if (!found.synthetic) {
    // Ingestion is a step of its own, before Framework runs; the preview never deletes an export.
    if (options.ingest) {
      const stored = await ingestWaitingExports(log).catch((error: unknown) => {
        throw error instanceof InputError ? exportRefused(error) : error;
      });
      if (stored > 0) log(`${stored} export(s) intégré(s) au magasin privé désidentifié.`);
      return found;
    }
    const waiting = describeWaitingExports();
    if (waiting) log(waiting);
    // The preview of a first real export before its ingestion shows the sample (findPreviewInputs).
    if (hasStoredDatasets()) return found;
  }
  const settings: SampleSettings = JSON.parse(readFileSync(join(dataDir, "observatory.json"), "utf8")).sample;
  log(
    `${found.synthetic ? "Aucun export réel dans data/exports/ : g" : "G"}énération des exports fictifs (graine ${settings.seed})…`,
  );
  const index = await loadAddressIndex(resolveReferenceDir());
  await generateSamples({
    outDir: sampleDir,
    seed: settings.seed,
    years: settings.years,
    drawAddress: (rng: () => number) => drawAddress(index, rng, { noise: 0.3 }),
  });
  const sample = { files: exportFilesIn(sampleDir), synthetic: true };
  if (!existsSync(sampleDir) || sample.files.length === 0)
    throw new Error("La génération des exports fictifs n'a produit aucun fichier.");
  return sample;
}
