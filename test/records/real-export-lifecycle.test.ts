import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { dataDir, projectRoot } from "../../loaders/paths.ts";
import { loadAddressIndex } from "../../loaders/geocode/address-index.ts";
import { drawAddress } from "../../loaders/geocode/draw-address.ts";
import { resolveReferenceDir } from "../../loaders/reference/resolve.ts";
import { APA_VOLUMES } from "../../loaders/sample/apa.ts";
import { generateSamples } from "../../loaders/sample/generate.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";

function runPipeline(data: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ["--import", "tsx", join(projectRoot, "test", "fixtures", "run-pipeline.ts")], {
    cwd: projectRoot,
    encoding: "utf8",
    env: { ...process.env, ABS_DATA_DIR: data, ABS_ALLOW_FICTITIOUS_REFERENCE: "", ...env },
    maxBuffer: 32 * 2 ** 20,
  });
}

describe("life cycle of a real export", () => {
  const tempDir = useTempDirs("abs-data-");
  let data: string;
  let exportFile: string;
  let identifiers: string[];
  let firstRun: { members: string[]; apaBytes: number; apaDigest: string | null };

  beforeAll(async () => {
    data = tempDir();
    cpSync(join(dataDir, "observatory.json"), join(data, "observatory.json"));
    const generated = join(data, ".generated");
    const index = await loadAddressIndex(resolveReferenceDir());
    // Aix's beneficiaries only: the life cycle does not need the rest of the département's
    // 30,000, whose protection and audit made this file the slowest of the unit tests.
    const others = APA_VOLUMES.others;
    APA_VOLUMES.others = 0;
    try {
      await generateSamples({
        outDir: generated,
        seed: 7,
        years: [2015],
        datasets: ["apa-domicile"],
        drawAddress: (rng) => drawAddress(index, rng, { noise: 0.2 }),
      });
    } finally {
      APA_VOLUMES.others = others;
    }
    mkdirSync(join(data, "exports", "2015"), { recursive: true });
    exportFile = join(data, "exports", "2015", "apa-domicile.xlsx");
    cpSync(join(generated, "2015", "apa-domicile.xlsx"), exportFile);
    const key = JSON.parse(readFileSync(join(generated, "2015", "apa-domicile.answers.json"), "utf8")) as {
      rows: { identifier?: string }[];
    };
    identifiers = key.rows.map((r) => r.identifier).filter((id): id is string => Boolean(id));
    rmSync(generated, { recursive: true, force: true });
  }, 120_000);

  test("refused on the fictitious address reference, and nothing is lost", () => {
    const run = runPipeline(data);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/référence d'adresses FICTIVE/);
    expect(existsSync(exportFile)).toBe(true);
    expect(existsSync(join(data, "private", "2015", "store"))).toBe(false);
  }, 120_000);

  test("the data loader alone (as in the preview) neither ingests nor deletes the export", () => {
    const run = runPipeline(data, { ABS_ALLOW_FICTITIOUS_REFERENCE: "1", ABS_SKIP_INGEST: "1" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/npm run abs -- ingest/);
    expect(existsSync(exportFile)).toBe(true);
    expect(existsSync(join(data, "private", "2015", "store"))).toBe(false);
  }, 120_000);

  test("ingested into the 0600 private store, then the export file is deleted", () => {
    const run = runPipeline(data, { ABS_ALLOW_FICTITIOUS_REFERENCE: "1" });
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(exportFile)).toBe(false);
    const store = join(data, "private", "2015", "store");
    const files = readdirSync(store);
    expect(files).toContain("apa-domicile.json");
    for (const file of files) expect(statSync(join(store, file)).mode & 0o777).toBe(0o600);
    const stored = readFileSync(join(store, "apa-domicile.json"), "utf8");
    expect(identifiers.length).toBeGreaterThan(1000);
    expect(identifiers.filter((id) => stored.includes(id))).toEqual([]);
    expect(stored).not.toMatch(/birthDate|"address"/);
    firstRun = JSON.parse(run.stdout);
    expect(firstRun.members).toContain("personnes-agees.parquet");
    expect(firstRun.apaBytes).toBeGreaterThan(0);
    // The intake's manifest and the partner's quality report, private too, without personal values.
    const quality = readdirSync(join(data, "private", "2015", "quality"));
    expect(quality.length).toBe(1);
    const report = readFileSync(join(data, "private", "2015", "quality", quality[0]!), "utf8");
    expect(identifiers.filter((id) => report.includes(id))).toEqual([]);
    expect(readdirSync(join(data, "private", "2015", "intake")).some((f) => f.endsWith(".manifest.json"))).toBe(true);
  }, 300_000); // ingestion step, then the loader reading the store: two passes

  test("the next build, with no export left, publishes the same tables from the store", () => {
    const run = runPipeline(data, { ABS_ALLOW_FICTITIOUS_REFERENCE: "1" });
    expect(run.status, run.stderr).toBe(0);
    // The same members and, byte for byte, the same APA table as the run that read the export.
    expect(JSON.parse(run.stdout)).toEqual(firstRun);
    expect(run.stderr).not.toMatch(/fichier d'export supprimé/);
  }, 180_000);
});
