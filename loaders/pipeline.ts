/**
 * The whole chain, one entry point, ONE process over ALL datasets and years:
 * exports -> validation -> geocoding (address dropped) -> de-duplication (identifier dropped)
 * -> indicators -> disclosure control -> audit -> Parquet tables + catalogue, in one zip.
 * Individual rows never leave this process; only protected tables come out.
 */
import { rmSync } from "node:fs";
import { basename } from "node:path";
import type { AggregateRecord, DatasetEdition, MatchType, PrivateRecord } from "./contracts.ts";
import { commentaryDir, privateDir } from "./build/paths.ts";
import { readObservatoryConfig } from "./config.ts";
import { audit } from "./disclosure/audit.ts";
import { protect } from "./disclosure/protect.ts";
import { intakeExport } from "./exports/intake.ts";
import { readExport } from "./exports/read-export.ts";
import { assertAddressIndexAllowed, loadAddressIndex } from "./geocode/address-index.ts";
import { computeIndicators } from "./indicators/compute.ts";
import { buildPublication } from "./publish/publication.ts";
import { zipMembers } from "./publish/zip.ts";
import { findInputs } from "./records/inputs.ts";
import { ingestParsed } from "./records/ingest.ts";
import { loadCorrections, writeNotPlaced } from "./records/not-placed.ts";
import { describeAccount } from "./records/account.ts";
import { readStore, storeExport } from "./records/store.ts";
import { communesOfDepartement } from "./reference/communes.ts";
import { loadDenominators } from "./reference/denominators.ts";
import { readIrisContours } from "./reference/iris-contours.ts";
import { resolveReferenceDir } from "./reference/resolve.ts";
import { zonePopulations } from "./publish/zones.ts";
import { readCommentaries } from "./publish/commentary.ts";
import { approvalsPath } from "./build/paths.ts";
import { markReviewMembers } from "./build/review.ts";
import { readApprovals } from "./publish/approvals.ts";
import { prepareEditorial } from "./publish/commentary-publication.ts";
import { buildModeFromEnv, type BuildMode } from "./publish/gate.ts";
import { visuals } from "./publish/visuals.ts";

export interface PipelineOptions {
  log?: (line: string) => void;
  /** public (default: gate and approvals enforced), review (partners' edition, marked), dev (preview). */
  mode?: BuildMode;
}

export class PipelineError extends Error {}

export async function runPipeline(options: PipelineOptions = {}): Promise<Uint8Array> {
  const log = options.log ?? (() => {});
  const config = readObservatoryConfig();
  const territory = config.territory;
  const refDir = resolveReferenceDir();
  const inputs = findInputs();
  if (inputs.files.length === 0 && inputs.synthetic) {
    throw new PipelineError("Aucun export trouvé (ni data/exports/<année>/, ni l'échantillon fictif) : lancez « npm run build ».");
  }
  const index = await loadAddressIndex(refDir);
  assertAddressIndexAllowed(index, { synthetic: inputs.synthetic });
  const corrections = await loadCorrections(privateDir, index);

  const records: PrivateRecord[] = [];
  const aggregates: AggregateRecord[] = [];
  const editions: DatasetEdition[] = [];
  const ingestedNow = new Set<string>();
  for (const input of inputs.files) {
    // Real exports go through the intake: manifest, 0600 quarantine of rejected rows, and the
    // partner-facing quality report in data/private/<year>/.
    const parsed = inputs.synthetic
      ? await readExport(input.path, { defaultCommune: territory.communeName })
      : (await intakeExport(input.path, { year: input.year, privateDir, defaultCommune: territory.communeName, log })).parsed;
    const ingested = ingestParsed(parsed, { year: input.year, territory, index, synthetic: inputs.synthetic, corrections });
    // A loop, not push(...rows): spreading 100,000+ arguments overflows the call stack.
    for (const record of ingested.records) records.push(record);
    for (const aggregate of ingested.aggregates) aggregates.push(aggregate);
    editions.push(ingested.edition);
    ingestedNow.add(`${ingested.edition.dataset}|${ingested.edition.year}`);
    log(describeAccount(input.path, parsed.dataset, input.year, ingested.account));
    if (!inputs.synthetic) {
      // Real exports: de-identified rows go to the private store, addresses not placed to the
      // quarantine, and the export itself is deleted — its addresses and identifiers have
      // served (Annex 1: "suppression du champ adresse dès que le géocodage est réalisé").
      writeNotPlaced(privateDir, input.year, parsed.dataset, ingested.notPlaced);
      storeExport(privateDir, input.path, { edition: ingested.edition, account: ingested.account, records: ingested.records, aggregates: ingested.aggregates });
      rmSync(input.path);
      log(`${basename(input.path)} : enregistré dans le magasin privé désidentifié, fichier d'export supprimé.`);
    }
  }
  if (!inputs.synthetic) {
    // Datasets ingested by earlier builds (or `abs ingest`) come back from the private store.
    for (const stored of readStore(privateDir)) {
      if (ingestedNow.has(`${stored.edition.dataset}|${stored.edition.year}`)) continue;
      for (const record of stored.records) records.push(record);
      for (const aggregate of stored.aggregates) aggregates.push(aggregate);
      editions.push(stored.edition);
    }
  }
  const matchTypes: Partial<Record<MatchType, number>> = {};
  for (const record of records) if (record.commune === territory.commune) matchTypes[record.matchType] = (matchTypes[record.matchType] ?? 0) + 1;

  const contours = await readIrisContours(refDir, { commune: territory.commune });
  const aixIris = contours.features.map((f) => f.properties.code).sort();
  const communes = communesOfDepartement(territory.departement).map((c) => c.code);
  const denominators = await loadDenominators(refDir);
  const computed = await computeIndicators({ records, aggregates, editions, denominators, aixIris, communes });

  const zones = zonePopulations(denominators, { aixIris, communes, departement: territory.departement, years: [...new Set(editions.map((e) => e.year))] });
  const table = protect(computed.cells, computed.relations, zones, config.secrecy);
  // Editorial hook (Article 6): commentary lint, gate, approvals, members of the visuals shown.
  const mode = options.mode ?? buildModeFromEnv();
  const commentaries = readCommentaries(commentaryDir);
  const editorial = prepareEditorial({
    mode,
    visuals,
    commentaries,
    approvals: readApprovals(approvalsPath),
    published: table.cells,
    raw: computed.cells,
    catalogue: computed.catalogue,
    synthetic: inputs.synthetic,
    publishedAt: new Date().toISOString().slice(0, 10),
  });
  for (const m of editorial.gate.missing) log(`À commenter : ${m.visual} (${m.year}) — ${m.reason}.`);
  const publication = buildPublication({
    table,
    cells: computed.cells,
    relations: computed.relations,
    zones,
    catalogue: computed.catalogue,
    contours,
    commentaries,
    editorial,
    ...(mode === "review" ? { mark: (members: Map<string, Uint8Array | string>) => markReviewMembers(members) } : {}),
    synthetic: inputs.synthetic,
    fictitiousGeography: index.fictitious,
    matchTypes,
    config,
  });
  const report = await audit(table.cells, publication.auditCatalogue, { threshold: config.secrecy.threshold });
  if (!report.ok) {
    const cells = report.failures.slice(0, 10).map((f) => `- ${f.cell} : ${f.reason}`).join("\n");
    throw new PipelineError(`L'audit du secret statistique a échoué : des cases secrètes peuvent être recalculées.\n${cells}`);
  }
  log(`Audit du secret statistique réussi (${report.components} composante(s)).`);
  return zipMembers(await publication.members());
}
