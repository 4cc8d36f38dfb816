import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { intakeExport, type IntakeResult } from "../../loaders/exports/intake.ts";
import type { AnswerKey } from "../../loaders/sample/answer-key.ts";
import { generateSamples } from "../../loaders/sample/generate.ts";
import { localDrawAddress } from "../sample/local-drawer.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

const dir = useTempDir("abs-intake-");
const privateDir = join(dir, "private");
const log: string[] = [];
let result: IntakeResult;
let key: AnswerKey;

beforeAll(async () => {
  await generateSamples({
    outDir: join(dir, "exports"),
    seed: 3,
    years: [2015],
    datasets: ["apa-domicile"],
    drawAddress: localDrawAddress,
  });
  key = JSON.parse(readFileSync(join(dir, "exports", "2015", "apa-domicile.answers.json"), "utf8"));
  result = await intakeExport(join(dir, "exports", "2015", "apa-domicile.xlsx"), {
    year: 2015,
    privateDir,
    synthetic: true,
    log: (l) => log.push(l),
  });
}, 60_000);

describe("intakeExport", () => {
  it("stores a manifest with dates, protocol and the account after de-duplication", () => {
    const stored = JSON.parse(
      readFileSync(join(privateDir, "2015", "intake", "apa-domicile--apa-domicile.xlsx.manifest.json"), "utf8"),
    );
    expect(stored).toEqual(result.manifest);
    expect(result.manifest).toMatchObject({
      dataset: "apa-domicile",
      year: 2015,
      observationDateStated: "2015-12-31",
      observationDate: "2015-12-31",
      lastUpdate: key.lastUpdate,
      protocol: 2,
      synthetic: true,
      account: key.account,
    });
    expect(result.manifest.droppedColumns.map((c) => c.toUpperCase())).toEqual(["NOM"]);
    expect(result.manifest.receivedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(result.rows).toHaveLength(key.account.kept);
  });

  it("prints the account in French", () => {
    expect(log[0]).toBe("apa-domicile.xlsx → apa-domicile 2015 (données fictives)");
    expect(log).toContain(`    conservées : ${key.account.kept}`);
    expect(log).toContain("  Bilan équilibré.");
  });

  it("keeps rejected rows only in an owner-only quarantine", () => {
    const folder = join(privateDir, "2015", "quarantine");
    const [file] = readdirSync(folder);
    expect(statSync(join(folder, file!)).mode & 0o777).toBe(0o600);
    const quarantine = JSON.parse(readFileSync(join(folder, file!), "utf8"));
    const rejectedRows = key.rows.filter((r) => r.fate === "rejected").map((r) => r.row);
    expect(quarantine.rows.map((r: { row: number }) => r.row)).toEqual(rejectedRows);
    expect(JSON.stringify(quarantine)).not.toMatch(/"NOM"|"Nom"/);
  });

  it("writes a quality report for the partner with no personal value", () => {
    const report = readFileSync(join(privateDir, "2015", "quality", "apa-domicile--apa-domicile.xlsx.md"), "utf8");
    expect(report).toContain("# Rapport de qualité — APA à domicile");
    expect(report).toContain("gir-hors-plage | ");
    expect(report).toMatch(/« (NOM|Nom) »/);
    for (const row of key.rows) if (row.identifier) expect(report).not.toContain(row.identifier);
    for (const row of key.rows)
      if (row.expectedAddress) expect(report).not.toContain(row.expectedAddress.street.toLowerCase());
    expect(report).not.toMatch(/\d{2}\/\d{2}\/19\d\d/);
  });
});
