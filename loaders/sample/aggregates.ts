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
      {
        field: "faj",
        headers: ["Nombre de bénéficiaires FAJ au cours de l'année", "Nb bénéf. FAJ", "FAJ"],
        per150k: 180,
        ratio: 15,
      },
      {
        field: "fslTotal",
        headers: ["Nombre de bénéficiaires FSL au cours de l'année", "Nb bénéf. FSL", "FSL total"],
        per150k: 640,
        ratio: 14,
      },
      {
        field: "fslAccess",
        headers: [
          "Nombre de bénéficiaires FSL Dépôt de Garantie (Accès)",
          "FSL accès (dépôt de garantie)",
          "Nb FSL DG",
        ],
        per150k: 310,
        ratio: 14,
      },
      {
        field: "fslUpkeep",
        headers: ["Nombre de bénéficiaires FSL Impayé (Maintien)", "FSL maintien (impayés)", "Nb FSL impayés"],
        per150k: 280,
        ratio: 15,
      },
    ],
  },
  "aides-legales-pa-ph": {
    title: "Aides légales PA / PH",
    columns: [
      {
        field: "ashElderly",
        headers: ["Nombre de personnes âgées bénéficiaires ASH (Aide Sociale Hébergement)", "Nb PA bénéf. ASH"],
        per150k: 420,
        ratio: 14,
      },
      {
        field: "ashElderlyMen",
        headers: ["Nombre de personnes âgées bénéficiaires ASH (Aide Sociale Hébergement) - Hommes", "ASH hommes"],
        per150k: 0,
        ratio: 0,
      },
      {
        field: "ashElderlyWomen",
        headers: ["Nombre de personnes âgées bénéficiaires ASH (Aide Sociale Hébergement) - Femmes", "ASH femmes"],
        per150k: 0,
        ratio: 0,
      },
      {
        field: "actpPch",
        headers: [
          "Nombre de personnes handicapées bénéficiaires ACTP ou PCH (Allocation Compensatrice Tierce Personne ou Prestation Compensation Handicap)",
          "Nb PH bénéf. ACTP/PCH",
        ],
        per150k: 1500,
        ratio: 14,
      },
      {
        field: "actpPchMen",
        headers: [
          "Nombre d'hommes handicapés bénéficiaires ACTP ou PCH (Allocation Compensatrice Tierce Personne ou Prestation Compensation Handicap)",
          "ACTP/PCH hommes",
        ],
        per150k: 0,
        ratio: 0,
      },
      {
        field: "actpPchWomen",
        headers: [
          "Nombre de femmes handicapées bénéficiaires ACTP ou PCH (Allocation Compensatrice Tierce Personne ou Prestation Compensation Handicap)",
          "ACTP/PCH femmes",
        ],
        per150k: 0,
        ratio: 0,
      },
      {
        field: "actpPchUnder40",
        headers: [
          "Nombre de personnes handicapées de moins de 40 ans bénéficiaires ACTP ou PCH (Allocation Compensatrice Tierce Personne ou Prestation Compensation Handicap)",
          "ACTP/PCH < 40 ans",
        ],
        per150k: 0,
        ratio: 0,
      },
      {
        field: "actpPch40Plus",
        headers: [
          "Nombre de personnes handicapées de 40 ans et plus bénéficiaires ACTP ou PCH (Allocation Compensatrice Tierce Personne ou Prestation Compensation Handicap)",
          "ACTP/PCH 40 ans et +",
        ],
        per150k: 0,
        ratio: 0,
      },
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
      {
        field: "reports",
        headers: ["Nombre de signalements au cours de l'année", "Nb signalements"],
        per150k: 520,
        ratio: 16,
      },
      {
        field: "followedAtHome",
        headers: ["Nombre d'enfants suivis à domicile (AED - AEMO) (stock au 31/12)", "Enfants suivis AED/AEMO"],
        per150k: 380,
        ratio: 16,
      },
      {
        field: "inCare",
        headers: ["Nombre d'enfants confiés à l'ASE (stock au 31/12)", "Enfants confiés ASE"],
        per150k: 300,
        ratio: 17,
      },
      {
        field: "placedByJudge",
        headers: ["Nombre d'enfants placés directement par le juge (stock au 31/12)", "Placements directs juge"],
        per150k: 70,
        ratio: 16,
      },
      {
        field: "monthlyAllowances",
        headers: [
          "Nombre de bénéficiaires allocations mensuelles ou secours d'urgence ASE au cours de l'année",
          "Alloc. mensuelles / secours d'urgence",
        ],
        per150k: 450,
        ratio: 15,
      },
    ],
  },
};

export const AGGREGATE_DATASETS = Object.keys(AGGREGATE_SPECS) as DatasetId[];

function figures(spec: AggregateSpec, rng: Rng, scale: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of spec.columns) if (c.per150k > 0) out[c.field] = Math.round(c.per150k * scale * (0.9 + 0.2 * rng()));
  for (const [total, a, b] of spec.sums ?? []) {
    if (out[a!] !== undefined) continue;
    const share = total === "ashElderly" ? 0.3 : 0.48;
    const part = Math.round(out[total!]! * (share - 0.04 + 0.08 * rng()));
    out[a!] = part;
    out[b!] = out[total!]! - part;
  }
  return out;
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
  const lines: [string, Record<string, number>][] = [
    [label, figures(spec, rng, (trend * observed.population) / 150_000)],
    [pick(rng, [partnerLabel(departementName), departementName.toUpperCase(), `DEPARTEMENT ${departement}`]), {}],
  ];
  const communeFigures = lines[0]![1];
  const depRng = rng;
  const dep: Record<string, number> = {};
  const depScale = (trend * departementPopulation) / 2_040_000;
  for (const c of spec.columns)
    if (c.per150k > 0) dep[c.field] = Math.round(c.per150k * c.ratio * depScale * (0.95 + 0.1 * depRng()));
  for (const [total, a, b] of spec.sums ?? []) {
    if (dep[a!] !== undefined) continue;
    const part = Math.round(dep[total!]! * (communeFigures[a!]! / communeFigures[total!]!));
    dep[a!] = part;
    dep[b!] = dep[total!]! - part;
  }
  lines[1]![1] = dep;
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
