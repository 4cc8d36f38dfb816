import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readExport } from "../../loaders/exports/read-export.ts";
import { getSchema, registerSchema } from "../../loaders/exports/registry.ts";
import type { DatasetSchema } from "../../loaders/exports/schema.ts";
import { adHocDatasetId, type AggregateRecord } from "../../loaders/contracts.ts";
import { aggregateCells } from "../../loaders/indicators/aggregate-cells.ts";
import type { IndicatorDefinition } from "../../loaders/indicators/types.ts";
import { tempDir, writeCsv } from "./fixtures.ts";

const { dir, cleanup } = tempDir("abs-adhoc-");
afterAll(cleanup);

// Article 2: an ad-hoc request (here, RSA recipients by commune) is one schema.
const RSA = adHocDatasetId("rsa-departemental");
const rsa: DatasetSchema = {
  id: RSA,
  label: "Bénéficiaires du RSA",
  kind: "aggregate",
  fields: [
    {
      name: "rsaRecipients",
      label: "allocataires du RSA",
      type: "integer",
      keywords: [["rsa"], ["allocataire", "beneficiaire"]],
      range: { min: 0, rule: "effectif-negatif", message: "effectif négatif" },
    },
    {
      name: "rsaMajore",
      label: "RSA majoré",
      type: "integer",
      variants: ["rsa majore"],
      range: { min: 0, rule: "effectif-negatif", message: "effectif négatif" },
    },
  ],
};

describe("an ad-hoc dataset", () => {
  it("is read once its schema is registered", async () => {
    const path = writeCsv(join(dir, "rsa.csv"), [
      ["Territoire", "Nb allocataires RSA", "RSA majoré"],
      ["AIX EN PROVENCE", "4 210", "512"],
      ["BOUCHES DU RHONE", "95 000", "-3"],
    ]);
    await expect(readExport(path, { dataset: RSA })).rejects.toThrow(/inconnu/);
    registerSchema(rsa);
    expect(getSchema(RSA)).toBe(rsa);
    const parsed = await readExport(path);
    expect(parsed.dataset).toBe("rsa-departemental");
    expect(parsed.rows).toMatchObject([
      { communeLabel: "AIX EN PROVENCE", fields: { rsaRecipients: 4210, rsaMajore: 512 } },
    ]);
    expect(parsed.account.rejected).toEqual({ "effectif-negatif": 1 });

    // ... plus its indicator declaration, computed by the indicators stage as it stands.
    const indicator: IndicatorDefinition = {
      id: "rsa-recipients",
      label: "Allocataires du RSA",
      definition: "Nombre d'allocataires du RSA au 31 décembre.",
      theme: "aides-financieres",
      unit: "count",
      computation: { kind: "aggregate", dataset: RSA, field: "rsaRecipients" },
      numerator: "allocataires du RSA (Conseil Départemental)",
      denominator: null,
      levels: ["commune", "departement"],
      breakdowns: [],
      years: { from: 2015 },
      approximations: [],
      decimals: 0,
    };
    const lines: AggregateRecord[] = parsed.rows.map((r) => ({
      dataset: parsed.dataset,
      year: 2015,
      observationDate: "2015-12-31",
      level: "commune",
      code: "13001",
      fields: r.fields as Record<string, number | null>,
    }));
    expect(aggregateCells(indicator, lines).map((c) => [c.indicator, c.code, c.value])).toEqual([
      ["rsa-recipients", "13001", 4210],
    ]);
  });
});

describe("an ad-hoc dataset id", () => {
  it("is refused when it takes an Annex 1 id or is not lower-case words and hyphens", () => {
    expect(() => adHocDatasetId("apa-domicile")).toThrow(/annexe 1/);
    expect(() => adHocDatasetId("RSA départemental")).toThrow(/minuscules et tirets/);
    expect(adHocDatasetId("rsa-2016")).toBe("rsa-2016");
  });
});
