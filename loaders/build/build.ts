// `npm run build`: builds the public site into a temporary folder, post-processes it, scans it
// for personal data, and only then swaps it into dist/. Any failure leaves the previous dist/
// untouched and removes the temporary folder (fail closed).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describeLeaks, LeakScanner } from "../privacy/leak-scan.ts";
import { personalValuesOfInputs } from "../privacy/collect.ts";
import { clearLoaderCache, pinFrameworkLibraries } from "./framework-cache.ts";
import { distDir, projectRoot } from "./paths.ts";
import { postProcessSite } from "./postprocess.ts";
import { prepareInputs } from "./prepare.ts";
import { swapIntoPlace } from "./swap.ts";

export class BuildError extends Error {}

export async function buildSite(options: { target?: string; log?: (line: string) => void } = {}): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const target = options.target ?? distDir;
  const inputs = await prepareInputs(log);
  pinFrameworkLibraries();
  clearLoaderCache();
  const output = mkdtempSync(join(projectRoot, ".dist-build-"));
  try {
    log("Construction du site (Observable Framework)…");
    const result = spawnSync(process.execPath, [join(projectRoot, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js"), "build"], {
      cwd: projectRoot,
      env: { ...process.env, ABS_BUILD_OUTPUT: output, OBSERVABLE_TELEMETRY_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    });
    const transcript = `${result.stdout ?? ""}${result.stderr ?? ""}`;
    if (result.status !== 0 || /\berror\b|✗|failed/i.test(stripAnsi(result.stderr ?? ""))) {
      throw new BuildError(`La construction du site a échoué (code ${result.status}). Journal :\n${stripAnsi(transcript).trim()}`);
    }
    const pages = postProcessSite(output);
    log(`${pages} page(s) construite(s) ; recherche de données personnelles dans le site…`);
    const scanner = new LeakScanner(await personalValuesOfInputs(inputs.files));
    const leaks = await scanner.scanFolder(output);
    if (leaks.length > 0) throw new BuildError(describeLeaks(leaks));
    swapIntoPlace(output, target);
    log(`Site publié dans ${target} (${inputs.synthetic ? "données fictives de démonstration" : "exports réels"}).`);
  } finally {
    rmSync(output, { recursive: true, force: true });
  }
}

const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "");

if (import.meta.url === `file://${process.argv[1]}`) {
  buildSite().catch((error) => {
    console.error(error instanceof BuildError ? error.message : error);
    console.error("Le site précédent (dist/) est inchangé.");
    process.exit(1);
  });
}
