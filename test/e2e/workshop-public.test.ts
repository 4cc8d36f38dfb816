// The Atelier (the analysts' workshop) never reaches the public build: no page, no data file,
// no script (the citation helper), no link in any page. Read from the site the suite built
// (test/e2e/global-setup.ts): no build of its own.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { distDir } from "../../loaders/paths.ts";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("the public build has no Atelier", () => {
  const files = filesUnder(distDir).map((f) => relative(distDir, f));

  test("no page and no data file of the Atelier", () => {
    expect(files.filter((f) => /atelier/i.test(f))).toEqual([]);
  });

  test("no link, no citation helper, no status list in any page or script", () => {
    const texts = files.filter((f) => /\.(?:html|js|json|css)$/.test(f));
    expect(texts.length).toBeGreaterThan(50);
    const found = texts.filter((f) =>
      /atelier|citation-helper|citation-reference|Copier la référence/i.test(readFileSync(join(distDir, f), "utf8")),
    );
    expect(found).toEqual([]);
  });
});
