import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import type { Cell, FictitiousGeography, PublishedCell, SumRelation } from "../contracts.ts";
import { inCommune, ofCommune } from "../common/commune-phrases.ts";
import type { ObservatoryConfig } from "../config.ts";
import { buildAuditCatalogue, derivedRelations, type AuditCatalogue } from "../disclosure/audit.ts";
import type { ProtectedTable, ZonePopulation } from "../disclosure/protect.ts";
import { indicatorById } from "../indicators/catalogue.ts";
import type { IndicatorYearInfo } from "../indicators/types.ts";
import { municipalArrondissements } from "../reference/communes.ts";
import { publishedGeocodingCounts, type GeocodingCounts } from "./geocoding-quality.ts";
import { buildTopology } from "../reference/topology.ts";
import { editionsMember, type EditionData } from "./editions.ts";
import { renderCommentary, type Commentary } from "./commentary.ts";
import { cellsToParquet } from "./parquet.ts";
import { siteMembers } from "./site-members.ts";
import type { Editorial } from "./commentary-publication.ts";
import type { PageCatalogue } from "./published-files.ts";

export interface PublicationInput {
  table: ProtectedTable;
  /** The cells before protection: their `inputs` say how rates and evolutions are derived. */
  cells: Cell[];
  relations: SumRelation[];
  zones: ZonePopulation[];
  catalogue: IndicatorYearInfo[];
  contours: FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>;
  commentaries: Commentary[];
  synthetic: boolean;
  fictitiousGeography: FictitiousGeography;
  /** Addresses by match type in published IRIS, the others in one group (records/geocoding-quality.ts). */
  geocodingCounts: GeocodingCounts;
  config: ObservatoryConfig;
  /** Editorial rules of the build (gate, rendered commentary, members allowed, marking). */
  editorial?: Editorial;
  /** Cells public in an archived edition whose value this one revised (disclosure/editions-constraints.ts). */
  revisions?: readonly string[];
  /** The build online when this one started (editions-deployed.ts): the editions page says what this one revises. */
  deployed?: { year: number; builtAt: string } | null;
  /** Review edition: every member marked (loaders/publish/review.ts). */
  mark?: (members: Map<string, Uint8Array | string>) => Promise<Map<string, Uint8Array | string>>;
}

/** The published tables: one Parquet per theme, so a page fetches only its theme. */
export function tablesByTheme(cells: readonly PublishedCell[]): Map<string, PublishedCell[]> {
  const tables = new Map<string, PublishedCell[]>();
  for (const cell of cells) {
    const theme = indicatorById(cell.indicator)?.theme ?? "autres";
    const list = tables.get(theme) ?? [];
    list.push(cell);
    tables.set(theme, list);
  }
  return tables;
}

/** The arrondissements that hold IRIS of the map, named; nothing for a commune without them. */
function arrondissementsOf(input: PublicationInput): { arrondissements?: { code: string; name: string }[] } {
  const codes = new Set(input.contours.features.map((f) => f.properties.code));
  const named = municipalArrondissements(input.config.territory.commune)
    .filter((a) => [...codes].some((c) => c.startsWith(a.code)))
    .map(({ code, name }) => ({ code, name }));
  return named.length > 0 ? { arrondissements: named } : {};
}

/** What pages read about each indicator (catalogue.json, typed once for pipeline and pages). */
function pageCatalogue(input: PublicationInput): PageCatalogue {
  const indicators: PageCatalogue["indicators"] = {};
  for (const info of input.catalogue) {
    const computation = indicatorById(info.indicator)?.computation;
    const entry = (indicators[info.indicator] ??= {
      label: info.label,
      definition: info.definition,
      unit: info.unit,
      ...(computation?.kind === "ratio" ? { per: computation.per } : {}),
      theme: info.theme,
      years: [],
      editions: {},
    });
    entry.years.push(info.year);
    entry.editions[info.year] = {
      sources: info.sources,
      observationDate: info.observationDate,
      lastUpdate: info.lastUpdate,
      denominatorVintages: info.denominatorVintages,
      approximations: info.approximations,
      rounding: info.rounding,
    };
  }
  for (const entry of Object.values(indicators)) entry.years.sort();
  const totalAddresses = Object.values(input.geocodingCounts).reduce((a, b) => a + (b ?? 0), 0);
  return {
    synthetic: input.synthetic,
    fictitiousGeography: input.fictitiousGeography,
    // Everything the pages say about the territory comes from here, never from their text.
    territory: {
      ...input.config.territory,
      ofCommune: ofCommune(input.config.territory.communeName),
      inCommune: inCommune(input.config.territory.communeName),
      irisCount: input.contours.features.length,
      ...arrondissementsOf(input),
    },
    ccas: input.config.ccas,
    sources: input.config.sources,
    secrecy: input.config.secrecy,
    // Match types of 1 to 4 addresses are grouped: a count of two people's records is not published.
    geocoding: {
      rows: totalAddresses,
      byMatchType: publishedGeocodingCounts(
        input.geocodingCounts,
        "autres résultats (groupés, dont certains de moins de 5 adresses)",
      ),
    },
    indicators,
  };
}

/** Only validated commentary is published (Article 6), rendered to HTML at build time. */
function publishedCommentary(commentaries: Commentary[]) {
  const out: Record<string, Record<number, { author: string; date: string; html: string; fictitious: boolean }>> = {};
  for (const c of commentaries) {
    if (c.status !== "validé") continue;
    (out[c.visual] ??= {})[c.year] = {
      author: c.author,
      date: c.date,
      html: renderCommentary(c.markdown),
      fictitious: c.fictitious,
    };
  }
  return out;
}

/**
 * Everything the public can learn besides the tables: the sums, how each rate and evolution
 * is computed and rounded, and the zones' populations. Published, and read by the audit.
 */
export function publicRelations(
  input: Pick<PublicationInput, "cells" | "relations" | "zones" | "revisions">,
  minPopulation: number,
): AuditCatalogue {
  const { ratios, evolutions } = derivedRelations(input.cells, (cell) => {
    const definition = indicatorById(cell.indicator);
    const computation = definition?.computation;
    return {
      per: computation?.kind === "ratio" ? computation.per : 100,
      decimals: definition?.decimals ?? 1,
      kind: "percent",
    };
  });
  return buildAuditCatalogue({
    relations: input.relations,
    ratios,
    evolutions,
    zones: input.zones,
    minPopulation,
    // The list of revised cells, published: the union audit joins every other cell to its archived value.
    revisions: input.revisions ?? [],
  });
}

/** The Département's tables, their catalogue and the relations published beside them: what an edition archives and the audit reads. */
export async function tableMembers(input: PublicationInput): Promise<Map<string, Uint8Array | string>> {
  const members = new Map<string, Uint8Array | string>();
  for (const [theme, cells] of tablesByTheme(input.table.cells))
    members.set(`${theme}.parquet`, await cellsToParquet(cells));
  members.set("catalogue.json", JSON.stringify(pageCatalogue(input)));
  members.set("audit-catalogue.json", JSON.stringify(publicRelations(input, input.config.secrecy.minPopulation)));
  return members;
}

/**
 * The members that depend on the data only (protected tables, catalogue, topology, context
 * tables, downloads): the slow part of a publication, cached by the pipeline so that an
 * editorial change does not rebuild them.
 */
export async function dataMembers(input: PublicationInput): Promise<Map<string, Uint8Array | string>> {
  const members = await tableMembers(input);
  members.set("iris.json", JSON.stringify(buildTopology(input.contours, { objectName: "iris" })));
  // The site's own members: visuals registry, context tables, commune outlines, downloads.
  const iris = input.contours.features.map((f) => f.properties);
  for (const [name, content] of await siteMembers({
    cells: input.table.cells,
    indicators: pageCatalogue(input).indicators as never,
    iris,
    config: input.config,
  }))
    members.set(name, content);
  return members;
}

export function buildPublication(input: PublicationInput): {
  auditCatalogue: AuditCatalogue;
  members: (data?: Map<string, Uint8Array | string>) => Promise<Map<string, Uint8Array | string>>;
} {
  // Computed on demand: the audit reads it, while the preview's every save only needs the
  // members (derivedRelations over every cell would be redone for nothing).
  let auditCatalogue: AuditCatalogue | undefined;
  return {
    get auditCatalogue() {
      return (auditCatalogue ??= publicRelations(input, input.config.secrecy.minPopulation));
    },
    /** Every member; `data` (dataMembers' result, from a cache) spares rebuilding the data members. */
    members: async (data) => {
      const members = new Map(data ?? (await dataMembers(input)));
      members.set(
        "commentary.json",
        JSON.stringify(input.editorial?.commentary ?? publishedCommentary(input.commentaries)),
      );
      // Editorial hook: only tables and downloads of the visuals shown (Article 6), the edition, the marking.
      if (input.editorial) {
        const editorial = input.editorial;
        for (const name of [...members.keys()]) if (!editorial.publishes(name)) members.delete(name);
        members.set("edition.json", JSON.stringify(editorial.edition));
        members.set("analyses.json", JSON.stringify(editorial.analyses));
        // The Atelier (dev and review editions only): the status of every text; never in the public build.
        if (editorial.mode !== "public") members.set("atelier.json", JSON.stringify({ rows: editorial.workshop }));
      }
      // Editions hook: the archived editions and what changed since the latest one (editions.json),
      // compared on the cells of the tables this edition publishes.
      const publishedCells = [...tablesByTheme(input.table.cells)]
        .filter(([theme]) => members.has(`${theme}.parquet`))
        .flatMap(([, cells]) => cells);
      const catalogue = pageCatalogue(input);
      members.set(
        "editions.json",
        JSON.stringify(
          await editionsMember(
            {
              year: Math.max(...input.catalogue.map((i) => i.year)),
              publishedAt: input.editorial?.edition.publishedAt ?? new Date().toISOString().slice(0, 10),
              cells: publishedCells,
              indicators: catalogue.indicators as EditionData["indicators"],
            },
            undefined,
            input.deployed ? { ...input.deployed, revisions: input.revisions?.length ?? 0 } : null,
          ),
        ),
      );
      return input.mark ? input.mark(members) : members;
    },
  };
}
