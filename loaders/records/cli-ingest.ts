import { basename } from "node:path";
import { progressReporter } from "../common/progress.ts";
import { unexpectedFailure } from "../exports/sniff-format.ts";
import { readObservatoryConfig } from "../config.ts";
import type { DatasetId } from "../contracts.ts";
import { InputError } from "../contracts.ts";
import { intakeExport } from "../exports/intake.ts";
import { assertAddressIndexAllowed, loadAddressIndex, type AddressIndex } from "../geocode/address-index.ts";
import { defineCommand, flag, parseCommandArgs, printRefusal, usageError } from "../common/cli-args.ts";
import { referenceIris } from "../exports/reference-iris.ts";
import { resolveReferenceDir } from "../reference/resolve.ts";
import { privateDir } from "../paths.ts";
import { describeAccount } from "./account.ts";
import { ingestParsed } from "./ingest.ts";
import { loadCorrections, writeNotPlaced } from "./not-placed.ts";
import { writeStoredDataset } from "./store.ts";
import { ingestWaitingExports } from "./ingest-waiting.ts";

const SPEC = defineCommand(
  "ingest <fichier.xlsx|csv>",
  "protocole 2 : vérifie l'export, géocode les adresses à l'IRIS et range les lignes désidentifiées dans le magasin privé (sans argument : tous les exports en attente dans data/exports/)",
  {
    jeu: flag.value("<jeu>", "jeu de données (obligatoire)"),
    annee: flag.value("<AAAA>", "année d'observation (obligatoire ; données au 31/12)"),
    feuille: flag.value("<nom>", "feuille du classeur à lire (défaut : la meilleure feuille visible)"),
    fictif: flag.switch("fichier de données fictives (référentiel fictif admis)"),
  },
);

/**
 * `abs ingest` (Protocol 2 of Annex 3): validates an export, geocodes its addresses to IRIS,
 * de-duplicates by identifier, and stores the de-identified rows in the private store. The
 * address, the identifier and the birth date never reach the store.
 */
export async function ingestCommand(
  args: string[],
  print: (line: string) => void = console.log,
  deps: { index?: AddressIndex } = {},
): Promise<number> {
  // With no file: the ingestion step of a build, for every export waiting in data/exports/.
  if (args.length === 0) {
    const stored = await ingestWaitingExports(print);
    print(
      stored > 0 ? `${stored} export(s) intégré(s) au magasin privé.` : "Aucun export en attente dans data/exports/.",
    );
    return 0;
  }
  let file: string, dataset: DatasetId, year: number, synthetic: boolean, sheet: string | undefined;
  try {
    const parsed = parseCommandArgs(SPEC, args);
    if ("help" in parsed) {
      print(parsed.help);
      return 0;
    }
    const v = parsed.values;
    year = Number(v.annee);
    if (typeof v.jeu !== "string" || !Number.isInteger(year) || year < 2000 || year > 2100)
      throw usageError(SPEC, "--jeu et --annee (quatre chiffres) sont obligatoires");
    file = parsed.positionals[0]!;
    dataset = v.jeu as DatasetId;
    synthetic = v.fictif === true;
    sheet = typeof v.feuille === "string" ? v.feuille : undefined;
  } catch (error) {
    return printRefusal(error, print);
  }
  try {
    const config = readObservatoryConfig();
    const index = deps.index ?? (await loadAddressIndex(resolveReferenceDir()));
    assertAddressIndexAllowed(index, { synthetic });
    const intake = await intakeExport(file, {
      year,
      privateDir,
      dataset,
      synthetic,
      ...(sheet !== undefined ? { sheet } : {}),
      knownIris: await referenceIris(),
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
    // A second table in the sheet is not stored: the partner must split the file.
    return rejected > 0 || intake.manifest.conflicts > 0 || intake.parsed.layout.stackedTable ? 1 : 0;
  } catch (error) {
    if (error instanceof InputError) {
      print(error.message);
      return error.exitCode;
    }
    print(unexpectedFailure(basename(file), "l'intégration"));
    return 2;
  }
}
