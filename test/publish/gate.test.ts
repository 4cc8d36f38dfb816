import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { commentaryDir } from "../../loaders/paths.ts";
import { readCommentaries } from "../../loaders/publish/commentary.ts";
import { buildModeFromEnv, describeMissing, evaluateGate, publishableTables } from "../../loaders/publish/gate.ts";
import { visuals, type VisualDefinition } from "../../loaders/publish/visuals.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";
import { analysis, apaMap as map, writeCommentaryFolder } from "./fixtures.ts";

const tempDir = useTempDirs("abs-gate-");

const chart: VisualDefinition = {
  id: "apa-evolution",
  page: "personnes-agees",
  title: "Évolution",
  kind: "evolution",
  indicators: ["apa-beneficiaries"],
  tables: ["personnes-agees.parquet"],
};
const births: VisualDefinition = {
  id: "naissances",
  page: "petite-enfance",
  title: "Naissances",
  kind: "iris-map",
  indicators: ["births"],
  tables: ["petite-enfance.parquet"],
};
const years = new Map([
  ["apa-beneficiaries", [2015, 2016]],
  ["births", [2016]],
]);

function gate(files: Parameters<typeof writeCommentaryFolder>[0], synthetic = false, shown = [map, chart]) {
  return evaluateGate({
    visuals: shown,
    commentaries: readCommentaries(writeCommentaryFolder(files)),
    indicatorYears: years,
    editionYears: [2015, 2016],
    synthetic,
  });
}

const complete = [
  { visual: "apa-iris-map", year: 2015, text: analysis(2015) },
  { visual: "apa-iris-map", year: 2016, text: analysis(2016) },
  { visual: "apa-evolution", year: 2015, text: `Évolution : ${analysis(2015)}` },
  { visual: "apa-evolution", year: 2016, text: `Évolution : ${analysis(2016)}` },
];

describe("the publication gate", () => {
  test("every visual commented for every year it shows passes", () => {
    const result = gate(complete);
    expect(result.missing).toEqual([]);
    expect(result.commentedVisuals).toEqual(["apa-iris-map", "apa-evolution"]);
  });

  test("removing one validated commentary fails, naming the visual and the year", () => {
    const result = gate(complete.filter((f) => !(f.visual === "apa-evolution" && f.year === 2016)));
    expect(result.missing).toEqual([expect.objectContaining({ visual: "apa-evolution", year: 2016 })]);
    expect(result.commentedVisuals).toEqual(["apa-iris-map"]);
    const message = describeMissing(result.missing);
    expect(message).toContain(
      "apa-evolution (page personnes-agees, « Évolution »), 2016 : aucun fichier data/commentary/2016/apa-evolution.md",
    );
    expect(message).not.toContain("apa-iris-map");
  });

  test("drafts, placeholders, short texts, last year's text and fictitious text on real data do not count", () => {
    const reasons = (
      text: string,
      extra: Partial<(typeof complete)[number] & { status: string; fictitious: boolean }> = {},
      synthetic = false,
    ) =>
      gate([complete[0]!, { visual: "apa-iris-map", year: 2016, text, ...extra }], synthetic, [map]).missing.map(
        (m) => m.reason,
      );
    expect(reasons(analysis(2016), { status: "relu" })).toEqual(["statut « relu » (il faut « validé »)"]);
    expect(reasons(`TODO ${analysis(2016)}`)[0]).toMatch(/texte d'attente/);
    expect(reasons(`${analysis(2016)} À compléter.`)[0]).toMatch(/texte d'attente/);
    expect(reasons("Stable par rapport à l'an dernier.")[0]).toMatch(/trop court/);
    expect(reasons(`  ${analysis(2015).replace(" ", "\n")} `)[0]).toBe(
      "le texte est celui de 2015, recopié sans changement",
    );
    expect(reasons(analysis(2016), { fictitious: true })[0]).toMatch(
      /démonstration \(fictif\) sur des données réelles/,
    );
    expect(reasons(analysis(2016), { fictitious: true }, true)).toEqual([]);
  });

  test("only tables of commented visuals are publishable in the public build", () => {
    const result = gate(complete, false, [map, chart, births]);
    expect(result.missing.map((m) => m.visual)).toEqual(["naissances"]);
    expect([...publishableTables([map, chart, births], result, "public")].sort()).toEqual([
      "iris.json",
      "personnes-agees.parquet",
    ]);
    expect([...publishableTables([map, chart, births], result, "review")]).toContain("petite-enfance.parquet");
  });

  test("the shipped demonstration commentary covers every visual of the registry; removing one names it", () => {
    const catalogueYears = new Map(
      visuals.flatMap((v) => v.indicators).map((id) => [id, [2015, 2016]] as [string, number[]]),
    );
    const all = readCommentaries(commentaryDir);
    const ok = evaluateGate({
      visuals,
      commentaries: all,
      indicatorYears: catalogueYears,
      editionYears: [2015, 2016],
      synthetic: true,
    });
    expect(ok.missing).toEqual([]);
    // Work on a copy: the analysts' folder is never touched by tests.
    const copy = join(tempDir(), "data", "commentary");
    cpSync(commentaryDir, copy, { recursive: true });
    rmSync(join(copy, "2016", "handicap-evolution.md"));
    const result = evaluateGate({
      visuals,
      commentaries: readCommentaries(copy),
      indicatorYears: catalogueYears,
      editionYears: [2015, 2016],
      synthetic: true,
    });
    expect(result.missing.map((m) => `${m.visual} ${m.year}`)).toEqual(["handicap-evolution 2016"]);
  });

  test("the build mode defaults to public (fail closed)", () => {
    expect(buildModeFromEnv({})).toBe("public");
    expect(buildModeFromEnv({ ABS_BUILD_MODE: "review" })).toBe("review");
    expect(() => buildModeFromEnv({ ABS_BUILD_MODE: "publique" })).toThrow(/ABS_BUILD_MODE inconnu/);
  });
});
