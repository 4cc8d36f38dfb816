/**
 * Zip members the pages need besides the theme tables: the visuals registry, the public
 * context tables, the outline of the département's communes, and the downloads of every
 * visual. Kept apart from publication.ts so that file stays about the protected tables.
 */
import { frenchSpacing } from "../common/french-typography.ts";
import type { PublishedCell } from "../contracts.ts";
import type { ObservatoryConfig } from "../config.ts";
import { indicatorCatalogue } from "../indicators/catalogue.ts";
import { communesOfDepartement, municipalArrondissements } from "../reference/communes.ts";
import { readCommuneOutlines } from "../reference/outlines.ts";
import { resolveReferenceDir } from "../reference/resolve.ts";
import { referenceSources } from "../reference/sources.ts";
import { buildTopology } from "../reference/topology.ts";
import { buildContextTables } from "./context-tables.ts";
import { downloadMembers, type DownloadIndicator } from "./downloads.ts";
import { cellsToParquet } from "./parquet.ts";
import { visuals } from "./visuals.ts";

export interface SiteMembersInput {
  cells: readonly PublishedCell[];
  /** catalogue.json's `indicators`. */
  indicators: Record<string, DownloadIndicator>;
  iris: readonly { code: string; name: string }[];
  config: ObservatoryConfig;
}

export async function siteMembers(input: SiteMembersInput): Promise<Map<string, Uint8Array | string>> {
  const { territory, secrecy } = input.config;
  const refDir = resolveReferenceDir();
  const members = new Map<string, Uint8Array | string>();
  // Titles are shown as written, with French no-break spaces before « : ; ? ! ».
  members.set("visuals.json", JSON.stringify(visuals.map((v) => ({ ...v, title: frenchSpacing(v.title) }))));
  // How each rate is computed, straight from the catalogue: tooltips show numerator and
  // denominator, and rates over small bases are flagged.
  const ratios = Object.fromEntries(
    indicatorCatalogue.flatMap((d) => (d.computation.kind === "ratio" ? [[d.id, d.computation]] : [])),
  );
  members.set("ratios.json", JSON.stringify(ratios));
  // The public sources, for the methodology page.
  members.set("sources.json", JSON.stringify(referenceSources(refDir)));

  const context = await buildContextTables(
    refDir,
    input.iris.map((i) => i.code),
    { commune: territory.commune, minPopulation: secrecy.minPopulation },
  );
  members.set("contexte.parquet", await cellsToParquet(context.cells));
  members.set("contexte.json", JSON.stringify({ indicators: context.indicators }));

  const outlines = await readCommuneOutlines(refDir);
  members.set(
    `communes-${territory.departement}.json`,
    JSON.stringify(buildTopology(outlines, { objectName: "communes", simplify: 20_000 })),
  );

  const zoneNames = new Map<string, string>([
    ...input.iris.map((i) => [i.code, i.name] as [string, string]),
    ...municipalArrondissements(territory.commune).map((a) => [a.code, a.name] as [string, string]),
    ...communesOfDepartement(territory.departement).map((c) => [c.code, c.name] as [string, string]),
    [territory.departement, territory.departementName],
  ]);
  const contextVisuals = visuals.filter((v) => v.page === "portrait-territoire");
  const partnerVisuals = visuals.filter((v) => v.page !== "portrait-territoire");
  const shown = { commune: territory.commune };
  for (const [name, content] of await downloadMembers(partnerVisuals, input.cells, input.indicators, zoneNames, shown))
    members.set(name, content);
  for (const [name, content] of await downloadMembers(
    contextVisuals,
    context.cells,
    context.indicators,
    zoneNames,
    shown,
  ))
    members.set(name, content);
  return members;
}
