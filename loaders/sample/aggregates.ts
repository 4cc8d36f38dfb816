/**
 * Synthetic aggregated files (aides financières, aides légales PA/PH, ASE): one line for the
 * observed commune, one for the département, each following its population, with header variants, ASH columns repeated as in Annex 1,
 * numbers typed as text with thousands spaces, and now and then a blank count.
 */
import type { DatasetId, FieldValue } from "../contracts.ts";
import type { RawCell } from "../exports/parse-value.ts";
import { readObservatoryConfig } from "../config.ts";
import { departementOf, titleRows } from "./individual-sheet.ts";
import { departementCommunes, observed, partnerLabel } from "./other-communes.ts";
import { chance, pick, type Rng } from "../common/seeded-random.ts";
import { SheetBuilder } from "./sheet-builder.ts";

interface AggregateColumn {
  field: string;
  headers: string[];
  /** Value for a commune of 150,000 inhabitants, around which the year's figure is drawn. */
  per150k: number;
  /** Département of 2.04 million inhabitants / commune of 150,000 (about 13.6 when rates are equal). */
  ratio: number;
}

/** A column drawn around its figure for a commune of 150,000 inhabitants. */
const drawn = (field: string, headers: string[], per150k: number, ratio: number): AggregateColumn => ({
  field,
  headers,
  per150k,
  ratio,
});
/** A column drawn as a part of a total (see `sums`): it has no figure of its own. */
const part = (field: string, headers: string[]): AggregateColumn => drawn(field, headers, 0, 0);

interface AggregateSpec {
  title: string;
  columns: AggregateColumn[];
  /** Parts that must sum to a total: [total, ...parts]. */
  sums?: string[][];
  /** Columns written a second time (Annex 1 lists the ASH block twice). */
  repeated?: string[];
}

export const AGGREGATE_SPECS: Record<string, AggregateSpec> = {
  "aides-financieres": {
    title: "Aides financières FAJ / FSL",
    columns: [
      drawn("faj", ["Nombre de bénéficiaires FAJ au cours de l'année", "Nb bénéf. FAJ", "FAJ"], 180, 15),
      drawn("fslTotal", ["Nombre de bénéficiaires FSL au cours de l'année", "Nb bénéf. FSL", "FSL total"], 640, 14),
      drawn(
        "fslAccess",
        ["Nombre de bénéficiaires FSL Dépôt de Garantie (Accès)", "FSL accès (dépôt de garantie)", "Nb FSL DG"],
        310,
        14,
      ),
      drawn(
        "fslUpkeep",
        ["Nombre de bénéficiaires FSL Impayé (Maintien)", "FSL maintien (impayés)", "Nb FSL impayés"],
        280,
        15,
      ),
    ],
  },
  "aides-legales-pa-ph": {
    title: "Aides légales PA / PH",
    columns: [
      drawn(
        "ashElderly",
        ["Nombre de personnes âgées bénéficiaires ASH (Aide Sociale Hébergement)", "Nb PA bénéf. ASH"],
        420,
        14,
      ),
      part("ashElderlyMen", [
        "Nombre de personnes âgées bénéficiaires ASH (Aide Sociale Hébergement) - Hommes",
        "ASH hommes",
      ]),
      part("ashElderlyWomen", [
        "Nombre de personnes âgées bénéficiaires ASH (Aide Sociale Hébergement) - Femmes",
        "ASH femmes",
      ]),
      drawn(
        "actpPch",
        [
          "Nombre de personnes handicapées bénéficiaires ACTP ou PCH (Allocation Compensatrice Tierce Personne ou Prestation Compensation Handicap)",
          "Nb PH bénéf. ACTP/PCH",
        ],
        1500,
        14,
      ),
      part("actpPchMen", [
        "Nombre d'hommes handicapés bénéficiaires ACTP ou PCH (Allocation Compensatrice Tierce Personne ou Prestation Compensation Handicap)",
        "ACTP/PCH hommes",
      ]),
      part("actpPchWomen", [
        "Nombre de femmes handicapées bénéficiaires ACTP ou PCH (Allocation Compensatrice Tierce Personne ou Prestation Compensation Handicap)",
        "ACTP/PCH femmes",
      ]),
      part("actpPchUnder40", [
        "Nombre de personnes handicapées de moins de 40 ans bénéficiaires ACTP ou PCH (Allocation Compensatrice Tierce Personne ou Prestation Compensation Handicap)",
        "ACTP/PCH < 40 ans",
      ]),
      part("actpPch40Plus", [
        "Nombre de personnes handicapées de 40 ans et plus bénéficiaires ACTP ou PCH (Allocation Compensatrice Tierce Personne ou Prestation Compensation Handicap)",
        "ACTP/PCH 40 ans et +",
      ]),
    ],
    sums: [
      ["ashElderly", "ashElderlyMen", "ashElderlyWomen"],
      ["actpPch", "actpPchMen", "actpPchWomen"],
      ["actpPch", "actpPchUnder40", "actpPch40Plus"],
    ],
    repeated: ["ashElderly", "ashElderlyMen", "ashElderlyWomen"],
  },
  ase: {
    title: "Aide sociale à l'enfance",
    columns: [
      drawn("reports", ["Nombre de signalements au cours de l'année", "Nb signalements"], 520, 16),
      drawn(
        "followedAtHome",
        ["Nombre d'enfants suivis à domicile (AED - AEMO) (stock au 31/12)", "Enfants suivis AED/AEMO"],
        380,
        16,
      ),
      drawn("inCare", ["Nombre d'enfants confiés à l'ASE (stock au 31/12)", "Enfants confiés ASE"], 300, 17),
      drawn(
        "placedByJudge",
        ["Nombre d'enfants placés directement par le juge (stock au 31/12)", "Placements directs juge"],
        70,
        16,
      ),
      drawn(
        "monthlyAllowances",
        [
          "Nombre de bénéficiaires allocations mensuelles ou secours d'urgence ASE au cours de l'année",
          "Alloc. mensuelles / secours d'urgence",
        ],
        450,
        15,
      ),
    ],
  },
};

export const AGGREGATE_DATASETS = Object.keys(AGGREGATE_SPECS) as DatasetId[];

/**
 * Every column with a figure of its own, drawn around `per150k × scaleOf(column)` within
 * [low ; low + width] of it (one draw per column, in order: the seed fixes the sample).
 */
function drawColumns(
  spec: AggregateSpec,
  rng: Rng,
  scaleOf: (c: AggregateColumn) => number,
  [low, width]: [number, number],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of spec.columns)
    if (c.per150k > 0) out[c.field] = Math.round(c.per150k * scaleOf(c) * (low + width * rng()));
  return out;
}

/** Each sum's first part as a share of its total, the second part the rest: the parts always add up. */
function splitSums(spec: AggregateSpec, out: Record<string, number>, shareOf: (total: string, part: string) => number) {
  for (const [total, a, b] of spec.sums ?? []) {
    if (out[a!] !== undefined) continue;
    const part = Math.round(out[total!]! * shareOf(total!, a!));
    out[a!] = part;
    out[b!] = out[total!]! - part;
  }
  return out;
}

/** The commune's line: its population's share of the reference figures, parts drawn around a typical share. */
function communeFigures(spec: AggregateSpec, rng: Rng, scale: number): Record<string, number> {
  const out = drawColumns(spec, rng, () => scale, [0.9, 0.2]);
  return splitSums(spec, out, (total) => (total === "ashElderly" ? 0.3 : 0.48) - 0.04 + 0.08 * rng());
}

function partnerNumber(value: number, rng: Rng): RawCell {
  return value >= 1000 && chance(rng, 0.4) ? value.toLocaleString("fr-FR").replace(/\u202f/g, " ") : value;
}

export function layoutAggregate(
  dataset: DatasetId,
  year: number,
  rng: Rng,
): { sheet: SheetBuilder; lastUpdate: string } {
  const spec = AGGREGATE_SPECS[dataset]!;
  const sheet = new SheetBuilder();
  const lastUpdate = titleRows(sheet, spec.title, year, rng);
  const columns = [...spec.columns, ...spec.columns.filter((c) => spec.repeated?.includes(c.field))];
  const labelHeader = pick(rng, [
    "Libellé géographique",
    "Nom de la commune ou du département",
    "Territoire",
    "Libellé géographique commune ou département",
  ]);
  sheet.header([labelHeader, ...columns.map((c) => pick(rng, c.headers))]);
  const trend = 1 + (year - 2015) * 0.03;
  const { departement, departementName } = readObservatoryConfig().territory;
  const departementPopulation = departementCommunes.reduce((sum, c) => sum + c.population, 0);
  const label = partnerLabel(readObservatoryConfig().territory.communeName);
  const commune = communeFigures(spec, rng, (trend * observed.population) / 150_000);
  const depLabel = pick(rng, [
    partnerLabel(departementName),
    departementName.toUpperCase(),
    `DEPARTEMENT ${departement}`,
  ]);
  // The département's line: each column's ratio to the commune, its parts split as the commune's.
  const depScale = (trend * departementPopulation) / 2_040_000;
  const dep = splitSums(
    spec,
    drawColumns(spec, rng, (c) => c.ratio * depScale, [0.95, 0.1]),
    (total, part) => commune[part]! / commune[total]!,
  );
  const lines: [string, Record<string, number>][] = [
    [label, commune],
    [depLabel, dep],
  ];
  // One blank count in 2016 on the département line (partners sometimes cannot give a figure):
  // kept, unknown, published as "not available". The commune's own figures stay complete, so the
  // demonstration site can comment every indicator at the commune level.
  const blankField =
    year % 2 === 0
      ? pick(
          rng,
          spec.columns.map((c) => c.field),
        )
      : null;
  for (const [lineLabel, values] of lines) {
    const fields: Record<string, FieldValue> = {};
    for (const c of spec.columns)
      fields[c.field] = lineLabel !== label && c.field === blankField ? null : values[c.field]!;
    const cells = columns.map((c) => (fields[c.field] === null ? null : partnerNumber(fields[c.field] as number, rng)));
    sheet.line([lineLabel, ...cells], {
      fate: "kept",
      fields,
      communeLabel: lineLabel,
      commune: lineLabel === label ? observed.code : departement,
    });
  }
  sheet.line([], { fate: "ignored" });
  sheet.line([`Source : Conseil Départemental ${departementOf()}`], { fate: "ignored" });
  return { sheet, lastUpdate };
}
