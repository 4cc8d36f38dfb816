import { basename } from "node:path";
import { InputError } from "../contracts.ts";
import { parseNumber, requireColumns, type CsvTable } from "./csv.ts";
import { findFiles } from "./files.ts";
import { communeOfArrondissement } from "./iris-contours.ts";
import { readTable } from "./tabular.ts";

export interface IrisPopulation {
  code: string;
  /** INSEE commune code (Marseille's arrondissements as 13055). */
  commune: string;
  type: string | null;
  /** PYY_POP when the file has it, else the sum of the age groups; null when a group is unknown. */
  total: number | null;
  /** Age groups keyed "0-14", "15-29", ..., "75+" (base-ic adds "0-2", "3-5", ..., "80+"). */
  ageGroups: Record<string, number | null>;
}

export interface IrisPopulationTable {
  vintage: number;
  /** e.g. "INSEE, recensement de la population 2016". */
  source: string;
  file: string;
  /** Age group keys as found, in file order. */
  ageGroups: string[];
  codes(): string[];
  /** null: the IRIS is absent from the file, its population is unknown (never zero). */
  get(code: string): IrisPopulation | null;
  total(code: string): number | null;
  ageGroup(code: string, group: string): number | null;
}

const AGE_COLUMN = /^P(\d\d)_POP(\d\d)(\d\d|P)$/i;
const TOTAL_COLUMN = /^P(\d\d)_POP$/i;
/** Two partitions of the population by age; a total is the sum of the first one complete. */
const PARTITIONS = [
  ["0-14", "15-29", "30-44", "45-59", "60-74", "75+"],
  ["0-2", "3-5", "6-10", "11-17", "18-24", "25-39", "40-54", "55-64", "65-79", "80+"],
];

const ageGroupKey = (from: string, to: string): string =>
  to.toUpperCase() === "P" ? `${Number(from)}+` : `${Number(from)}-${Number(to)}`;

/** Population files of refDir: INSEE base-ic (csv, xlsx) and the RP extract of ../shared/reference. */
function findPopulationFiles(refDir: string): string[] {
  return [
    ...findFiles(refDir, /(^|\/)base-ic-evol-struct-pop-\d{4}[^/]*\.(csv|xlsx)$/i),
    ...findFiles(refDir, /(^|\/)rp\d{4}-iris-population-[^/]*\.csv$/i),
  ];
}

const vintageOf = (file: string): number => Number(/(?:pop-|rp)(\d{4})/i.exec(basename(file))?.[1] ?? 0);

/** Builds the table from a parsed file (exported for the official-format tests). */
function populationTableFrom(table: CsvTable): IrisPopulationTable {
  const { IRIS: irisIndex } = requireColumns(table, ["IRIS"] as const);
  const typeIndex = table.header.findIndex((h) => h.toUpperCase() === "TYP_IRIS");
  const ageColumns: { index: number; key: string; column: string }[] = [];
  let totalIndex = -1;
  let yy: string | null = null;
  table.header.forEach((h, index) => {
    const age = AGE_COLUMN.exec(h);
    if (age) {
      ageColumns.push({ index, key: ageGroupKey(age[2]!, age[3]!), column: h });
      yy ??= age[1]!;
    } else if (TOTAL_COLUMN.test(h)) {
      totalIndex = index;
      yy ??= TOTAL_COLUMN.exec(h)![1]!;
    }
  });
  const keys = ageColumns.map((c) => c.key);
  const partition = PARTITIONS.find((p) => p.every((k) => keys.includes(k)));
  if (ageColumns.length === 0 || (totalIndex < 0 && !partition)) {
    throw new InputError(
      `Fichier ${basename(table.file)} : colonnes de population par âge absentes (attendu PAA_POP0014, ..., PAA_POP75P ou PAA_POP) ` +
        `(ligne 1, en-tête ; règle : colonnes obligatoires).`,
      table.file,
      "missing-column",
    );
  }
  const vintage = 2000 + Number(yy);
  const byCode = new Map<string, IrisPopulation>();
  table.rows.forEach((row, r) => {
    const line = table.lines[r]!;
    const code = (row[irisIndex] ?? "").trim();
    if (!/^\d[0-9AB]\d{7}$/.test(code)) {
      throw new InputError(
        `Fichier ${basename(table.file)}, ligne ${line}, colonne IRIS : code IRIS invalide (règle : 9 caractères).`,
        table.file,
        "iris-code",
      );
    }
    const ageGroups: Record<string, number | null> = {};
    for (const c of ageColumns)
      ageGroups[c.key] = parseNumber(row[c.index], { file: table.file, line, column: c.column });
    let total: number | null;
    if (totalIndex >= 0)
      total = parseNumber(row[totalIndex], { file: table.file, line, column: table.header[totalIndex]! });
    else {
      const parts = partition!.map((k) => ageGroups[k] ?? null);
      total = parts.some((p) => p === null) ? null : parts.reduce<number>((s, p) => s + p!, 0);
    }
    byCode.set(code, {
      code,
      commune: communeOfArrondissement(code.slice(0, 5)),
      type: typeIndex >= 0 ? row[typeIndex] || null : null,
      total,
      ageGroups,
    });
  });
  return {
    vintage,
    source: `INSEE, recensement de la population ${vintage}`,
    file: table.file,
    ageGroups: keys,
    codes: () => [...byCode.keys()],
    get: (code) => {
      const p = byCode.get(code);
      return p ? { ...p, ageGroups: { ...p.ageGroups } } : null;
    },
    total: (code) => byCode.get(code)?.total ?? null,
    ageGroup: (code, group) => byCode.get(code)?.ageGroups[group] ?? null,
  };
}

/**
 * Population by IRIS: the INSEE base-ic-evol-struct-pop of any vintage, or the RP extract.
 * Takes the latest vintage found unless `vintage` is given.
 */
export async function readIrisPopulation(
  refDir: string,
  opts: { vintage?: number } = {},
): Promise<IrisPopulationTable> {
  const files = findPopulationFiles(refDir).sort((a, b) => vintageOf(a) - vintageOf(b));
  const chosen = opts.vintage ? files.filter((f) => vintageOf(f) === opts.vintage) : files;
  const file = chosen[chosen.length - 1];
  if (!file) {
    throw new InputError(
      `Population par IRIS introuvable dans ${refDir}${opts.vintage ? ` pour ${opts.vintage}` : ""} ` +
        `(attendu : base-ic-evol-struct-pop-AAAA.csv/.xlsx de l'INSEE ou insee/rpAAAA-iris-population-DD.csv). Lancez « abs reference fetch ».`,
      refDir,
      "reference-file",
    );
  }
  return populationTableFrom(await readTable(file, "IRIS"));
}
