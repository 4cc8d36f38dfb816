// `npm run build`: builds the public site into a temporary folder, post-processes it, scans it
// for personal data, and only then swaps it into dist/. Any failure leaves the previous dist/
// untouched and removes the temporary folder (fail closed).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { PersonalValue } from "../privacy/personal-values.ts";
import type { InputSet } from "../records/inputs.ts";
import { describeLeaks, LeakScanner } from "../privacy/leak-scan.ts";
import { personalValuesOfInputs } from "../privacy/collect.ts";
import { clearLoaderCache, pinFrameworkLibraries } from "./framework-cache.ts";
import { distDir, projectRoot } from "../paths.ts";
import { publishArchivedEditions } from "../publish/editions.ts";
import { recordDeployedEdition } from "../publish/editions-deployed.ts";
import { postProcessSite } from "./postprocess.ts";
import { prepareInputs } from "./prepare.ts";
import { checkEditorial } from "../pipeline.ts";
import { clearPreviewFiles } from "./preview-files.ts";
import { failureSummary, withoutNoise } from "./failure-summary.ts";
import { swapIntoPlace } from "./swap.ts";
import { copyIrisProfilePages, irisCodes } from "./iris-pages.ts";
import { markReviewSite, verifyEditionMarking } from "../publish/review.ts";
import type { BuildMode } from "../publish/gate.ts";

export class BuildError extends Error {}

/**
 * The steps of a build, each replaceable so that tests can make one fail (or build a small
 * fixture project) and check that the build fails closed.
 */
export interface BuildSteps {
  /** Finds (or generates) the exports, then checks the editorial stage; returns what the leak scan must look for. */
  prepare: (log: (line: string) => void, mode: BuildMode) => Promise<InputSet>;
  /** Runs Observable Framework into `output`, returns its transcript; throws a BuildError on any failure. */
  framework: (output: string) => string | void | Promise<string | void>;
  /** lang, viewport, Content-Security-Policy; returns the number of pages. */
  postProcess: (output: string) => number;
  /** Every personal value of the inputs, for the leak scan. */
  personalValues: (inputs: InputSet) => Promise<PersonalValue[]>;
}

export interface BuildOptions {
  /** The published folder (dist/ by default). The temporary folder is created beside it. */
  target?: string;
  log?: (line: string) => void;
  steps?: Partial<BuildSteps>;
  /** public: the gate and the approvals apply; review: the partners' edition, marked on every page and file. */
  mode?: "public" | "review";
  /** Where a public build keeps its published cells as the deployed edition (editions-deployed.ts);
   * by default data/editions/deployed/ for a build into dist/ only, never for another folder. */
  deployedDir?: string;
}

/** Runs Framework in `root` (the project, or a fixture project in tests). */
export function runFramework(output: string, root = projectRoot, mode: BuildMode = "public"): string {
  const result = spawnSync(
    process.execPath,
    [join(projectRoot, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js"), "build"],
    {
      cwd: root,
      // The mode is always set, so that a shell's ABS_BUILD_MODE=dev never weakens a public build.
      env: { ...process.env, ABS_BUILD_OUTPUT: output, OBSERVABLE_TELEMETRY_DISABLE: "1", ABS_BUILD_MODE: mode },
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    },
  );
  const transcript = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  // Framework reports a failing data loader on stderr but may still exit with 0: both count.
  if (result.status !== 0 || /\berror\b|✗|failed/i.test(stripAnsi(result.stderr ?? ""))) {
    throw new BuildError(
      `La construction du site a échoué (code ${result.status}). Journal :\n${stripAnsi(transcript).trim()}`,
    );
  }
  return stripAnsi(transcript);
}

/** Framework, then the IRIS profile pages copied from the one it rendered (iris-pages.ts); a
 * refused copy fails the build like Framework itself (buildSite turns it into a BuildError). */
async function frameworkAndProfiles(output: string, mode: BuildMode): Promise<string> {
  const transcript = runFramework(output, projectRoot, mode);
  copyIrisProfilePages(output, await irisCodes());
  return transcript;
}

/**
 * A log never shows a personal value: a line of a transcript holding one is replaced by a
 * line saying which input row it came from. Returns the text and what was masked.
 */
export function maskPersonalLines(text: string, scanner: LeakScanner): { text: string; masked: number } {
  let masked = 0;
  const lines = text.split("\n").map((line) => {
    const found = scanner.scanText(line);
    if (found.length === 0) return line;
    masked++;
    return `[ligne masquée : elle contenait une donnée personnelle de ${found[0].origin.file}, ligne ${found[0].origin.row}]`;
  });
  return { text: lines.join("\n"), masked };
}

const defaultSteps: BuildSteps = {
  prepare: async (log, mode) => {
    // The preview's files would shadow the loader's members (and its gate): never in a build.
    clearPreviewFiles();
    const inputs = await prepareInputs(log);
    // An editorial refusal (commentary, analysis page, lint, approvals) fails here, before Framework.
    await checkEditorial(log, mode);
    pinFrameworkLibraries();
    clearLoaderCache();
    return inputs;
  },
  framework: (output) => frameworkAndProfiles(output, "public"),
  postProcess: (output) => postProcessSite(output),
  personalValues: (inputs) => personalValuesOfInputs(inputs.files),
};

export async function buildSite(options: BuildOptions = {}): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const target = resolve(options.target ?? distDir);
  const mode = options.mode ?? "public";
  // Review hook: the loader runs in review mode and every page is marked before the CSP is computed.
  const modeSteps: Partial<BuildSteps> =
    mode === "review"
      ? {
          framework: (output) => frameworkAndProfiles(output, "review"),
          postProcess: (output) => (
            verifyEditionMarking(output, "review"),
            markReviewSite(output),
            postProcessSite(output)
          ),
        }
      : { postProcess: (output) => (verifyEditionMarking(output, "public"), postProcessSite(output)) };
  const steps: BuildSteps = { ...defaultSteps, ...modeSteps, ...options.steps };
  // Beside the target, so that the final rename is atomic (one file system).
  const output = mkdtempSync(join(dirname(target), ".dist-build-"));
  try {
    const inputs = await steps.prepare(log, mode);
    // The needles are known before Framework runs, so that its transcript can be checked too.
    const scanner = new LeakScanner(await steps.personalValues(inputs));
    log("Construction du site (Observable Framework)…");
    let transcript: string;
    try {
      transcript = (await steps.framework(output)) ?? "";
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      throw new BuildError(maskPersonalLines(error.message, scanner).text);
    }
    const logged = maskPersonalLines(transcript, scanner);
    if (logged.masked > 0) {
      throw new BuildError(
        `Le journal de construction contient ${logged.masked} ligne(s) avec une donnée personnelle (un chargeur l'a affichée) : construction arrêtée.\n${logged.text.trim()}`,
      );
    }
    const pages = steps.postProcess(output);
    if (pages === 0) throw new BuildError("La construction n'a produit aucune page : le site précédent est conservé.");
    // Editions hook: the archived editions go online under their year, before the leak scan covers them.
    const archived = publishArchivedEditions(output);
    if (archived.length) log(`Éditions archivées mises en ligne : ${archived.join(", ")}.`);
    log(`${pages} page(s) construite(s) ; recherche de données personnelles dans le site…`);
    const leaks = await scanner.scanFolder(output);
    if (leaks.length > 0) throw new BuildError(describeLeaks(leaks));
    swapIntoPlace(output, target);
    // Editions hook: what is online now constrains the next build of the same edition (finding F1).
    const deployedDir = options.deployedDir ?? (target === resolve(distDir) ? undefined : null);
    if (mode === "public" && deployedDir !== null) {
      const deployed = recordDeployedEdition(target, deployedDir);
      if (deployed)
        log(
          `Cases publiées gardées comme site déployé (édition ${deployed.year}) : la prochaine construction ne pourra pas les changer sans les déclarer révisées.`,
        );
    }
    log(
      `${mode === "review" ? "Édition de travail (diffusion restreinte) publiée" : "Site publié"} dans ${target} (${inputs.synthetic ? "données fictives de démonstration" : "exports réels"}).`,
    );
  } finally {
    rmSync(output, { recursive: true, force: true });
  }
}

// eslint-disable-next-line no-control-regex -- the escape character is what we strip
const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "");

if (import.meta.url === `file://${process.argv[1]}`) {
  // --out <dossier>: another published folder than dist/ (a second commune's site, the tests).
  const out = process.argv.indexOf("--out");
  buildSite({
    mode: process.argv.includes("--review") ? "review" : "public",
    ...(out > 0 && process.argv[out + 1] ? { target: process.argv[out + 1] } : {}),
  }).catch((error) => {
    // The detail first, then the French summary as the very last lines (failure-summary.ts).
    const message = error instanceof Error ? error.message : String(error);
    if (process.env.ABS_DEBUG === "1") console.error(error);
    else console.error(withoutNoise(message).trim());
    console.error(failureSummary(message).join("\n"));
    process.exit(1);
  });
}
