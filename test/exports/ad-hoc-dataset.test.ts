import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readExport } from "../../loaders/exports/read-export.ts";
import { getSchema, registerSchema } from "../../loaders/exports/registry.ts";
import type { DatasetSchema } from "../../loaders/exports/schema.ts";
import { tempDir, writeCsv } from "./fixtures.ts";

const { dir, cleanup } = tempDir("abs-adhoc-");
afterAll(cleanup);

// Article 2: an ad-hoc request (here, RSA recipients by commune) is one schema.
const rsa: DatasetSchema = {
  id: "rsa-departemental",
  label: "Bénéficiaires du RSA",
  kind: "aggregate",
  fields: [
    { name: "rsaRecipients", label: "allocataires du RSA", type: "integer", keywords: [["rsa"], ["allocataire", "beneficiaire"]], range: { min: 0, rule: "effectif-negatif", message: "effectif négatif" } },
    { name: "rsaMajore", label: "RSA majoré", type: "integer", variants: ["rsa majore"], range: { min: 0, rule: "effectif-negatif", message: "effectif négatif" } },
  ],
};

describe("an ad-hoc dataset", () => {
  it("is read once its schema is registered", async () => {
    const path = writeCsv(join(dir, "rsa.csv"), [
      ["Territoire", "Nb allocataires RSA", "RSA majoré"],
      ["AIX EN PROVENCE", "4 210", "512"],
      ["BOUCHES DU RHONE", "95 000", "-3"],
    ]);
    await expect(readExport(path, { dataset: "rsa-departemental" })).rejects.toThrow(/inconnu/);
    registerSchema(rsa);
    expect(getSchema("rsa-departemental")).toBe(rsa);
    const parsed = await readExport(path);
    expect(parsed.dataset).toBe("rsa-departemental");
    expect(parsed.rows).toMatchObject([{ communeLabel: "AIX EN PROVENCE", fields: { rsaRecipients: 4210, rsaMajore: 512 } }]);
    expect(parsed.account.rejected).toEqual({ "effectif-negatif": 1 });
  });
});
