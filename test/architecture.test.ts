import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { describe, expect, test } from "vitest";
import { findCycles, folderGraph, importGraph, importsIntoSiteLayer, relativeImports } from "./helpers/import-graph.ts";
import { withTempDir } from "./helpers/temp-dirs.ts";
import { projectRoot } from "../loaders/paths.ts";

const src = join(projectRoot, "src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (entry.startsWith(".")) return [];
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const importsOf = (file: string): string[] => relativeImports(readFileSync(file, "utf8"));

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
    withTempDir(src, ".arch-test-", (folder) => {
      const page = join(folder, "page.md");
      writeFileSync(page, '```js\nimport {ingestParsed} from "../../loaders/records/ingest.ts";\n```\n');
      expect(importsOf(page).filter((spec) => intoLoaders(page, spec))).toEqual(["../../loaders/records/ingest.ts"]);
    });
  });
});

describe("layers point one way (docs/ARCHITECTURE.md)", () => {
  const graph = importGraph(join(projectRoot, "loaders"));

  test("no stage imports the site layer (loaders/site wraps Framework and is imported by nothing below it)", () => {
    expect(importsIntoSiteLayer(graph)).toEqual([]);
  });

  test("no cycle between folders (a file at the root of loaders/ counts as a folder of its own)", () => {
    expect(findCycles(folderGraph(graph))).toEqual([]);
  });

  test("no cycle between files", () => {
    expect(findCycles(graph)).toEqual([]);
  });

  test("the rules can fail: a module planted in a stage that imports the site layer is reported", () => {
    withTempDir(join(projectRoot, "loaders", "disclosure"), ".arch-", (folder) => {
      writeFileSync(join(folder, "planted.ts"), 'import { buildSite } from "../../site/build.ts";\n');
      const planted = relative(join(projectRoot, "loaders"), join(folder, "planted.ts"));
      const withPlant = importGraph(join(projectRoot, "loaders"), { includeHidden: true });
      expect(importsIntoSiteLayer(withPlant)).toEqual([`${planted} -> site/build.ts`]);
    });
  });

  test("the rules can fail: a planted cycle between folders and between files is found", () => {
    const planted = new Map(graph);
    planted.set("contracts.ts", new Set(["pipeline.ts"]));
    expect(findCycles(planted).length).toBeGreaterThan(0);
    expect(findCycles(folderGraph(planted)).length).toBeGreaterThan(0);
  });
});
