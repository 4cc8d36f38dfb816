import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { describe, expect, test } from "vitest";
import { findCycles, importGraph, moduleOf } from "./helpers/import-graph.ts";
import { projectRoot } from "../loaders/paths.ts";

const src = join(projectRoot, "src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (entry.startsWith(".")) return [];
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Relative import specifiers of a module or a page (import ... from "x", import("x")). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)]
    .map((m) => m[1] ?? m[2])
    .filter((spec) => spec.startsWith("."));
}

const intoLoaders = (file: string, spec: string) =>
  relative(projectRoot, resolve(dirname(file), spec)).startsWith("loaders");

describe("the privacy boundary is an import rule", () => {
  // Type declarations (.d.ts) carry no code: the components share the published files' types with the pipeline.
  const all = files(src).filter((f) => /\.(md|js|ts)$/.test(f) && !f.endsWith(".d.ts"));

  test("pages and components never import the pipeline (individual rows live only in loaders/)", () => {
    const offending = all
      .filter((f) => !relative(src, f).startsWith("data/") && !relative(src, f).startsWith("lib/"))
      .flatMap((f) =>
        importsOf(f)
          .filter((spec) => intoLoaders(f, spec))
          .map((spec) => `${relative(projectRoot, f)} -> ${spec}`),
      );
    expect(offending).toEqual([]);
  });

  test("data loaders import only the pipeline's entry point from loaders/", () => {
    const loaders = all.filter((f) => relative(src, f).startsWith("data/"));
    expect(loaders.length).toBeGreaterThan(0);
    const offending = loaders.flatMap((f) =>
      importsOf(f)
        .filter(
          (spec) =>
            intoLoaders(f, spec) && relative(projectRoot, resolve(dirname(f), spec)) !== join("loaders", "pipeline.ts"),
        )
        .map((spec) => `${relative(projectRoot, f)} -> ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  test("the rule can fail: a page importing loaders/ is detected", () => {
    const folder = mkdtempSync(join(src, ".arch-test-"));
    const page = join(folder, "page.md");
    try {
      writeFileSync(page, '```js\nimport {ingestParsed} from "../../loaders/records/ingest.ts";\n```\n');
      expect(importsOf(page).filter((spec) => intoLoaders(page, spec))).toEqual(["../../loaders/records/ingest.ts"]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("layers point one way (docs/ARCHITECTURE.md)", () => {
  const graph = importGraph(join(projectRoot, "loaders"));

  test("no stage imports the site layer (loaders/site wraps Framework and is imported by nothing below it)", () => {
    const offending = [...graph].flatMap(([from, targets]) =>
      moduleOf(from) === "site" ? [] : [...targets].filter((t) => moduleOf(t) === "site").map((t) => `${from} -> ${t}`),
    );
    expect(offending).toEqual([]);
  });

  test("no cycle between folders (a file at the root of loaders/ counts as a folder of its own)", () => {
    const folders = new Map<string, Set<string>>();
    for (const [from, targets] of graph)
      for (const to of targets)
        if (moduleOf(from) !== moduleOf(to)) {
          const set = folders.get(moduleOf(from)) ?? new Set<string>();
          set.add(moduleOf(to));
          folders.set(moduleOf(from), set);
        }
    expect(findCycles(folders)).toEqual([]);
  });

  test("no cycle between files", () => {
    expect(findCycles(graph)).toEqual([]);
  });

  test("the rules can fail: a planted import from a stage into the site layer, and a planted cycle, are found", () => {
    const planted = new Map(graph);
    planted.set("disclosure/audit.ts", new Set([...(graph.get("disclosure/audit.ts") ?? []), "site/build.ts"]));
    const intoSite = [...planted].filter(
      ([from, targets]) => moduleOf(from) !== "site" && [...targets].some((t) => moduleOf(t) === "site"),
    );
    expect(intoSite.map(([from]) => from)).toEqual(["disclosure/audit.ts"]);
    planted.set("contracts.ts", new Set(["pipeline.ts"]));
    expect(findCycles(planted).length).toBeGreaterThan(0);
  });

  test("the real tree is read: a planted file importing the site layer is seen by importGraph", () => {
    const folder = mkdtempSync(join(projectRoot, "loaders", "disclosure", ".arch-"));
    try {
      writeFileSync(join(folder, "planted.ts"), 'import { buildSite } from "../../site/build.ts";\n');
      const withPlant = importGraph(join(projectRoot, "loaders"), { includeHidden: true });
      const from = relative(join(projectRoot, "loaders"), join(folder, "planted.ts"));
      expect([...(withPlant.get(from) ?? [])]).toEqual(["site/build.ts"]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
