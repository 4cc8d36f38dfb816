import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cellKey } from "../../loaders/contracts.ts";
import { protectedIndicators } from "../../loaders/pipeline.ts";
import { archiveEdition, archivedEditions, auditEditionsUnion } from "../../loaders/publish/editions.ts";
import { cellsToParquet } from "../../loaders/publish/parquet.ts";
import { tablesByTheme } from "../../loaders/publish/publication.ts";
import { cacheDir, ofYears, sampleContext, useSampleRun, writeEdition, type Ingested } from "./editions-sample.ts";

// The must-show chain of issue 18 on the real stages (sample generation, geocoding,
// indicators, protection, the files an edition archives, the union audit), on two datasets of
// the sample to stay cheap: archive the 2015 edition, rebuild with 2015 revised and 2016 new,
// and the audit of everything online passes; a cell re-published in the new edition fails it.
// The sample's records come from editions-sample.ts (kept in the system's temporary folder).

/**
 * The Département re-sends 2015: a dozen APA beneficiaries of the largest IRIS withdrawn, and
 * three births moved to another IRIS. Every sum changes consistently (records, not cells).
 */
function revise2015(set: Ingested): Ingested {
  const apa2015 = set.records.filter((r) => r.dataset === "apa-domicile" && r.year === 2015 && r.iris);
  const count = new Map<string, number>();
  for (const r of apa2015) count.set(r.iris!, (count.get(r.iris!) ?? 0) + 1);
  const largest = [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  const withdrawn = new Set(apa2015.filter((r) => r.iris === largest).slice(0, 12));
  const births = set.records.filter((r) => r.dataset === "certificats-8e-jour" && r.year === 2015 && r.iris);
  const moved = new Set(births.filter((r) => r.iris !== births[0]!.iris).slice(0, 3));
  return {
    ...set,
    records: set.records
      .filter((r) => !withdrawn.has(r))
      .map((r) => (moved.has(r) ? { ...r, iris: births[0]!.iris } : r)),
  };
}

describe("editions over time on the real chain: archive, revise a year, add a year, audit everything online", () => {
  const run = useSampleRun("abs-editions-chain-run-");
  const context = sampleContext;

  it("the revised and extended edition, protected from the archive, passes the union audit; a cell it re-publishes fails it", async () => {
    const [work, set] = [run.work(), run.set()];
    const dir = join(work, "editions");
    const first = await protectedIndicators(ofYears(set, [2015]), context());
    await writeEdition(join(work, "site-2015"), first);
    archiveEdition({ site: join(work, "site-2015"), dir, publishedAt: "2016-07-01" });

    const archives = await archivedEditions(dir);
    expect(archives.map((a) => a.name)).toEqual(["2015"]);
    const second = await protectedIndicators(revise2015(ofYears(set, [2015, 2016])), {
      ...context(),
      archives: archives.map((a) => a.cells),
    });
    // The revision is seen and listed; nothing secret in the archive came back.
    expect(second.revisions.length).toBeGreaterThan(0);
    expect(second.revisions.every((k) => k.split("|")[1] === "2015")).toBe(true);
    const now = new Map(second.table.cells.map((c) => [cellKey(c), c]));
    const archivedSecrets = archives[0]!.cells.filter((c) => c.secret).map(cellKey);
    expect(archivedSecrets.length).toBeGreaterThan(0);
    for (const key of archivedSecrets) if (now.has(key)) expect(now.get(key)!.secret, key).toBe(true);
    // An archived public cell not listed as revised is published again with its archived value.
    const revised = new Set(second.revisions);
    for (const c of archives[0]!.cells)
      if (!c.secret && !revised.has(cellKey(c)) && now.has(cellKey(c)))
        expect(now.get(cellKey(c))!.value, cellKey(c)).toBe(c.value);

    const site = join(work, "site-2016");
    const data = await writeEdition(site, second);
    const auditCache = join(cacheDir, "audit");
    const report = await auditEditionsUnion({ site, dir, cacheDir: auditCache });
    expect(report.failures.map((f) => `${f.cell} ${f.reason}`)).toEqual([]);

    // Mutation: the new edition re-publishes a small 2015 count that both editions kept secret.
    const raw = new Map(second.computed.cells.map((c) => [cellKey(c), c]));
    const target = second.table.cells.find((c) => {
      const value = raw.get(cellKey(c))!.value ?? 0;
      return c.secret && c.year === 2015 && c.unit === "count" && value >= 1 && value <= 4 && c.level === "iris";
    })!;
    expect(archivedSecrets).toContain(cellKey(target));
    const mutated = second.table.cells.map((c) =>
      c === target ? { ...c, secret: false, value: raw.get(cellKey(c))!.value } : c,
    );
    for (const [theme, cells] of tablesByTheme(mutated))
      writeFileSync(join(data, `${theme}.parquet`), await cellsToParquet(cells));
    const failed = await auditEditionsUnion({ site, dir, cacheDir: auditCache });
    expect(failed.ok).toBe(false);
    const named = failed.failures.map((f) => f.cell);
    const marked = (edition: string) => cellKey({ ...target, category: `${target.category}@${edition}` });
    // Named in the new edition, and in the archive, whose secret the re-published value gives back.
    expect(named).toEqual(expect.arrayContaining([marked("courante"), marked("2015")]));
  }, 400_000);
});
