/**
 * The whole chain, one entry point, ONE process over ALL datasets and years:
 * exports -> validation -> geocoding (address dropped) -> de-duplication (identifier dropped)
 * -> indicators -> disclosure control -> audit -> Parquet tables + catalogue, in one zip.
 * Individual rows never leave this process; only protected tables come out.
 */
import { join } from "node:path";
import type {
  AggregateRecord,
  Cell,
  FictitiousGeography,
  DatasetEdition,
  PrivateRecord,
  PublishedCell,
  SumRelation,
} from "./contracts.ts";
import { commentaryDir, dataDir, privateDir, projectRoot, srcDir, stageCacheDir } from "./paths.ts";
import { readObservatoryConfig, type ObservatoryConfig } from "./config.ts";
import { audit, auditPrimaryCells } from "./disclosure/audit.ts";
import { constraintsFromArchives, publishedRevisions } from "./disclosure/editions-constraints.ts";
import { auditUnion, DEPLOYED, sameEdition } from "./disclosure/editions-union.ts";
import { archivedEditions, editionsDir } from "./publish/editions.ts";
import { deployedCellFiles, deployedDir, deployedEdition, type DeployedManifest } from "./publish/editions-deployed.ts";
import { protect, type ProtectedTable, type ZonePopulation } from "./disclosure/protect.ts";
import { assertAddressIndexAllowed, fictitiousGeographyOf, loadAddressIndex } from "./geocode/address-index.ts";
import { computeIndicators } from "./indicators/compute.ts";
import { buildPublication, dataMembers } from "./publish/publication.ts";
import { zipMembers } from "./publish/zip.ts";
import { findInputs, findPreviewInputs } from "./records/inputs.ts";
import { ingestAll } from "./records/ingest-all.ts";
import { geocodingCounts, type GeocodingCounts } from "./publish/geocoding-quality.ts";
import { loadCorrections } from "./records/not-placed.ts";
import { communesOfDepartement, irisByArrondissement, municipalArrondissements } from "./reference/communes.ts";
import { loadDenominators } from "./reference/denominators.ts";
import { readIrisContours } from "./reference/iris-contours.ts";
import { resolveReferenceDir } from "./reference/resolve.ts";
import { zonePopulations } from "./publish/zones.ts";
import { readCommentaries } from "./publish/commentary.ts";
import { readAnalyses } from "./publish/analyses.ts";
import { approvalsPath } from "./paths.ts";
import { markReviewMembers } from "./publish/review.ts";
import { readApprovals } from "./publish/approvals.ts";
import { prepareEditorial } from "./publish/commentary-publication.ts";
import { buildModeFromEnv, type BuildMode } from "./publish/gate.ts";
import { visuals } from "./publish/visuals.ts";
import { prepareEditorialForPreview, readForPreview, type PreviewProblem } from "./publish/preview-editorial.ts";
import { readPageProse } from "./publish/page-prose.ts";
import type { IndicatorYearInfo } from "./indicators/types.ts";
import { describeWaitingExports } from "./records/ingest-waiting.ts";
import { cachedStage, contentHash, filesUnder, type StageCodec } from "./stage-cache.ts";
import { unzipSync } from "fflate";
import { placesMember } from "./publish/places.ts";

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
  context: {
    refDir: string;
    config: ObservatoryConfig;
    /** The published cells of each archived edition, oldest first: the new protection starts from them. */
    archives?: readonly (readonly PublishedCell[])[];
  },
) {
  const { territory, secrecy } = context.config;
  const read = await readIrisContours(context.refDir, { commune: territory.commune });
  // A commune not split into IRIS has one pseudo-IRIS (type Z): commune and département levels only.
  const contours = { ...read, features: read.features.filter((f) => f.properties.type !== "Z") };
  const communeIris = contours.features.map((f) => f.properties.code).sort();
  const communes = communesOfDepartement(territory.departement).map((c) => c.code);
  // Marseille's IRIS grouped by arrondissement: a level between IRIS and commune (none elsewhere).
  const arrondissements = irisByArrondissement(communeIris, municipalArrondissements(territory.commune));
  const denominators = await loadDenominators(context.refDir);
  const computed = await computeIndicators({
    ...input,
    denominators,
    commune: territory.commune,
    departement: territory.departement,
    communeIris,
    communes,
    arrondissements,
  });
  const years = [...new Set(input.editions.map((e) => e.year))];
  const zones = zonePopulations(denominators, {
    communeIris,
    arrondissements: arrondissements.map((a) => a.code),
    communes,
    departement: territory.departement,
    years,
  });
  const archives = constraintsFromArchives(computed.cells, context.archives ?? [], secrecy.threshold);
  const table = protect(computed.cells, computed.relations, zones, { ...secrecy, archives });
  const revisions = publishedRevisions(archives, table.cells);
  return { contours, communeIris, communes, denominators, computed, zones, table, revisions };
}

/** What the heavy stages hand to the editorial stage; cached as JSON in the private cache. */
export interface ProtectedStage {
  synthetic: boolean;
  fictitiousGeography: FictitiousGeography;
  contours: Awaited<ReturnType<typeof readIrisContours>>;
  computed: { cells: Cell[]; relations: SumRelation[]; catalogue: IndicatorYearInfo[] };
  zones: ZonePopulation[];
  table: ProtectedTable;
  /** Cells public in an archived edition or the deployed build whose value changed: published in audit-catalogue.json. */
  revisions: string[];
  /** The build online when this one started (editions-deployed.ts), null for a first build. */
  deployed: DeployedManifest | null;
  /** Geocoding quality of the commune's addresses, the not placed grouped with the small IRIS (geocoding-quality.ts). */
  geocodingCounts: GeocodingCounts;
  auditComponents: number;
  /** The search box's names (lieux.json): public references only (IRIS, quartiers, villages, streets), never an export row. */
  places: string;
  /** The content hash of the stage's inputs: the stages after it extend it. */
  key: string;
}

/**
 * The inputs of the heavy stages: the data (private store and corrections, or the synthetic
 * sample), the reference files, the configuration and the code of every stage but the
 * editorial one (loaders/publish, loaders/site). Any change of one of them re-runs the stages.
 */
export function protectedStageKey(synthetic: boolean, refDir: string): string {
  const loadersDir = join(projectRoot, "loaders");
  const code = filesUnder([loadersDir], (path) =>
    [join(loadersDir, "publish"), join(loadersDir, "site")].includes(path),
  )
    .filter((f) => /\.(ts|mjs|json)$/.test(f))
    // lieux.json is written in this stage (it needs the address index): its code is an input.
    .concat(join(loadersDir, "publish", "places.ts"));
  // The sample is regenerated by every preparation from its seed (in observatory.json), the
  // reference and loaders/sample: those are its inputs (the xlsx bytes carry a creation date).
  const data = synthetic
    ? []
    : filesUnder([privateDir], (path) => path === stageCacheDir).filter(
        (f) => /[\\/]store[\\/][^\\/]+\.json$/.test(f) || f === join(privateDir, "corrections.csv"),
      );
  const reference = filesUnder([refDir]);
  // The archived editions and the deployed build: the protection starts from what they made
  // public (of the deployed copy its cells only: its build date must not re-run the stages).
  const archives = filesUnder([editionsDir], (path) => path.startsWith(deployedDir))
    .filter((f) => /\.(parquet|json)$/.test(f))
    .concat(deployedCellFiles());
  // Each group is named relative to its own folder, so that a copy of the data folder
  // (ABS_DATA_DIR, a test's temporary copy) or another reference folder with the same bytes
  // finds the same cache entry.
  return contentHash(code, projectRoot, [
    synthetic ? "synthetic" : "real",
    process.env.ABS_ALLOW_FICTITIOUS_REFERENCE === "1" ? "fictitious-allowed" : "",
    contentHash([...data, join(dataDir, "observatory.json")], dataDir),
    contentHash(reference, refDir),
    contentHash(archives, editionsDir),
  ]);
}

/**
 * Ingestion (from the private store or the sample, never from data/exports/), indicators,
 * disclosure control and audit: everything before the editorial stage, cached by the content
 * hash of its inputs.
 */
export async function protectedStage(log: (line: string) => void, mode: BuildMode = "public"): Promise<ProtectedStage> {
  const config = readObservatoryConfig();
  const territory = config.territory;
  const refDir = resolveReferenceDir();
  const found = mode === "dev" ? findPreviewInputs() : findInputs();
  if (found.files.length === 0 && found.synthetic) {
    throw new PipelineError(
      "Aucun export trouvé (ni data/exports/<année>/, ni l'échantillon fictif) : lancez « npm run build ».",
    );
  }
  // Real exports still in data/exports/ are the ingestion step's (loaders/records/ingest-waiting.ts).
  const inputs = found.synthetic ? found : { files: [], synthetic: false };
  const key = protectedStageKey(inputs.synthetic, refDir);
  const result = await cachedStage(stageCacheDir, "protected", key, async (): Promise<ProtectedStage> => {
    const index = await loadAddressIndex(refDir);
    assertAddressIndexAllowed(index, { synthetic: inputs.synthetic });
    const corrections = await loadCorrections(privateDir, index);
    const { records, aggregates, editions } = await ingestAll(inputs, {
      territory,
      index,
      corrections,
      privateDir,
      log,
    });
    if (editions.length === 0)
      throw new PipelineError(
        `Le magasin privé est vide. ${describeWaitingExports() ?? "Déposez les exports du Département dans data/exports/<année>/."} Puis relancez.`,
      );
    // Everything online is audited together: the current edition, every archive and the
    // build deployed now (a rebuild of the same edition is a revision of it, finding F1).
    const deployed = await deployedEdition();
    const archived = [...(await archivedEditions()), ...(deployed ? [deployed] : [])];
    // The two longest steps (minutes for a large commune): said as they start.
    log("Calcul des indicateurs et secret statistique (suppressions primaires et secondaires)…");
    const { contours, computed, zones, table, revisions } = await protectedIndicators(
      { records, aggregates, editions },
      { refDir, config, archives: archived.map((a) => a.cells) },
    );
    const stage: ProtectedStage = {
      key,
      synthetic: inputs.synthetic,
      fictitiousGeography: fictitiousGeographyOf(index),
      contours,
      computed: { cells: computed.cells, relations: computed.relations, catalogue: computed.catalogue },
      zones,
      table,
      revisions,
      deployed: deployed ? { year: deployed.year, builtAt: deployed.builtAt } : null,
      geocodingCounts: geocodingCounts(records, {
        commune: territory.commune,
        zones,
        minPopulation: config.secrecy.minPopulation,
      }),
      auditComponents: 0,
      places: JSON.stringify(
        placesMember(
          index,
          contours.features.map((f) => f.properties),
        ),
      ),
    };
    const { auditCatalogue } = buildPublication({ ...stage, ...stage.computed, commentaries: [], config });
    const threshold = config.secrecy.threshold;
    const current = { name: "courante", cells: table.cells, catalogue: auditCatalogue };
    // A deployed build identical to this one (a rebuild that changed nothing) adds nothing to
    // what an attacker holds: the union is audited without it, at no extra cost.
    const online = archived.filter((e) => e !== deployed || !sameEdition(e, current));
    // What Article 7 protects, recomputed by the audit from the true values (never published);
    // in the union, cells are marked with their edition (editions-union.ts): the current one's,
    // and the deployed build's (the same edition: marking its cells too only makes the audit stricter).
    const primary = auditPrimaryCells(computed.cells, zones, config.secrecy);
    log(
      `Audit du secret statistique (${online.length === 0 ? "édition courante" : `édition courante et ${online.length} autre(s) en ligne`})…`,
    );
    const report =
      online.length === 0
        ? await audit(table.cells, auditCatalogue, { threshold, primary })
        : await auditUnion([current, ...online], {
            threshold,
            primary: new Set([...primary].flatMap((k) => [`${k}@courante`, `${k}@${DEPLOYED}`])),
          });
    if (!report.ok) {
      const cells = report.failures
        .slice(0, 10)
        .map((f) => `- ${f.cell} : ${f.reason}`)
        .join("\n");
      throw new PipelineError(
        `L'audit du secret statistique a échoué : des cases secrètes peuvent être recalculées.\n${cells}`,
      );
    }
    return { ...stage, auditComponents: report.components };
  });
  log(
    result.cached
      ? "Étapes lourdes (intégration, indicateurs, secret, audit) reprises du cache : leurs entrées n'ont pas changé."
      : `Audit du secret statistique réussi (${result.value.auditComponents} composante(s)).`,
  );
  const { deployed, revisions } = result.value;
  if (deployed)
    log(
      `Site déployé (édition ${deployed.year}, construit le ${deployed.builtAt}) pris comme déjà publié : ${revisions.length === 0 ? "aucune case révisée" : `${revisions.length} case(s) révisée(s), protégée(s) à nouveau et listée(s) dans audit-catalogue.json`}.`,
    );
  return result.value;
}

/**
 * What the editorial stage reads: the protected stage's cells and catalogue, and the files the
 * analysts edit (commentary, analysis pages, approvals, the prose of src/ pages). The preview
 * names a badly named or badly headed file in `readProblems` instead of stopping.
 */
export function editorialInputOf(stage: ProtectedStage, mode: BuildMode, readProblems: PreviewProblem[] = []) {
  const readEditorial = <T>(read: () => T[]): T[] => (mode === "dev" ? readForPreview(read, [], readProblems) : read());
  return {
    mode,
    visuals,
    commentaries: readEditorial(() => readCommentaries(commentaryDir)),
    analyses: readEditorial(() => readAnalyses(join(dataDir, "analyses"))),
    approvals:
      mode === "dev"
        ? readForPreview(() => readApprovals(approvalsPath), [], readProblems)
        : readApprovals(approvalsPath),
    pages: readPageProse(srcDir),
    published: stage.table.cells,
    raw: stage.computed.cells,
    catalogue: stage.computed.catalogue,
    synthetic: stage.synthetic,
    publishedAt: new Date().toISOString().slice(0, 10),
  };
}

/**
 * The editorial stage alone, as the builds run it in their preparation, before Framework: a
 * missing or unvalidated commentary or analysis page, a text the lint refuses, a secret citation
 * or a missing approval fails the build in seconds (the heavy stages come from their cache),
 * with the French message, instead of deep inside Framework's data loader.
 */
export async function checkEditorial(log: (line: string) => void, mode: BuildMode): Promise<void> {
  prepareEditorial(editorialInputOf(await protectedStage(log, mode), mode));
}

/** The data members are cached as one zip (they are what the loader's zip holds). */
const membersCodec: StageCodec<Map<string, Uint8Array | string>> = {
  extension: "zip",
  encode: zipMembers,
  decode: (bytes) => new Map(Object.entries(unzipSync(new Uint8Array(bytes)))),
};

export async function runPipeline(options: PipelineOptions = {}): Promise<Uint8Array> {
  return zipMembers(await pipelineMembers(options));
}

/** Every published member by name: what the loader zips, and what the preview writes as files. */
export async function pipelineMembers(options: PipelineOptions = {}): Promise<Map<string, Uint8Array | string>> {
  const log = options.log ?? (() => {});
  const config = readObservatoryConfig();
  const mode = options.mode ?? buildModeFromEnv();
  const stage = await protectedStage(log, mode);
  const { contours, computed, zones, table } = stage;
  // Editorial hook (Article 6): commentary lint, gate, approvals, members of the visuals shown.
  const readProblems: PreviewProblem[] = [];
  const editorialInput = editorialInputOf(stage, mode, readProblems);
  const { commentaries } = editorialInput;
  // The preview shows editorial errors on the page instead of stopping (loaders/publish/preview-editorial.ts).
  const { editorial, problems } =
    mode === "dev"
      ? prepareEditorialForPreview(editorialInput, readProblems)
      : { editorial: prepareEditorial(editorialInput), problems: [] };
  for (const m of editorial.gate.missing) log(`À commenter : ${m.visual} (${m.year}) — ${m.reason}.`);
  for (const p of problems) log(`Erreur (aperçu) : ${p.message}`);
  const publicationInput = {
    table,
    cells: computed.cells,
    relations: computed.relations,
    zones,
    revisions: stage.revisions,
    deployed: stage.deployed,
    catalogue: computed.catalogue,
    contours,
    commentaries,
    editorial,
    ...(mode === "review" ? { mark: (members: Map<string, Uint8Array | string>) => markReviewMembers(members) } : {}),
    synthetic: stage.synthetic,
    fictitiousGeography: stage.fictitiousGeography,
    geocodingCounts: stage.geocodingCounts,
    config,
  };
  const publication = buildPublication(publicationInput);
  const data = await cachedStage(
    stageCacheDir,
    "members",
    contentHash(
      filesUnder([join(projectRoot, "loaders", "publish")]).filter((f) => f.endsWith(".ts")),
      projectRoot,
      [stage.key],
    ),
    () => dataMembers({ ...publicationInput, editorial: undefined }),
    membersCodec,
  );
  // The preview's notices (errors on the page, exports waiting); empty in the builds, which stop
  // instead. Passed with the data members so that the review edition marks it like the others.
  const notices = mode === "dev" ? { problems, waitingExports: describeWaitingExports() } : { problems: [] };
  const members = await publication.members(
    new Map([...data.value, ["apercu.json", JSON.stringify(notices)], ["lieux.json", stage.places]]),
  );
  return members;
}
