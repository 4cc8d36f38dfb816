import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sampleDir } from "../../loaders/paths.ts";
import { personalValuesOfInputs } from "../../loaders/privacy/collect.ts";
import { LeakScanner } from "../../loaders/privacy/leak-scan.ts";
import { birthDateForms, type PersonalValue } from "../../loaders/privacy/personal-values.ts";
import { cellsToParquet } from "../../loaders/publish/parquet.ts";
import { exportFilesIn } from "../../loaders/records/inputs.ts";

// The scan reads every built file: about 30 s on an idle 2-core machine, several minutes on a loaded one.
const SCAN_TIMEOUT_MS = 900_000;
import { distDir } from "./site-files.ts";

/**
 * Needles from two independent sources: the generator's private answer keys (identifiers and
 * birth dates of every row, kept or rejected) and the build's own reading of the exports
 * (addresses, as written in the files).
 */
function answerKeyValues(): PersonalValue[] {
  const values: PersonalValue[] = [];
  for (const year of readdirSync(sampleDir).filter((y) => /^\d{4}$/.test(y))) {
    for (const file of readdirSync(join(sampleDir, year)).filter((f) => f.endsWith(".answers.json"))) {
      const key = JSON.parse(readFileSync(join(sampleDir, year, file), "utf8")) as {
        file: string;
        rows: { row: number; identifier?: string; fields?: { birthDate?: string } }[];
      };
      for (const row of key.rows) {
        const origin = { file: key.file, row: row.row };
        if (row.identifier) values.push({ kind: "identifier", origin, forms: [row.identifier] });
        if (row.fields?.birthDate)
          values.push({ kind: "birth-date", origin, forms: birthDateForms(row.fields.birthDate) });
      }
    }
  }
  return values;
}

describe("nothing personal reaches dist/", () => {
  let scanner: LeakScanner;
  let needles: PersonalValue[];
  let canaryDir: string;

  beforeAll(async () => {
    const fromExports = await personalValuesOfInputs(exportFilesIn(sampleDir));
    needles = [...answerKeyValues(), ...fromExports];
    scanner = new LeakScanner(needles);
    canaryDir = mkdtempSync(join(tmpdir(), "abs-canary-"));
  });
  afterAll(() => rmSync(canaryDir, { recursive: true, force: true }));

  test("the sample gives thousands of identifiers, addresses and birth dates to look for", () => {
    const count = (kind: string) => needles.filter((n) => n.kind === kind).length;
    expect(count("identifier")).toBeGreaterThan(5000);
    expect(count("address")).toBeGreaterThan(2000);
    expect(count("birth-date")).toBeGreaterThan(2000);
  });

  test(
    "the built site holds none of them (Parquet decoded, archives opened, text read)",
    async () => {
      const leaks = await scanner.scanFolder(distDir);
      expect(leaks).toEqual([]);
    },
    SCAN_TIMEOUT_MS,
  );

  test(
    "planted canaries are found: an identifier in a Parquet cell, an address in a page, a birth date in JSON",
    async () => {
      // A small copy of the site (its pages and tables) receives the canaries.
      const site = join(canaryDir, "site");
      cpSync(join(distDir, "_file", "data"), join(site, "_file", "data"), { recursive: true });
      cpSync(join(distDir, "index.html"), join(site, "index.html"));
      const identifier = needles.find((n) => n.kind === "identifier")!;
      const address = needles.find((n) => n.kind === "address")!;
      const birth = needles.find((n) => n.kind === "birth-date")!;
      writeFileSync(
        join(site, "canary.parquet"),
        await cellsToParquet([
          {
            indicator: "x",
            year: 2015,
            level: "iris",
            code: identifier.forms[0]!,
            breakdown: "",
            category: "",
            value: 1,
            secret: false,
            unit: "count",
          },
        ]),
      );
      writeFileSync(join(site, "canary.html"), `<p>Domicile : ${address.forms[0]}</p>`);
      writeFileSync(join(site, "canary.json"), JSON.stringify({ naissance: birth.forms[1] }));
      const leaks = await scanner.scanFolder(site);
      const where = (file: string) => leaks.filter((l) => l.file === file).map((l) => l.kind);
      expect(where("canary.parquet")).toContain("identifier");
      expect(where("canary.html")).toContain("address");
      expect(where("canary.json")).toContain("birth-date");
      expect(leaks.every((l) => l.file.startsWith("canary."))).toBe(true);
    },
    SCAN_TIMEOUT_MS,
  );
});
