import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { lintEditorial } from "../../loaders/publish/commentary-publication.ts";
import { readPageProse } from "../../loaders/publish/page-prose.ts";
import { projectRoot, srcDir } from "../../loaders/paths.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

const folder = useTempDir(".tmp-pages-", projectRoot);
const lint = (pages: ReturnType<typeof readPageProse>) =>
  lintEditorial({ commentaries: [], visuals: [], published: [], raw: [], pages });

describe("the lint reads the site's own pages", () => {
  test("« 3 bénéficiaires » in a page fails, naming file and line; code blocks are not prose", () => {
    mkdirSync(join(folder, "sub"));
    writeFileSync(
      join(folder, "sub", "handicap.md"),
      "---\ntitle: Handicap\n---\n\n```js\nconst n = 3;\n```\n\nEn 2016, seuls 3 bénéficiaires de la PCH vivent dans l'IRIS Mazarin.\n",
    );
    const problems = lint(readPageProse(folder));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/^\.tmp-pages-\w+\/sub\/handicap\.md, ligne 9 : .*effectif-1-a-4/);
  });

  test("the shipped pages pass (ages, GIR, article numbers, codes are not counts)", () => {
    expect(lint(readPageProse(srcDir)).map((p) => p.message)).toEqual([]);
  });
});
