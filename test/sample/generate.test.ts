import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readTable } from "../../loaders/exports/read-table.ts";
import type { AnswerKey, AnswerRow } from "../../loaders/sample/answer-key.ts";
import { generateSamples } from "../../loaders/sample/generate.ts";
import { departementCommunes, observed } from "../../loaders/sample/other-communes.ts";
import type { DatasetId } from "../../loaders/contracts.ts";
import { localDrawAddress } from "./local-drawer.ts";
import { BIRTH_VOLUMES, birthPopulation } from "../../loaders/sample/births.ts";
import { populationStreams } from "../../loaders/sample/population-groups.ts";
import { useTempDir, useTempDirs } from "../helpers/temp-dirs.ts";

const dir = useTempDir("abs-gen-");
const freshDir = useTempDirs("abs-gen2-");
const key = (year: number, dataset: string, root = dir): AnswerKey =>
  JSON.parse(readFileSync(join(root, String(year), `${dataset}.answers.json`), "utf8"));
const kept = (k: AnswerKey) => k.rows.filter((r) => r.fate === "kept");
const share = (rows: AnswerRow[], test: (r: AnswerRow) => boolean) => rows.filter(test).length / rows.length;

const generate = (outDir: string, seed: number, years: number[], datasets: DatasetId[]) =>
  generateSamples({ outDir, seed, years, datasets, drawAddress: localDrawAddress });

beforeAll(async () => {
  const start = performance.now();
  await generate(dir, 11, [2015, 2016], ["apa-domicile"]);
  console.log(`APA, deux années : ${Math.round(performance.now() - start)} ms`);
  await generate(
    dir,
    11,
    [2015, 2016],
    ["certificats-8e-jour", "assistantes-maternelles", "aides-financieres", "aides-legales-pa-ph", "ase"],
  );
}, 900_000);

describe("generateSamples", () => {
  it("writes an xlsx and a private answer key per dataset and year", () => {
    for (const year of [2015, 2016])
      for (const dataset of [
        "apa-domicile",
        "certificats-8e-jour",
        "assistantes-maternelles",
        "aides-financieres",
        "aides-legales-pa-ph",
        "ase",
      ]) {
        expect(statSync(join(dir, String(year), `${dataset}.xlsx`)).size).toBeGreaterThan(1000);
        expect(statSync(join(dir, String(year), `${dataset}.answers.json`)).mode & 0o777).toBe(0o600);
        const k = key(year, dataset);
        expect(k.account.read).toBe(k.rows.filter((r) => r.fate !== "outside").length);
      }
  });

  it("is reproducible from its seed (a year alone as among several), and another seed gives another sample", async () => {
    const other = freshDir();
    // One year alone is the same file as that year among several (half the cost of a re-run).
    await generate(other, 11, [2015], ["apa-domicile"]);
    expect(key(2015, "apa-domicile", other)).toEqual(key(2015, "apa-domicile"));
    await generate(other, 12, [2015], ["apa-domicile"]);
    expect(key(2015, "apa-domicile", other).rows).not.toEqual(key(2015, "apa-domicile").rows);
  });

  it("gives APA realistic volumes, ages, GIR shares and partner-like identifiers", () => {
    for (const year of [2015, 2016]) {
      const rows = kept(key(year, "apa-domicile"));
      const aix = rows.filter((r) => r.commune === "13001");
      expect(aix.length).toBeGreaterThan(2300);
      expect(aix.length).toBeLessThan(2700);
      expect(rows.length - aix.length).toBeGreaterThan(1000);
      for (const r of rows) {
        expect(r.identifier).toMatch(new RegExp(`^APA-${year}-\\d{6}$`));
        const age = year - Number((r.fields!.birthDate as string).slice(0, 4));
        expect(age).toBeGreaterThanOrEqual(60);
        expect(age).toBeLessThanOrEqual(115);
      }
      expect(share(rows, (r) => r.fields!.gir === 4)).toBeGreaterThan(0.45);
      expect(share(rows, (r) => (r.fields!.gir as number) <= 2)).toBeGreaterThan(0.1);
      expect(share(rows, (r) => r.fields!.sex === "F")).toBeGreaterThan(0.6);
      expect(share(rows, (r) => year - Number((r.fields!.birthDate as string).slice(0, 4)) >= 75)).toBeGreaterThan(0.7);
    }
  });

  it("links the years: most 2016 beneficiaries are 2015 ones one year older, under new identifiers", () => {
    const person = (r: AnswerRow) =>
      [r.fields!.sex, r.fields!.birthDate, r.commune, r.expectedAddress?.street ?? ""].join("|");
    const y2015 = new Set(kept(key(2015, "apa-domicile")).map(person));
    const y2016 = kept(key(2016, "apa-domicile"));
    expect(share(y2016, (r) => y2015.has(person(r)))).toBeGreaterThan(0.7);
    const ids2015 = new Set(kept(key(2015, "apa-domicile")).map((r) => r.identifier));
    expect(y2016.some((r) => ids2015.has(r.identifier))).toBe(false);
  });

  it("has the mess of real files: rejections, duplicates, blank and title lines, several date forms, a stray NOM column", async () => {
    const k = key(2015, "apa-domicile");
    expect(Object.keys(k.account.rejected).length).toBeGreaterThanOrEqual(4);
    expect(k.account.duplicates).toBeGreaterThan(10);
    // Blank and title lines are outside the account (« lues » are data rows); the footer is read and ignored.
    expect(k.rows.filter((r) => r.fate === "outside").length).toBeGreaterThan(5);
    expect(k.account.ignored).toBeGreaterThanOrEqual(1);
    const table = await readTable(join(dir, "2015", "apa-domicile.xlsx"));
    const rows = table.sheets[0]!.rows;
    const header = rows.findIndex((r) => r.some((c) => typeof c === "string" && /naiss|DDN/i.test(c)));
    expect(header).toBeGreaterThan(2);
    expect(rows[header]!.map((c) => String(c).toUpperCase())).toContain("NOM");
    const birthCol = rows[header]!.findIndex((c) => typeof c === "string" && /naiss|DDN/i.test(c));
    const kinds = new Set<string>(
      rows
        .slice(header + 1)
        .map((r) => r[birthCol])
        .map((c) =>
          c instanceof Date
            ? "date"
            : typeof c === "number"
              ? "serial"
              : typeof c === "string" && /[a-zé]/.test(c)
                ? "text-month"
                : typeof c,
        ),
    );
    for (const kind of ["date", "serial", "string", "text-month"]) expect(kinds.has(kind), kind).toBe(true);
  });

  it("addresses Aix rows with the injected drawer and other communes by name and postcode", () => {
    const rows = kept(key(2015, "certificats-8e-jour"));
    const aix = rows.filter((r) => r.commune === "13001");
    expect(aix.length).toBeGreaterThan(1400);
    for (const r of aix) expect(r.expectedAddress?.iris).toMatch(/^13001\d{4}$/);
    const others = rows.filter((r) => r.commune !== "13001");
    expect(others.length).toBeGreaterThan(1000);
    const labels = new Map(departementCommunes.map((c) => [c.code, c.label]));
    for (const r of others) {
      expect(r.expectedAddress).toBeUndefined();
      expect(r.communeLabel).toBe(labels.get(r.commune!));
    }
    expect(new Set(others.map((r) => r.commune)).size).toBeGreaterThan(30);
  });

  it("follows the populations: the rest of the département at the observed commune's rate, each commune near it", () => {
    const population = new Map(departementCommunes.map((c) => [c.code, c.population]));
    const rest = departementCommunes.filter((c) => c.code !== observed.code).reduce((sum, c) => sum + c.population, 0);
    for (const dataset of ["apa-domicile", "certificats-8e-jour", "assistantes-maternelles"])
      for (const year of [2015, 2016]) {
        const rows = kept(key(year, dataset));
        const perCommune = new Map<string, number>();
        for (const r of rows) perCommune.set(r.commune!, (perCommune.get(r.commune!) ?? 0) + 1);
        const observedRate = perCommune.get(observed.code)! / observed.population;
        const restRate = (rows.length - perCommune.get(observed.code)!) / rest;
        // Near the commune's (the communes' factors average out), not 7 to 10 times lower.
        expect(restRate / observedRate, `${dataset} ${year}`).toBeGreaterThan(0.8);
        expect(restRate / observedRate, `${dataset} ${year}`).toBeLessThan(1.2);
        // Each commune of 20,000 inhabitants or more: its own factor (0.8–1.2) and the draw's noise.
        const large = [...perCommune].filter(([code]) => code !== observed.code && population.get(code)! >= 20_000);
        expect(large.length).toBeGreaterThan(10);
        const ratios = large.map(([code, n]) => n / population.get(code)! / observedRate);
        for (const ratio of ratios) expect(ratio).toBeGreaterThan(0.55);
        for (const ratio of ratios) expect(ratio).toBeLessThan(1.45);
        // With noise: the communes do not all read the same rate.
        expect(Math.max(...ratios) - Math.min(...ratios)).toBeGreaterThan(0.15);
      }
  });

  it("draws the observed commune's people from their own stream: the rest's volume never changes them", () => {
    const people = (others: number) => {
      const saved = BIRTH_VOLUMES.others;
      BIRTH_VOLUMES.others = others;
      try {
        return birthPopulation(populationStreams(11, "births", "population", 2015), localDrawAddress)
          .filter((b) => b.place.commune.code === observed.code)
          .map((b) => JSON.stringify(b))
          .sort();
      } finally {
        BIRTH_VOLUMES.others = saved;
      }
    };
    const atScale = people(BIRTH_VOLUMES.others);
    expect(atScale.length).toBeGreaterThan(1400);
    expect(people(500)).toEqual(atScale);
  });

  it("writes one line for Aix and one for the département in the aggregated files", () => {
    for (const dataset of ["aides-financieres", "aides-legales-pa-ph", "ase"]) {
      const rows = kept(key(2015, dataset));
      expect(rows.map((r) => r.commune)).toEqual(["13001", "13"]);
      for (const [field, value] of Object.entries(rows[1]!.fields!))
        expect(value as number, field).toBeGreaterThan(rows[0]!.fields![field] as number);
    }
    const legal = kept(key(2015, "aides-legales-pa-ph"));
    for (const r of legal)
      expect((r.fields!.ashElderlyMen as number) + (r.fields!.ashElderlyWomen as number)).toBe(r.fields!.ashElderly);
  });
});
