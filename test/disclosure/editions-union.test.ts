import { describe, expect, it } from "vitest";
import type { Cell } from "../../loaders/contracts.ts";
import { audit, buildAuditCatalogue } from "../../loaders/disclosure/audit.ts";
import { constraintsFromArchives } from "../../loaders/disclosure/editions-constraints.ts";
import { auditUnion, unionOfEditions, type PublishedEdition } from "../../loaders/disclosure/editions-union.ts";
import { protect } from "../../loaders/disclosure/protect.ts";
import { cell, sum, zone } from "./tables.ts";

// Two editions of the same year 2015 (Article 7 over time): the archive published every
// cell; the revised edition hides a part of 3 and its partner beside a revised total.
const zones = [zone("A", 2500)];
const year2015 = (total: number, women: number, men: number) => {
  const t = cell("apa", "A", "", total);
  const parts = [cell("apa", "A", "F", women, { breakdown: "sex" }), cell("apa", "A", "M", men, { breakdown: "sex" })];
  return { cells: [t, ...parts] as Cell[], relations: [sum(t, parts)] };
};

async function editionOf(name: string, table: ReturnType<typeof year2015>) {
  const published = protect(table.cells, table.relations, zones);
  return { name, cells: published.cells, catalogue: buildAuditCatalogue({ relations: table.relations, zones }) };
}

/** The build's way: protection starts from what the archives made public, and publishes its revised cells. */
function editionAfter(
  name: string,
  table: ReturnType<typeof year2015>,
  archives: PublishedEdition[],
): PublishedEdition {
  const constraints = constraintsFromArchives(
    table.cells,
    archives.map((a) => a.cells),
  );
  const published = protect(table.cells, table.relations, zones, { archives: constraints });
  return {
    name,
    cells: [...published.cells],
    catalogue: buildAuditCatalogue({ relations: table.relations, zones, revisions: constraints.revised }),
  };
}

/** Mutation: `edition` re-publishes its cell of `category` at `value`; the audit of the union with `others`. */
async function auditWithLeak(edition: PublishedEdition, category: string, value: number, others: PublishedEdition[]) {
  const leaked = {
    ...edition,
    cells: edition.cells.map((c) => (c.category === category ? { ...c, secret: false, value } : c)),
  };
  const mutated = unionOfEditions([leaked, ...others]);
  return audit(mutated.cells, mutated.catalogue);
}

/**
 * The union of `edition` with `others` passes the audit, and the mutation (`edition` re-publishing
 * its cell of `leak.category` at `leak.value`) fails it, naming at least `named`.
 */
async function expectLeakCaught(
  edition: PublishedEdition,
  others: PublishedEdition[],
  leak: { category: string; value: number },
  named: string[],
): Promise<void> {
  const union = unionOfEditions([edition, ...others]);
  expect((await audit(union.cells, union.catalogue)).failures).toEqual([]);
  const failed = await auditWithLeak(edition, leak.category, leak.value, others);
  expect(failed.ok).toBe(false);
  expect(failed.failures.map((f) => f.cell)).toEqual(expect.arrayContaining(named));
}

describe("editions over time: the audit of everything online (current edition and archives)", () => {
  it("each edition passes alone, but a revised year read by difference with the archive fails the union", async () => {
    const archived = await editionOf("2015", year2015(32, 27, 5));
    const revised = await editionOf("courante", year2015(30, 27, 3));
    // Alone, each edition is safe: the revision hides the 3 women and their partner.
    expect((await audit(archived.cells, archived.catalogue)).ok).toBe(true);
    expect((await audit(revised.cells, revised.catalogue)).ok).toBe(true);
    expect(revised.cells.filter((c) => c.secret).map((c) => c.category)).toEqual(["F", "M"]);
    // Together: the men (27) published last year beside this year's total (30) give 3 women.
    const union = unionOfEditions([revised, archived]);
    const report = await audit(union.cells, union.catalogue);
    expect(report.ok).toBe(false);
    expect(report.failures.map((f) => f.cell)).toContain("apa|2015|iris|A|sex|F@courante");
  });

  it("an edition that only adds cells keeps the archive's secrets: the union passes", async () => {
    const archived = await editionOf("2015", year2015(32, 29, 3));
    const next = await editionOf("courante", year2015(32, 29, 3));
    expect(unionOfEditions([next, archived]).cells).toHaveLength(6);
    // Mutation: the archive re-publishing its protected cell is named.
    await expectLeakCaught(archived, [next], { category: "F", value: 29 }, ["apa|2015|iris|A|sex|M@courante"]);
  });

  it("protected from the archive, the revised year keeps the unchanged part public and hides the revised total: the union passes", async () => {
    const archived = await editionOf("2015", year2015(32, 27, 5));
    const revised = editionAfter("courante", year2015(30, 27, 3), [archived]);
    // The women (27, unchanged) stay public as archived; the revised total is the complement.
    expect(revised.cells.filter((c) => c.secret).map((c) => c.category)).toEqual(["", "M"]);
    expect(revised.catalogue.revisions).toEqual(["apa|2015|iris|A|sex|M", "apa|2015|iris|A||"]);
    // Mutation: the new edition re-publishing its protected total gives the 3 men back, named.
    await expectLeakCaught(revised, [archived], { category: "", value: 30 }, ["apa|2015|iris|A|sex|M@courante"]);
  });

  it("a cell secret in the archive stays secret in the next edition, and re-publishing it fails the union", async () => {
    const archived = await editionOf("2015", year2015(32, 29, 3));
    const next = editionAfter("courante", year2015(32, 29, 3), [archived]);
    expect(next.cells.filter((c) => c.secret).map((c) => c.category)).toEqual(["F", "M"]);
    expect(next.catalogue.revisions).toEqual([]);
    // Mutation: the men published again in the new edition are joined to the archive's secret.
    await expectLeakCaught(next, [archived], { category: "M", value: 3 }, [
      "apa|2015|iris|A|sex|M@courante",
      "apa|2015|iris|A|sex|M@2015",
    ]);
  });

  it("a changed value missing from the published list of revised cells fails closed", async () => {
    const archived = await editionOf("2015", year2015(40, 20, 20));
    const revised = editionAfter("courante", year2015(43, 40, 3), [archived]);
    expect(revised.catalogue.revisions).toEqual([
      "apa|2015|iris|A|sex|F",
      "apa|2015|iris|A|sex|M",
      "apa|2015|iris|A||",
    ]);
    const listed = unionOfEditions([revised, archived]);
    expect((await audit(listed.cells, listed.catalogue)).ok).toBe(true);
    const silent = { ...revised, catalogue: { ...revised.catalogue, revisions: [] } };
    const union = unionOfEditions([silent, archived]);
    const report = await audit(union.cells, union.catalogue);
    expect(report.ok).toBe(false);
    expect(report.failures[0]!.reason).toMatch(/incohérentes/);
  });

  it("a rebuild moving one person: published beside the old values the +1 cells fail the union, named; protected from it they are hidden and pass", async () => {
    const online = await editionOf("deployee", year2015(40, 20, 20));
    // Unprotected from what is online: 41 and 21 are public (both 5 or more), the difference is one woman.
    const naive = await editionOf("courante", year2015(41, 21, 20));
    const listed = {
      ...naive,
      catalogue: { ...naive.catalogue, revisions: ["apa|2015|iris|A|sex|F", "apa|2015|iris|A||"] },
    };
    const failed = await auditUnion([listed, online]);
    expect(failed.failures.map((f) => f.cell)).toEqual([
      "apa|2015|iris|A|sex|F@courante",
      "apa|2015|iris|A||@courante",
    ]);
    expect(failed.failures[0]!.reason).toMatch(/la différence porte sur 1 à 4 personne/);
    // Protected from it: the two revised cells are hidden and listed, the men stay as online.
    const rebuilt = editionAfter("courante", year2015(41, 21, 20), [online]);
    expect(rebuilt.cells.filter((c) => c.secret).map((c) => c.category)).toEqual(["", "F"]);
    expect(rebuilt.catalogue.revisions).toEqual(["apa|2015|iris|A|sex|F", "apa|2015|iris|A||"]);
    expect((await auditUnion([rebuilt, online])).failures).toEqual([]);
  });
});
