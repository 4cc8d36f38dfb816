// Set-up file of the site projects: each site test file waits here for the build the global
// set-up started (test/e2e/global-setup.ts), before its module reads dist/. A failed build
// fails every site test file with the build's own words.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { distDir } from "../../loaders/paths.ts";
import { buildLogPath } from "./global-setup.ts";

async function siteBuilt(): Promise<void> {
  if (process.env.ABS_SKIP_SITE_BUILD === "1" && existsSync(join(distDir, "index.html"))) return;
  while (!existsSync(buildLogPath)) await new Promise((resolve) => setTimeout(resolve, 500));
  const log = readFileSync(buildLogPath, "utf8");
  if (log.split("\n")[0] !== "exit 0" || !existsSync(join(distDir, "index.html"))) {
    throw new Error(`La construction hors ligne du site a échoué (${log.split("\n")[0]}) :\n${log.slice(-6000)}`);
  }
}

await siteBuilt();
