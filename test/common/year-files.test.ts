// The one walk of the year-organised folders: exports, private store, commentary, analyses.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { yearFiles } from "../../loaders/common/year-files.ts";
import { exportFilesIn, hasStoredDatasets } from "../../loaders/records/inputs.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";

const tempDir = useTempDirs("abs-year-files-");

function tree(files: string[]): string {
  const root = tempDir();
  for (const file of files) {
    mkdirSync(join(root, file, ".."), { recursive: true });
    writeFileSync(join(root, file), "");
  }
  return root;
}

describe("yearFiles", () => {
  it("lists year by year then name by name, only four-digit folders, only the names accepted", () => {
    const root = tree(["2016/b.md", "2015/z.md", "2015/a.md", "2015/notes.txt", "brouillons/c.md", "20155/d.md"]);
    writeFileSync(join(root, "2017"), "a file named like a year is not a folder");
    expect(yearFiles(root, (n) => n.endsWith(".md")).map((f) => [f.year, f.name])).toEqual([
      [2015, "a.md"],
      [2015, "z.md"],
      [2016, "b.md"],
    ]);
  });

  it("reads a sub-folder of each year, and holds nothing where the root or the sub-folder is missing", () => {
    const root = tree(["2015/store/apa.json", "2015/store/apa.manifest.json", "2016/quarantine/x.json"]);
    expect(yearFiles(root, () => true, "store").map((f) => f.path)).toEqual([
      join(root, "2015", "store", "apa.json"),
      join(root, "2015", "store", "apa.manifest.json"),
    ]);
    expect(yearFiles(join(root, "absent"), () => true)).toEqual([]);
  });

  it("keeps the exports' and the store's own rules: no hidden nor lock file, a manifest is not a dataset", () => {
    const exports = tree(["2015/apa.xlsx", "2015/.apa.xlsx", "2015/~$apa.xlsx", "2015/cles.json", "2016/CERT.CSV"]);
    expect(exportFilesIn(exports)).toEqual([
      { path: join(exports, "2015", "apa.xlsx"), year: 2015 },
      { path: join(exports, "2016", "CERT.CSV"), year: 2016 },
    ]);
    expect(hasStoredDatasets(tree(["2015/store/apa.manifest.json"]))).toBe(false);
    expect(hasStoredDatasets(tree(["2015/store/apa.manifest.json", "2015/store/apa.json"]))).toBe(true);
  });
});
