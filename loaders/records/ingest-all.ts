import { rmSync } from "node:fs";
import { basename } from "node:path";
import type { AggregateRecord, DatasetEdition, PrivateRecord } from "../contracts.ts";
import { intakeExport } from "../exports/intake.ts";
import { readExport } from "../exports/read-export.ts";
import type { Corrections } from "../geocode/corrections.ts";
import type { AddressIndex } from "../geocode/address-index.ts";
import { describeAccount } from "./account.ts";
import { ingestParsed, type Territory } from "./ingest.ts";
import type { InputSet } from "./inputs.ts";
import { writeNotPlaced } from "./not-placed.ts";
import { readStore, storeExport } from "./store.ts";

export interface IngestedSet {
  records: PrivateRecord[];
  aggregates: AggregateRecord[];
  editions: DatasetEdition[];
}

/**
 * Every export found, read, geocoded and de-identified; for real exports also the private
 * store, the quarantine of addresses not placed, and the deletion of the export once stored
 * (Annex 1: "suppression du champ adresse dès que le géocodage est réalisé"), plus the
 * datasets that earlier runs stored.
 */
export async function ingestAll(
  inputs: InputSet,
  context: {
    territory: Territory & { communeName: string };
    index: AddressIndex;
    corrections: Corrections;
    privateDir: string;
    log: (line: string) => void;
  },
): Promise<IngestedSet> {
  const { territory, index, corrections, privateDir, log } = context;
  const set: IngestedSet = { records: [], aggregates: [], editions: [] };
  const ingestedNow = new Set<string>();
  for (const input of inputs.files) {
    // Real exports go through the intake: manifest, 0600 quarantine of rejected rows, and the
    // partner-facing quality report in data/private/<year>/.
    const parsed = inputs.synthetic
      ? await readExport(input.path, { defaultCommune: territory.communeName })
      : (await intakeExport(input.path, { year: input.year, privateDir, defaultCommune: territory.communeName, log }))
          .parsed;
    const ingested = ingestParsed(parsed, {
      year: input.year,
      territory,
      index,
      synthetic: inputs.synthetic,
      corrections,
    });
    // A loop, not push(...rows): spreading 100,000+ arguments overflows the call stack.
    for (const record of ingested.records) set.records.push(record);
    for (const aggregate of ingested.aggregates) set.aggregates.push(aggregate);
    set.editions.push(ingested.edition);
    ingestedNow.add(`${ingested.edition.dataset}|${ingested.edition.year}`);
    log(describeAccount(input.path, parsed.dataset, input.year, ingested.account));
    if (!inputs.synthetic) {
      writeNotPlaced(privateDir, input.year, parsed.dataset, ingested.notPlaced);
      storeExport(privateDir, input.path, {
        edition: ingested.edition,
        account: ingested.account,
        records: ingested.records,
        aggregates: ingested.aggregates,
      });
      rmSync(input.path);
      log(`${basename(input.path)} : enregistré dans le magasin privé désidentifié, fichier d'export supprimé.`);
    }
  }
  if (!inputs.synthetic) {
    // Datasets ingested by earlier builds (or `abs ingest`) come back from the private store.
    for (const stored of readStore(privateDir)) {
      if (ingestedNow.has(`${stored.edition.dataset}|${stored.edition.year}`)) continue;
      for (const record of stored.records) set.records.push(record);
      for (const aggregate of stored.aggregates) set.aggregates.push(aggregate);
      set.editions.push(stored.edition);
    }
  }
  return set;
}
