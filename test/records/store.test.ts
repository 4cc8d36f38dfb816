// Data minimisation: a real export (identifier, address, birth date) read, geocoded and
// de-identified by the real stages, then written to the private store. The store and its
// manifest are scanned with the leak scanner built from that same export: nothing personal
// may be found, files are 0600 and folders 0700 even with a permissive umask.
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readObservatoryConfig } from "../../loaders/config.ts";
import { readExport } from "../../loaders/exports/read-export.ts";
import { loadAddressIndex } from "../../loaders/geocode/address-index.ts";
import { personalValuesOfInputs } from "../../loaders/privacy/collect.ts";
import { LeakScanner } from "../../loaders/privacy/leak-scan.ts";
import { ingestParsed } from "../../loaders/records/ingest.ts";
import { readStore, storeExport, writeStoredDataset, type StoreManifest } from "../../loaders/records/store.ts";
import { resolveReferenceDir } from "../../loaders/reference/resolve.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

const dir = useTempDir("abs-store-");
const privateDir = join(dir, "private");
const exportPath = join(dir, "exports", "2015", "apa-domicile.csv");
let previousUmask: number;

beforeAll(() => {
  previousUmask = process.umask(0o000);
  mkdirSync(join(dir, "exports", "2015"), { recursive: true });
  const lines = [
    ["Index dossier", "Adresse complète", "Sexe", "Date de naissance", "Situation familiale", "GIR"],
    ["DOS-748213", "17 bis rue Mignet 13100 Aix-en-Provence", "F", "14/07/1931", "Isolé(e)", "3"],
    ["DOS-748213", "17 bis rue Mignet 13100 Aix-en-Provence", "F", "14/07/1931", "Isolé(e)", "3"],
    ["DOS-100001", "4 avenue Victor Hugo 13100 Aix-en-Provence", "M", "02/03/1940", "Couple", "2"],
    ["DOS-100002", "8 cours Mirabeau 13100 Aix-en-Provence", "F", "30/12/1929", "Isolé(e)", "4"],
    ["DOS-100003", "3 rue de la République 13300 Salon-de-Provence", "F", "01/01/1935", "Couple", "1"],
  ];
  writeFileSync(exportPath, lines.map((l) => l.join(";")).join("\r\n"));
});
afterAll(() => {
  process.umask(previousUmask);
});

async function ingestFixture() {
  const config = readObservatoryConfig();
  const parsed = await readExport(exportPath, { defaultCommune: config.territory.communeName });
  const index = await loadAddressIndex(resolveReferenceDir());
  return ingestParsed(parsed, { year: 2015, territory: config.territory, index, synthetic: false });
}

describe("private store", () => {
  it("keeps ages, IRIS and schema fields, and no identifier, address or birth date", async () => {
    const ingested = await ingestFixture();
    const { data, manifest } = storeExport(privateDir, exportPath, {
      edition: ingested.edition,
      account: ingested.account,
      records: ingested.records,
      aggregates: [],
    });
    const stored = readStore(privateDir);
    expect(stored).toHaveLength(1);
    // One person was listed twice: de-duplicated by identifier, then the identifier is gone.
    expect(stored[0].records).toHaveLength(4);
    expect(stored[0].records.map((r) => r.fields.age).sort()).toEqual([75, 80, 84, 86]);
    for (const record of stored[0].records)
      expect(Object.keys(record.fields).sort()).toEqual(["age", "gir", "livingAlone", "sex"]);

    const scanner = new LeakScanner(await personalValuesOfInputs([{ path: exportPath, year: 2015 }]));
    // The scanner does find them in the export itself...
    expect((await scanner.scanBytes("export.csv", readFileSync(exportPath))).length).toBeGreaterThan(0);
    // ...and finds nothing in the store or its manifest.
    expect(await scanner.scanFolder(join(privateDir, "2015", "store"))).toEqual([]);

    const described: StoreManifest = JSON.parse(readFileSync(manifest, "utf8"));
    expect(described).toMatchObject({
      dataset: "apa-domicile" as const,
      year: 2015,
      sourceFile: "apa-domicile.csv",
      records: 4,
      fields: ["age", "gir", "livingAlone", "sex"],
    });
    expect(described.sourceSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(described.account.read).toBe(5);

    for (const file of [data, manifest]) expect(statSync(file).mode & 0o777).toBe(0o600);
    for (const folder of [privateDir, join(privateDir, "2015"), join(privateDir, "2015", "store")])
      expect(statSync(folder).mode & 0o777).toBe(0o700);
  });

  it("nothing links a person across years: the same person in two years gives records with no common key", async () => {
    const ingested = await ingestFixture();
    const keys = ingested.records.flatMap((r) => Object.keys(r));
    expect(new Set(keys)).toEqual(
      new Set(["dataset", "year", "observationDate", "iris", "commune", "matchType", "fields"]),
    );
  });

  it("refuses a record that still carries a personal field, naming the field and not the value", () => {
    const edition = {
      dataset: "apa-domicile" as const,
      year: 2016,
      observationDate: "2016-12-31",
      lastUpdate: null,
      synthetic: false,
    };
    const account = { read: 1, kept: 1, rejected: {}, duplicates: 0, ignored: 0, notGeocoded: 0 };
    const record = {
      dataset: "apa-domicile" as const,
      year: 2016,
      observationDate: "2016-12-31",
      iris: null,
      commune: "13001",
      matchType: "exact" as const,
    };
    expect(() =>
      writeStoredDataset(privateDir, {
        edition,
        account,
        aggregates: [],
        records: [{ ...record, fields: { age: 80, birthDate: "1936-02-01" } }],
      }),
    ).toThrow(/champ personnel « birthDate »/);
    expect(() =>
      writeStoredDataset(privateDir, {
        edition,
        account,
        aggregates: [],
        records: [{ ...record, fields: { age: 80, adresse: "4 rue X" } }],
      }),
    ).toThrow(/« adresse »/);
    const withIdentifier = { ...record, identifier: "DOS-1", fields: { age: 80 } } as never;
    let message = "";
    try {
      writeStoredDataset(privateDir, { edition, account, aggregates: [], records: [withIdentifier] });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/« identifier »/);
    expect(message).not.toContain("DOS-1");
    expect(readStore(privateDir).map((s) => s.edition.year)).toEqual([2015]);
  });
});
