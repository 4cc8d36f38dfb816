import { readFileSync, statSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import type { ExportRow } from "../../loaders/contracts.ts";
import type { ParsedExport } from "../../loaders/exports/read-export.ts";
import { loadAddressIndex, type AddressIndex } from "../../loaders/geocode/address-index.ts";
import { ingestParsed } from "../../loaders/records/ingest.ts";
import { correctionsFile, loadCorrections, writeNotPlaced } from "../../loaders/records/not-placed.ts";
import { resolveReferenceDir } from "../../loaders/reference/resolve.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

const territory = { commune: "13001", departement: "13", departementName: "Bouches-du-Rhône" };

function parsedWith(rows: ExportRow[]): ParsedExport {
  const parsed = {
    file: "apa.xlsx",
    dataset: "apa-domicile",
    protocol: 2,
    rows,
    rejections: [],
    droppedColumns: [],
    headerMap: {},
    format: "xlsx",
    account: { read: rows.length, kept: rows.length, rejected: {}, duplicates: 0, ignored: 0, notGeocoded: 0 },
  } as unknown as ParsedExport;
  Object.defineProperty(parsed, "quarantine", { value: [], enumerable: false });
  return parsed;
}

const row = (identifier: string, full: string): ExportRow => ({
  file: "apa.xlsx",
  row: 2,
  identifier,
  address: { full },
  fields: { sex: "F", birthDate: "1930-05-01", livingAlone: true, gir: 2 },
});

describe("addresses not placed, then corrected by the analyst", () => {
  let index: AddressIndex;
  const privateDir = useTempDir("abs-private-");
  beforeAll(async () => {
    index = await loadAddressIndex(resolveReferenceDir());
  });
  // One APA row on a street no reference knows, ingested with the analyst's corrections of the moment.
  const ingestUnknownStreet = async () =>
    ingestParsed(parsedWith([row("APA-1", "12 IMPASSE DU NULLE PART 13100 AIX EN PROVENCE")]), {
      year: 2015,
      territory,
      index,
      synthetic: false,
      corrections: await loadCorrections(privateDir, index),
    });

  test("an unknown street stays out of every IRIS, is counted, and waits in the 0600 quarantine", async () => {
    const result = await ingestUnknownStreet();
    expect(result.records[0]!.iris).toBeNull();
    expect(result.records[0]!.commune).toBe("13001");
    expect(result.account.notGeocoded).toBe(1);
    const file = writeNotPlaced(privateDir, 2015, "apa-domicile", result.notPlaced)!;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toContain("IMPASSE DU NULLE PART");
    // The de-identified record keeps neither the address nor the identifier.
    expect(JSON.stringify(result.records)).not.toMatch(/NULLE PART|APA-1/);
  });

  test("a correction forcing an IRIS places the row on the next run, match type forced", async () => {
    writeFileSync(
      correctionsFile(privateDir),
      "adresse;correction\n12 IMPASSE DU NULLE PART 13100 AIX EN PROVENCE;130010101\n",
    );
    const result = await ingestUnknownStreet();
    expect(result.records[0]!.iris).toBe("130010101");
    expect(result.records[0]!.matchType).toBe("forced");
    expect(result.account.notGeocoded).toBe(0);
  });
});
