/**
 * Seeded synthetic exports of the six Annex 1 files, for the years asked, with the mess of
 * real files and a private answer key beside each one (data/sample/<year>/<dataset>.xlsx and
 * <dataset>.answers.json). Used by the build only when no real export exists.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ANNEX1_DATASETS, type DatasetId } from "../contracts.ts";
import { accountOf, type AnswerKey } from "./answer-key.ts";
import { AGGREGATE_DATASETS, layoutAggregate } from "./aggregates.ts";
import { APA_COLUMNS, apaConflict, apaErrors, apaPopulations, apaRecord } from "./apa.ts";
import { BIRTH_COLUMNS, birthConflict, birthErrors, birthPopulation, birthRecord } from "./births.ts";
import {
  CHILDMINDER_COLUMNS,
  childminderConflict,
  childminderErrors,
  childminderPopulations,
  childminderRecord,
} from "./childminders.ts";
import type { AddressDrawer } from "./generate-types.ts";
import { layoutIndividual } from "./individual-sheet.ts";
import { chance, substream } from "../common/seeded-random.ts";
import type { SheetBuilder } from "./sheet-builder.ts";
import { writeXlsx } from "./write-workbook.ts";

export type { AddressDrawer, DrawnAddress } from "./generate-types.ts";

/** The sample holds every file of Annex 1. */
export const SAMPLE_DATASETS: readonly DatasetId[] = ANNEX1_DATASETS;
export const DEFAULT_SEED = 20151231;

export interface GenerateOptions {
  outDir: string;
  seed?: number;
  years?: number[];
  datasets?: DatasetId[];
  drawAddress: AddressDrawer;
}

const SHEET_NAMES: Record<string, string> = {
  "apa-domicile": "APA domicile",
  "assistantes-maternelles": "Assmat",
  "certificats-8e-jour": "CS8",
  "aides-financieres": "FSL FAJ",
  "aides-legales-pa-ph": "Aides légales",
  ase: "ASE",
};

export async function generateSamples(opts: GenerateOptions): Promise<{ files: string[] }> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const years = [...(opts.years ?? [2015, 2016])].sort();
  const datasets = opts.datasets ?? SAMPLE_DATASETS;
  const files: string[] = [];
  const emit = async (dataset: DatasetId, year: number, sheet: SheetBuilder, lastUpdate: string) => {
    const dir = join(opts.outDir, String(year));
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${dataset}.xlsx`);
    const sheetName = SHEET_NAMES[dataset] ?? String(dataset);
    await writeXlsx(file, sheetName, sheet.lines);
    const key: AnswerKey = {
      dataset,
      year,
      file: `${dataset}.xlsx`,
      sheet: sheetName,
      synthetic: true,
      protocol: 2,
      observationDate: `${year}-12-31`,
      lastUpdate,
      account: accountOf(sheet.answers),
      rows: sheet.answers,
    };
    const keyFile = join(dir, `${dataset}.answers.json`);
    await writeFile(keyFile, JSON.stringify(key), { mode: 0o600 });
    files.push(file, keyFile);
  };

  // APA first: the other engineers' stages wait on it.
  if (datasets.includes("apa-domicile")) {
    const populations = apaPopulations(substream(seed, "apa", "population"), years, opts.drawAddress);
    for (const year of years) {
      const rng = substream(seed, "apa", year);
      const records = populations.get(year)!.map((p, i) => apaRecord(p, i, year, rng));
      const { sheet, lastUpdate } = layoutIndividual({
        title: `APA à domicile - bénéficiaires au 31/12/${year}`,
        year,
        columns: APA_COLUMNS,
        records,
        errors: apaErrors(year),
        conflict: apaConflict,
        strayNameColumn: year === years[0],
        rng,
      });
      await emit("apa-domicile", year, sheet, lastUpdate);
    }
  }
  if (datasets.includes("certificats-8e-jour")) {
    for (const year of years) {
      const rng = substream(seed, "births", year);
      const records = birthPopulation(substream(seed, "births", "population", year), opts.drawAddress).map((b, i) =>
        birthRecord(b, i, year, rng),
      );
      const { sheet, lastUpdate } = layoutIndividual({
        title: `Certificats de santé du 8e jour - naissances ${year}`,
        year,
        columns: BIRTH_COLUMNS,
        records,
        errors: birthErrors,
        conflict: birthConflict,
        strayNameColumn: chance(rng, 0.5),
        rng,
      });
      await emit("certificats-8e-jour", year, sheet, lastUpdate);
    }
  }
  if (datasets.includes("assistantes-maternelles")) {
    const populations = childminderPopulations(substream(seed, "childminders", "population"), years, opts.drawAddress);
    for (const year of years) {
      const rng = substream(seed, "childminders", year);
      const records = populations.get(year)!.map((c, i) => childminderRecord(c, i, year, rng));
      const { sheet, lastUpdate } = layoutIndividual({
        title: `Assistantes maternelles agréées PMI au 31/12/${year}`,
        year,
        columns: CHILDMINDER_COLUMNS,
        records,
        errors: childminderErrors,
        conflict: childminderConflict,
        strayNameColumn: year !== years[0],
        rng,
      });
      await emit("assistantes-maternelles", year, sheet, lastUpdate);
    }
  }
  for (const dataset of AGGREGATE_DATASETS) {
    if (!datasets.includes(dataset)) continue;
    for (const year of years) {
      const { sheet, lastUpdate } = layoutAggregate(dataset, year, substream(seed, dataset, year));
      await emit(dataset, year, sheet, lastUpdate);
    }
  }
  return { files: files.filter((f) => f.endsWith(".xlsx")) };
}
