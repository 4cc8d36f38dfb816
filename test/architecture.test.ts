import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { describe, expect, test } from "vitest";
import { projectRoot } from "../loaders/build/paths.ts";

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
  const all = files(src).filter((f) => /\.(md|js|ts)$/.test(f));

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
