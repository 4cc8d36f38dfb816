/**
 * A small Framework project for the trust tests: a page or two and their data loaders,
 * built by the real Framework in a few seconds instead of the whole observatory. It lives
 * under the project's .tmp/ so that node_modules resolves, with the project's npm pins.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pinFrameworkLibraries } from "../../loaders/site/framework-cache.ts";
import { frameworkCacheDir } from "../../loaders/paths.ts";
import { projectTmp, useTempDirs } from "./temp-dirs.ts";

/**
 * A factory of fixture projects (files under src/, by path), each returning its root; all
 * are removed when the file's tests end. Call it at the top level of the test file.
 */
export function useFixtureSites(): (files: Record<string, string>) => string {
  const tempDir = useTempDirs("fixture-site-", projectTmp());
  return (files) => fixtureSite(tempDir(), files);
}

function fixtureSite(root: string, files: Record<string, string>): string {
  writeFileSync(
    join(root, "observablehq.config.js"),
    `export default { title: "Essai", root: "src", output: process.env.ABS_BUILD_OUTPUT || "dist", globalStylesheets: [], search: false, pager: false, sidebar: false, footer: "" };\n`,
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, "src", path)), { recursive: true });
    writeFileSync(join(root, "src", path), text);
  }
  pinFrameworkLibraries();
  mkdirSync(join(root, "src", ".observablehq", "cache"), { recursive: true });
  symlinkSync(join(frameworkCacheDir, "_npm"), join(root, "src", ".observablehq", "cache", "_npm"));
  return root;
}

/** A page reading one JSON file written by a data loader, with explicit imports only. */
export const jsonPage = (title: string, file = "data/valeurs.json") => `# ${title}

\`\`\`js
import {html} from "htl";
const data = FileAttachment("${file}").json();
\`\`\`

\`\`\`js
display(html\`<p id="valeur">\${(await data).n} personnes</p>\`);
\`\`\`
`;
