import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { readObservatoryConfig } from "../../loaders/config.ts";
import { cellKey, type Cell, type PrivateRecord, type PublishedCell } from "../../loaders/contracts.ts";
import { loadAddressIndex } from "../../loaders/geocode/address-index.ts";
import { drawAddress } from "../../loaders/geocode/draw-address.ts";
import { protectedIndicators } from "../../loaders/pipeline.ts";
import { ingestAll } from "../../loaders/records/ingest-all.ts";
import { exportFilesIn } from "../../loaders/records/inputs.ts";
import { resolveReferenceDir } from "../../loaders/reference/resolve.ts";
import { generateSamples } from "../../loaders/sample/generate.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

interface KeyRow {
  fate: string;
  commune?: string;
  fields?: Record<string, number | string | boolean | null>;
}

/** The sample, generated as the build does, run through the chain up to disclosure control. */
describe("indicators on the sample agree with the generator's answer key", () => {
  const config = readObservatoryConfig();
  const aix = config.territory.commune;
  const dir = useTempDir("abs-sample-key-");
  let cells: Cell[];
  let published: Map<string, PublishedCell>;
  let records: PrivateRecord[];
  const keys = new Map<string, KeyRow[]>();

  beforeAll(async () => {
    const refDir = resolveReferenceDir();
    const index = await loadAddressIndex(refDir);
    await generateSamples({
      outDir: dir,
      seed: config.sample.seed,
      years: config.sample.years,
      drawAddress: (rng) => drawAddress(index, rng, { noise: 0.3 }),
    });
    const inputs = { files: exportFilesIn(dir), synthetic: true };
    const ingested = await ingestAll(inputs, {
      territory: config.territory,
      index,
      corrections: new Map(),
      privateDir: join(dir, "private"),
      log: () => {},
    });
    records = ingested.records;
    for (const input of inputs.files) {
      const key = JSON.parse(readFileSync(input.path.replace(/\.xlsx$/, ".answers.json"), "utf8")) as {
        dataset: string;
        rows: KeyRow[];
      };
      keys.set(`${key.dataset}|${input.year}`, key.rows);
    }
    const { computed, table } = await protectedIndicators(ingested, { refDir, config });
    cells = computed.cells;
    published = new Map(table.cells.map((c) => [cellKey(c), c]));
  }, 900_000);

  const individual = [
    { indicator: "apa-beneficiaries", dataset: "apa-domicile" },
    { indicator: "births", dataset: "certificats-8e-jour" },
    { indicator: "childminders", dataset: "assistantes-maternelles" },
  ];

  for (const { indicator, dataset } of individual) {
    for (const year of [2015, 2016]) {
      test(`${indicator} ${year}: commune = sum of IRIS + rows not placed, = answer key, published as such`, () => {
        const total = (level: string, code: string) =>
          cells.find(
            (c) =>
              c.indicator === indicator &&
              c.year === year &&
              c.level === level &&
              c.code === code &&
              c.breakdown === "",
          )?.value;
        const irisSum = cells
          .filter((c) => c.indicator === indicator && c.year === year && c.level === "iris" && c.breakdown === "")
          .reduce((s, c) => s + (c.value ?? 0), 0);
        const notPlaced = records.filter(
          (r) => r.dataset === dataset && r.year === year && r.commune === aix && r.iris === null,
        ).length;
        const commune = total("commune", aix);
        expect(commune).toBe(irisSum + notPlaced);
        const expected = keys.get(`${dataset}|${year}`)!.filter((r) => r.fate === "kept" && r.commune === aix).length;
        expect(expected).toBeGreaterThan(500);
        expect(commune).toBe(expected);
        const cell = published.get(
          cellKey({ indicator, year, level: "commune", code: aix, breakdown: "", category: "" }),
        )!;
        expect(cell.secret).toBe(false);
        expect(cell.value).toBe(expected);
      });
    }
  }

  const aggregated = [
    { indicator: "ase-reports", dataset: "ase", field: "reports" },
    { indicator: "faj-beneficiaries", dataset: "aides-financieres", field: "faj" },
    { indicator: "actp-pch-beneficiaries", dataset: "aides-legales-pa-ph", field: "actpPch" },
  ];
  for (const { indicator, dataset, field } of aggregated) {
    test(`${indicator}: the published commune and département values are the partner's lines`, () => {
      for (const year of [2015, 2016]) {
        const rows = keys.get(`${dataset}|${year}`)!.filter((r) => r.fate === "kept");
        for (const [level, code] of [
          ["commune", aix],
          ["departement", config.territory.departement],
        ] as const) {
          const line = rows.find((r) => r.commune === code)!;
          const cell = published.get(cellKey({ indicator, year, level, code, breakdown: "", category: "" }))!;
          expect(cell.secret).toBe(false);
          expect(cell.value).toBe(line.fields![field]);
        }
      }
    });
  }
});
