import { progressReporter } from "../common/progress.ts";
import { readObservatoryConfig } from "../config.ts";
import type { DatasetId } from "../contracts.ts";
import { InputError } from "../contracts.ts";
import { intakeExport } from "../exports/intake.ts";
import { assertAddressIndexAllowed, loadAddressIndex } from "../geocode/address-index.ts";
import { resolveReferenceDir } from "../reference/resolve.ts";
import { privateDir } from "../paths.ts";
import { describeAccount } from "./account.ts";
import { ingestParsed } from "./ingest.ts";
import { loadCorrections, writeNotPlaced } from "./not-placed.ts";
import { writeStoredDataset } from "./store.ts";
import { ingestWaitingExports } from "./ingest-waiting.ts";

const USAGE =
  "Usage : abs ingest <fichier.xlsx|csv> --dataset <jeu> --year <AAAA> [--fictif], ou abs ingest (tous les exports de data/exports/)";

/**
 * `abs ingest` (Protocol 2 of Annex 3): validates an export, geocodes its addresses to IRIS,
 * de-duplicates by identifier, and stores the de-identified rows in the private store. The
 * address, the identifier and the birth date never reach the store.
 */
export async function ingestCommand(args: string[], print: (line: string) => void = console.log): Promise<number> {
  const file = args.find((a) => !a.startsWith("--") && args[args.indexOf(a) - 1]?.startsWith("--") !== true);
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  // With no file: the ingestion step of a build, for every export waiting in data/exports/.
  if (args.length === 0) {
    const stored = await ingestWaitingExports(print);
    print(
      stored > 0 ? `${stored} export(s) intégré(s) au magasin privé.` : "Aucun export en attente dans data/exports/.",
    );
    return 0;
  }
  const year = Number(option("--year"));
  const dataset = option("--dataset") as DatasetId | undefined;
  if (!file || !dataset || !Number.isInteger(year) || year < 2000) {
    print(USAGE);
    return 2;
  }
  const synthetic = args.includes("--fictif");
  try {
    const config = readObservatoryConfig();
    const index = await loadAddressIndex(resolveReferenceDir());
    assertAddressIndexAllowed(index, { synthetic });
    const intake = await intakeExport(file, {
      year,
      privateDir,
      dataset,
      synthetic,
      defaultCommune: config.territory.communeName,
      log: print,
    });
    const corrections = await loadCorrections(privateDir, index);
    const progress = progressReporter("géocodage", intake.parsed.rows.length);
    const ingested = ingestParsed(intake.parsed, {
      year,
      territory: config.territory,
      index,
      synthetic,
      corrections,
      progress,
    });
    const notPlaced = writeNotPlaced(privateDir, year, dataset, ingested.notPlaced);
    if (notPlaced)
      print(
        `${ingested.notPlaced.length} adresse(s) non placée(s) : corrigez-les dans ${notPlaced} puis reportez-les dans data/private/corrections.csv.`,
      );
    const stored = writeStoredDataset(privateDir, {
      edition: ingested.edition,
      account: ingested.account,
      records: ingested.records,
      aggregates: ingested.aggregates,
    });
    print(describeAccount(file, dataset, year, ingested.account));
    print(`Enregistrements désidentifiés (sans adresse, identifiant ni date de naissance) : ${stored}`);
    const rejected = Object.values(ingested.account.rejected).reduce((a, b) => a + b, 0);
    return rejected > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof InputError) {
      print(error.message);
      return error.exitCode;
    }
    throw error;
  }
}
