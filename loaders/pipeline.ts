/**
 * The whole chain, one entry point, ONE process over ALL datasets and years:
 * exports -> validation -> geocoding (address dropped) -> de-duplication (identifier dropped)
 * -> indicators -> disclosure control -> audit -> Parquet tables + catalogue, in one zip.
 * Individual rows never leave this process; only protected tables come out.
 */
import type { AggregateRecord, DatasetEdition, PrivateRecord } from "./contracts.ts";
import { commentaryDir, privateDir } from "./paths.ts";
import { readObservatoryConfig, type ObservatoryConfig } from "./config.ts";
import { audit } from "./disclosure/audit.ts";
import { protect } from "./disclosure/protect.ts";
import { assertAddressIndexAllowed, loadAddressIndex } from "./geocode/address-index.ts";
import { computeIndicators } from "./indicators/compute.ts";
import { buildPublication } from "./publish/publication.ts";
import { zipMembers } from "./publish/zip.ts";
import { findInputs } from "./records/inputs.ts";
import { ingestAll } from "./records/ingest-all.ts";
import { loadCorrections } from "./records/not-placed.ts";
import { communesOfDepartement } from "./reference/communes.ts";
import { loadDenominators } from "./reference/denominators.ts";
import { readIrisContours } from "./reference/iris-contours.ts";
import { resolveReferenceDir } from "./reference/resolve.ts";
import { zonePopulations } from "./publish/zones.ts";
import { readCommentaries } from "./publish/commentary.ts";
import { approvalsPath } from "./paths.ts";
import { markReviewMembers } from "./publish/review.ts";
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

/**
 * From de-identified records to protected cells: indicators at IRIS, commune and département
 * level, then primary and secondary suppression. Exposed for the tests and benchmarks that
 * check the chain on other data.
 */
export async function protectedIndicators(
  input: { records: PrivateRecord[]; aggregates: AggregateRecord[]; editions: DatasetEdition[] },
  context: { refDir: string; config: ObservatoryConfig },
) {
  const { territory, secrecy } = context.config;
  const read = await readIrisContours(context.refDir, { commune: territory.commune });
  // A commune not split into IRIS has one pseudo-IRIS (type Z): commune and département levels only.
  const contours = { ...read, features: read.features.filter((f) => f.properties.type !== "Z") };
  const communeIris = contours.features.map((f) => f.properties.code).sort();
  const communes = communesOfDepartement(territory.departement).map((c) => c.code);
  const denominators = await loadDenominators(context.refDir);
  const computed = await computeIndicators({
    ...input,
    denominators,
    commune: territory.commune,
    departement: territory.departement,
    communeIris,
    communes,
  });
  const years = [...new Set(input.editions.map((e) => e.year))];
  const zones = zonePopulations(denominators, { communeIris, communes, departement: territory.departement, years });
  const table = protect(computed.cells, computed.relations, zones, secrecy);
  return { contours, communeIris, communes, denominators, computed, zones, table };
}

export async function runPipeline(options: PipelineOptions = {}): Promise<Uint8Array> {
  const log = options.log ?? (() => {});
  const config = readObservatoryConfig();
  const territory = config.territory;
  const refDir = resolveReferenceDir();
  const inputs = findInputs();
  if (inputs.files.length === 0 && inputs.synthetic) {
    throw new PipelineError(
      "Aucun export trouvé (ni data/exports/<année>/, ni l'échantillon fictif) : lancez « npm run build ».",
    );
  }
  const index = await loadAddressIndex(refDir);
  assertAddressIndexAllowed(index, { synthetic: inputs.synthetic });
  const corrections = await loadCorrections(privateDir, index);

  const { records, aggregates, editions, matchTypes } = await ingestAll(inputs, {
    territory,
    index,
    corrections,
    privateDir,
    log,
  });
  const { contours, computed, zones, table } = await protectedIndicators(
    { records, aggregates, editions },
    { refDir, config },
  );
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
    const cells = report.failures
      .slice(0, 10)
      .map((f) => `- ${f.cell} : ${f.reason}`)
      .join("\n");
    throw new PipelineError(
      `L'audit du secret statistique a échoué : des cases secrètes peuvent être recalculées.\n${cells}`,
    );
  }
  log(`Audit du secret statistique réussi (${report.components} composante(s)).`);
  return zipMembers(await publication.members());
}
