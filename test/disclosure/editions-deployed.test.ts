import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cellKey, type PrivateRecord, type PublishedCell } from "../../loaders/contracts.ts";
import { constraintsFromArchives } from "../../loaders/disclosure/editions-constraints.ts";
import { protectedIndicators } from "../../loaders/pipeline.ts";
import { auditEditionsUnion } from "../../loaders/publish/editions.ts";
import { deployedEdition, recordDeployedEdition } from "../../loaders/publish/editions-deployed.ts";
import { cellsToParquet } from "../../loaders/publish/parquet.ts";
import { tablesByTheme } from "../../loaders/publish/publication.ts";
import { cacheDir, sampleContext, useSampleRun, writeEdition, type Ingested } from "./editions-sample.ts";

// Finding F1 of the independent attacker, on the real stages: a better geocoding places one
// more APA beneficiary of 2015 in an IRIS with a small count; the rebuild of the same edition
// changes that IRIS's cells by +1 beside the site online. The deployed build now constrains
// its rebuild like an archive: the +1 cells are revised, listed (keys only), never published
// beside their old value, and the union of the deployed and rebuilt editions passes the
// audit; a mutation publishing a new value fails it, named.

/** The IRIS of 2015 with the smallest public APA total of 5 or more: where one person shows most. */
function smallPublicIris(cells: readonly PublishedCell[]): string {
  const totals = cells.filter(
    (c) =>
      c.indicator === "apa-beneficiaries" &&
      c.year === 2015 &&
      c.level === "iris" &&
      c.breakdown === "" &&
      !c.secret &&
      c.value !== null &&
      c.value >= 5,
  );
  totals.sort((a, b) => a.value! - b.value! || (a.code < b.code ? -1 : 1));
  return totals[0]!.code;
}

/** One APA beneficiary of 2015 placed in `iris`: one not placed before if any, else one moved from another IRIS. */
function placeOnePerson(set: Ingested, iris: string): { set: Ingested; person: PrivateRecord } {
  const apa = set.records.filter((r) => r.dataset === "apa-domicile" && r.year === 2015);
  const person = apa.find((r) => !r.iris) ?? apa.find((r) => r.iris && r.iris !== iris)!;
  return { set: { ...set, records: set.records.map((r) => (r === person ? { ...r, iris } : r)) }, person };
}

describe("a rebuild of the deployed edition is a revision of it (finding F1)", () => {
  const run = useSampleRun("abs-editions-deployed-");
  const context = sampleContext;

  it("the +1 cells are revised and hidden, the union of the deployed and rebuilt editions passes; publishing a new value fails it, named", async () => {
    const [work, set] = [run.work(), run.set()];
    const deployedDir = join(work, "editions", "deployed");
    // Without a deployed build: nothing constrains the first build (as before this rule).
    expect(await deployedEdition(deployedDir)).toBeNull();
    const first = await protectedIndicators(set, context());
    expect(first.revisions).toEqual([]);
    const firstSite = join(work, "site-1");
    await writeEdition(firstSite, first);
    expect(recordDeployedEdition(firstSite, deployedDir, "2017-06-30")).toEqual({ year: 2016, builtAt: "2017-06-30" });
    const deployed = (await deployedEdition(deployedDir))!;
    expect(deployed.cells.length).toBe(first.table.cells.length);

    const iris = smallPublicIris(first.table.cells);
    const { set: rebuiltSet } = placeOnePerson(set, iris);
    const second = await protectedIndicators(rebuiltSet, { ...context(), archives: [deployed.cells] });

    // The cells one person moved: counts of the IRIS that went +1 (and −1 where it came from).
    const before = new Map(first.computed.cells.map((c) => [cellKey(c), c.value]));
    const moved = second.computed.cells.filter(
      (c) => c.unit === "count" && before.has(cellKey(c)) && before.get(cellKey(c)) !== c.value,
    );
    const plusOne = moved.filter((c) => c.level === "iris" && c.code === iris);
    expect(plusOne.length).toBeGreaterThanOrEqual(4);
    expect(plusOne.every((c) => c.value! - before.get(cellKey(c))! === 1)).toBe(true);

    // Every moved cell public online is revised and listed, by its key only.
    const online = new Map(deployed.cells.map((c) => [cellKey(c), c]));
    const now = new Map(second.table.cells.map((c) => [cellKey(c), c]));
    const revised = new Set(second.revisions);
    for (const c of moved)
      if (online.get(cellKey(c))?.secret === false) expect(revised.has(cellKey(c)), cellKey(c)).toBe(true);
    expect(second.revisions.every((k) => /^[a-z0-9-]+\|\d{4}\|[a-z]+\|\d+\|[a-z0-9-]*\|[^|]*$/.test(k))).toBe(true);
    // None is published with its new value beside the old one: the difference of 1 cannot be read.
    for (const c of moved) {
      const old = online.get(cellKey(c))!;
      const shown = now.get(cellKey(c))!;
      if (!old.secret) expect(shown.secret, `${cellKey(c)} publié à côté de sa valeur déployée`).toBe(true);
    }
    // Secret online stays secret; public online and unchanged stays public with the same value.
    for (const old of deployed.cells) {
      const shown = now.get(cellKey(old));
      if (!shown) continue;
      if (old.secret) expect(shown.secret, cellKey(old)).toBe(true);
      // == : a published −0 is the 0 online.
      else if (!revised.has(cellKey(old))) expect(shown.value === old.value, cellKey(old)).toBe(true);
    }

    // The union audit of what is online (the deployed build and its rebuild) passes.
    const site = join(work, "site-2");
    const data = await writeEdition(site, second);
    const archives = join(work, "editions");
    mkdirSync(archives, { recursive: true });
    const auditCache = join(cacheDir, "audit");
    const report = await auditEditionsUnion({ site, dir: archives, cacheDir: auditCache, deployed: [deployed] });
    expect(report.failures.map((f) => `${f.cell} ${f.reason}`)).toEqual([]);

    const republish = async (change: (c: PublishedCell) => PublishedCell) => {
      for (const [theme, cells] of tablesByTheme(second.table.cells.map(change)))
        writeFileSync(join(data, `${theme}.parquet`), await cellsToParquet(cells));
      return auditEditionsUnion({ site, dir: archives, cacheDir: auditCache, deployed: [deployed] });
    };
    const raw = new Map(second.computed.cells.map((c) => [cellKey(c), c.value]));
    // Mutation 1: the rebuilt edition publishes the new value of the revised IRIS total (+1).
    const total = cellKey(plusOne.find((c) => c.breakdown === "")!);
    const leaked = await republish((c) => (cellKey(c) === total ? { ...c, secret: false, value: raw.get(total)! } : c));
    expect(leaked.ok).toBe(false);
    expect(leaked.failures.map((f) => f.cell)).toContain(`${total}@courante`);
    expect(leaked.failures.find((f) => f.cell === `${total}@courante`)!.reason).toMatch(/1 à 4 personne/);
    // Mutation 2: a locked cell (public online, unchanged) published with a new value, not declared.
    const locked = second.table.cells.find(
      (c) => c.unit === "count" && !c.secret && c.level === "iris" && c.code !== iris && !revised.has(cellKey(c)),
    )!;
    const silent = await republish((c) => (c === locked ? { ...c, value: c.value! + 1 } : c));
    expect(silent.ok).toBe(false);
    expect(silent.failures.map((f) => f.cell)).toContain(`${cellKey(locked)}@courante`);
  }, 600_000);

  it("with no deployed build and no archive, the constraints are empty: the build behaves as before", () => {
    const c = constraintsFromArchives([], []);
    expect([c.secret.size, c.locked.size, c.revised.length, c.smallRevisions.length]).toEqual([0, 0, 0, 0]);
  });
});
