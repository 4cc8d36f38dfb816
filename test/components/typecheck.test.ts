// `npm run typecheck` covers the browser components: tsc lists every file of src/components/,
// and the components checked with `// @ts-check` share the pipeline's published-file types.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { projectRoot } from "../../loaders/paths.ts";

const components = join(projectRoot, "src", "components");

test("tsc (npm run typecheck) includes every component and checks those marked // @ts-check", () => {
  const listed = spawnSync(
    process.execPath,
    [join(projectRoot, "node_modules/typescript/bin/tsc"), "--listFilesOnly"],
    {
      cwd: projectRoot,
      encoding: "utf8",
    },
  );
  expect(listed.status, listed.stderr).toBe(0);
  const files = new Set(listed.stdout.split("\n").map((l) => l.trim()));
  const scripts = readdirSync(components).filter((f) => f.endsWith(".js"));
  expect(scripts.length).toBeGreaterThan(10);
  for (const f of scripts) expect(files.has(join(components, f)), f).toBe(true);
  // The readers' components (maps, search, profiles, comparison, evolution, key figures, explorer,
  // address state, tables, sources) are checked, not just listed.
  for (const f of [
    "iris-map.js",
    "map-panel.js",
    "place-search.js",
    "iris-profile.js",
    "url-state.js",
    "zone-table.js",
    "format.js",
    "cells.js",
    "comparison.js",
    "evolution.js",
    "explorer.js",
    "key-figures.js",
    "source-line.js",
  ])
    expect(readFileSync(join(components, f), "utf8").startsWith("// @ts-check"), f).toBe(true);
});
