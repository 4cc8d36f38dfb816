/**
 * Synthetic aggregated files (aides financières, aides légales PA/PH, ASE): one line for Aix,
 * one for the département, with header variants, ASH columns repeated as in Annex 1,
 * numbers typed as text with thousands spaces, and now and then a blank count.
 */
import type { DatasetId, FieldValue } from "../contracts.ts";
import type { RawCell } from "../exports/parse-value.ts";
import { titleRows } from "./individual-sheet.ts";
import { chance, pick, type Rng } from "../common/seeded-random.ts";
import { SheetBuilder } from "./sheet-builder.ts";

interface AggregateColumn {
  field: string;
  headers: string[];
  /** Aix value around which the year's figure is drawn. */
  aix: number;
  /** Département / Aix ratio. */
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
        aix: 180,
        ratio: 15,
      },
      {
        field: "fslTotal",
        headers: ["Nombre de bénéficiaires FSL au cours de l'année", "Nb bénéf. FSL", "FSL total"],
        aix: 640,
        ratio: 14,
      },
      {
        field: "fslAccess",
        headers: [
          "Nombre de bénéficiaires FSL Dépôt de Garantie (Accès)",
          "FSL accès (dépôt de garantie)",
          "Nb FSL DG",
        ],
        aix: 310,
        ratio: 14,
      },
      {
        field: "fslUpkeep",
        headers: ["Nombre de bénéficiaires FSL Impayé (Maintien)", "FSL maintien (impayés)", "Nb FSL impayés"],
        aix: 280,
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
        aix: 420,
        ratio: 14,
      },
      {
        field: "ashElderlyMen",
        headers: ["Nombre de personnes âgées bénéficiaires ASH (Aide Sociale Hébergement) - Hommes", "ASH hommes"],
        aix: 0,
        ratio: 0,
      },
      {
        field: "ashElderlyWomen",
        headers: ["Nombre de personnes âgées bénéficiaires ASH (Aide Sociale Hébergement) - Femmes", "ASH femmes"],
        aix: 0,
        ratio: 0,
      },
      {
        field: "actpPch",
        headers: [
          "Nombre de personnes handicapées bénéficiaires ACTP ou PCH (Allocation Compensatrice Tierce Personne ou Prestation Compensation Handicap)",
          "Nb PH bénéf. ACTP/PCH",
        ],
        aix: 1500,
        ratio: 14,
      },
      {
        field: "actpPchMen",
        headers: [
          "Nombre d'hommes handicapés bénéficiaires ACTP ou PCH (Allocation Compensatrice Tierce Personne ou Prestation Compensation Handicap)",
          "ACTP/PCH hommes",
        ],
        aix: 0,
        ratio: 0,
      },
      {
        field: "actpPchWomen",
        headers: [
          "Nombre de femmes handicapées bénéficiaires ACTP ou PCH (Allocation Compensatrice Tierce Personne ou Prestation Compensation Handicap)",
          "ACTP/PCH femmes",
        ],
        aix: 0,
        ratio: 0,
      },
      {
        field: "actpPchUnder40",
        headers: [
          "Nombre de personnes handicapées de moins de 40 ans bénéficiaires ACTP ou PCH (Allocation Compensatrice Tierce Personne ou Prestation Compensation Handicap)",
          "ACTP/PCH < 40 ans",
        ],
        aix: 0,
        ratio: 0,
      },
      {
        field: "actpPch40Plus",
        headers: [
          "Nombre de personnes handicapées de 40 ans et plus bénéficiaires ACTP ou PCH (Allocation Compensatrice Tierce Personne ou Prestation Compensation Handicap)",
          "ACTP/PCH 40 ans et +",
        ],
        aix: 0,
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
        aix: 520,
        ratio: 16,
      },
      {
        field: "followedAtHome",
        headers: ["Nombre d'enfants suivis à domicile (AED - AEMO) (stock au 31/12)", "Enfants suivis AED/AEMO"],
        aix: 380,
        ratio: 16,
      },
      {
        field: "inCare",
        headers: ["Nombre d'enfants confiés à l'ASE (stock au 31/12)", "Enfants confiés ASE"],
        aix: 300,
        ratio: 17,
      },
      {
        field: "placedByJudge",
        headers: ["Nombre d'enfants placés directement par le juge (stock au 31/12)", "Placements directs juge"],
        aix: 70,
        ratio: 16,
      },
      {
        field: "monthlyAllowances",
        headers: [
          "Nombre de bénéficiaires allocations mensuelles ou secours d'urgence ASE au cours de l'année",
          "Alloc. mensuelles / secours d'urgence",
        ],
        aix: 450,
        ratio: 15,
      },
    ],
  },
};

export const AGGREGATE_DATASETS = Object.keys(AGGREGATE_SPECS) as DatasetId[];

function figures(spec: AggregateSpec, rng: Rng, scale: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of spec.columns) if (c.aix > 0) out[c.field] = Math.round(c.aix * scale * (0.9 + 0.2 * rng()));
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
  const aixScale = 1 + (year - 2015) * 0.03;
  const lines: [string, Record<string, number>][] = [
    ["AIX EN PROVENCE", figures(spec, rng, aixScale)],
    [pick(rng, ["BOUCHES DU RHONE", "BOUCHES-DU-RHONE", "DEPARTEMENT 13"]), {}],
  ];
  const aixFigures = lines[0]![1];
  const depRng = rng;
  const dep: Record<string, number> = {};
  for (const c of spec.columns)
    if (c.aix > 0) dep[c.field] = Math.round(aixFigures[c.field]! * c.ratio * (0.95 + 0.1 * depRng()));
  for (const [total, a, b] of spec.sums ?? []) {
    if (dep[a!] !== undefined) continue;
    const part = Math.round(dep[total!]! * (aixFigures[a!]! / aixFigures[total!]!));
    dep[a!] = part;
    dep[b!] = dep[total!]! - part;
  }
  lines[1]![1] = dep;
  // One blank count in 2016 on the département line (partners sometimes cannot give a figure):
  // kept, unknown, published as "not available". Aix's own figures stay complete, so the
  // demonstration site can comment every indicator at the commune level.
  const blankField =
    year % 2 === 0
      ? pick(
          rng,
          spec.columns.map((c) => c.field),
        )
      : null;
  for (const [label, values] of lines) {
    const fields: Record<string, FieldValue> = {};
    for (const c of spec.columns)
      fields[c.field] = label !== "AIX EN PROVENCE" && c.field === blankField ? null : values[c.field]!;
    const cells = columns.map((c) => (fields[c.field] === null ? null : partnerNumber(fields[c.field] as number, rng)));
    sheet.line([label, ...cells], {
      fate: "kept",
      fields,
      communeLabel: label,
      commune: label === "AIX EN PROVENCE" ? "13001" : "13",
    });
  }
  sheet.line([], { fate: "ignored" });
  sheet.line(["Source : Conseil Départemental des Bouches-du-Rhône"], { fate: "ignored" });
  return { sheet, lastUpdate };
}
