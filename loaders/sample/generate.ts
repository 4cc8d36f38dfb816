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
import { APA_COLUMNS, APA_RENEWAL, APA_VOLUMES, apaConflict, apaErrors, apaRecord } from "./apa.ts";
import { BIRTH_FILE, birthPopulation, birthRecord } from "./births.ts";
import { CHILDMINDER_FILE, CHILDMINDER_RENEWAL, CHILDMINDER_VOLUMES, childminderRecord } from "./childminders.ts";
import type { AddressDrawer } from "./generate-types.ts";
import { populationStreams, yearlyPopulations, type Renewal } from "./population-groups.ts";
import type { SampleVolumes } from "./other-communes.ts";
import { layoutIndividual, type IndividualRecord, type LayoutOptions, type Place } from "./individual-sheet.ts";
import { chance, substream, type Rng } from "../common/seeded-random.ts";
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

  for (const sample of individualSamples(seed, years, opts.drawAddress)) {
    if (!datasets.includes(sample.dataset)) continue;
    for (const year of years) {
      const rng = substream(seed, sample.stream, year);
      const records = sample.records(year, rng);
      // The layout may draw too (births' stray name column): after the records, as it always has.
      const { sheet, lastUpdate } = layoutIndividual({ ...sample.layout(year, rng), year, records, rng });
      await emit(sample.dataset, year, sheet, lastUpdate);
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

/** How one individual file of Annex 1 is drawn, year by year. */
interface IndividualSample {
  dataset: DatasetId;
  /** With the seed and the year, names the random stream that fixes the year's file. */
  stream: string;
  records: (year: number, rng: Rng) => IndividualRecord[];
  layout: (year: number, rng: Rng) => Omit<LayoutOptions, "year" | "records" | "rng">;
}

/**
 * The three individual files. A population spanning years (APA beneficiaries, childminders
 * carried from one year to the next) is drawn once, on first use, from its own stream.
 */
function individualSamples(seed: number, years: number[], drawAddress: AddressDrawer): IndividualSample[] {
  /** A population spanning years, drawn once on first use, and the year's records of it. */
  const spanning = <T extends { place: Place }>(
    stream: string,
    volumes: SampleVolumes,
    renewal: Renewal<T>,
    record: (person: T, index: number, year: number, rng: Rng) => IndividualRecord,
  ) => {
    let population: Map<number, T[]> | undefined;
    return (year: number, rng: Rng) =>
      (population ??= yearlyPopulations(
        volumes,
        renewal,
        populationStreams(seed, stream, "population"),
        years,
        drawAddress,
      ))
        .get(year)!
        .map((p, i) => record(p, i, year, rng));
  };
  return [
    // APA first: the other engineers' stages wait on it.
    {
      dataset: "apa-domicile",
      stream: "apa",
      records: spanning("apa", APA_VOLUMES, APA_RENEWAL, apaRecord),
      layout: (year) => ({
        title: `APA à domicile - bénéficiaires au 31/12/${year}`,
        columns: APA_COLUMNS,
        errors: apaErrors(year),
        conflict: apaConflict,
        strayNameColumn: year === years[0],
      }),
    },
    {
      dataset: "certificats-8e-jour",
      stream: "births",
      records: (year, rng) =>
        birthPopulation(populationStreams(seed, "births", "population", year), drawAddress).map((b, i) =>
          birthRecord(b, i, year, rng),
        ),
      layout: (year, rng) => ({
        title: `Certificats de santé du 8e jour - naissances ${year}`,
        ...BIRTH_FILE,
        strayNameColumn: chance(rng, 0.5),
      }),
    },
    {
      dataset: "assistantes-maternelles",
      stream: "childminders",
      records: spanning("childminders", CHILDMINDER_VOLUMES, CHILDMINDER_RENEWAL, childminderRecord),
      layout: (year) => ({
        title: `Assistantes maternelles agréées PMI au 31/12/${year}`,
        ...CHILDMINDER_FILE,
        strayNameColumn: year !== years[0],
      }),
    },
  ];
}
