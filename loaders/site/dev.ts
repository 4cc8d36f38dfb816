/**
 * `npm run dev`: the analysts' live preview. One long-lived process runs the pipeline in dev
 * mode (heavy stages from the private stage cache), writes its members as the preview files
 * Framework serves and watches (preview-files.ts), starts Framework's preview server, and
 * re-runs the editorial stage whenever a commentary, an analysis page, the approvals, the
 * configuration or a page's text is saved: only the files whose bytes changed are rewritten,
 * and Framework pushes them to the open page, with no reload and no restart.
 * Why not the data loader: Framework caches a loader's output by the loader's own source, not
 * by what it reads, and spawning it costs seconds of module loading; this process keeps the
 * modules loaded and the heavy stages cached.
 * Nothing is ingested and nothing is deleted here: exports waiting in data/exports/ are named,
 * with the command that ingests them, in the terminal and on the page.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, watch, type FSWatcher } from "node:fs";
import { join, relative } from "node:path";
import { pipelineMembers } from "../pipeline.ts";
import { dataDir, projectRoot, srcDir } from "../paths.ts";
import { clearLoaderCache, pinFrameworkLibraries } from "./framework-cache.ts";
import { prepareInputs } from "./prepare.ts";
import { clearPreviewFiles, previewFilesDir, writePreviewFiles } from "./preview-files.ts";

const log = (line: string) => console.log(line);

/**
 * The folders the preview watches (each one non-recursively: Node's recursive watch on Linux
 * loses a file that an editor replaces by renaming): the editorial inputs, the data the heavy
 * stages read, and the pages.
 */
function watchedFolders(): string[] {
  const roots = [join(dataDir, "commentary"), join(dataDir, "analyses"), join(dataDir, "private"), srcDir];
  const folders = [dataDir];
  const visit = (dir: string) => {
    if (!existsSync(dir) || ignored(dir, true)) return;
    folders.push(dir);
    for (const entry of readdirSync(dir, { withFileTypes: true }))
      if (entry.isDirectory() && !entry.name.startsWith(".")) visit(join(dir, entry.name));
  };
  for (const root of roots) visit(root);
  return folders;
}

/** Changes that do not concern the preview: its own files, Framework's cache, temporary files. */
function ignored(path: string, folder = false): boolean {
  return (
    path.startsWith(previewFilesDir) ||
    path.startsWith(join(dataDir, "exports")) ||
    path.includes(`${join("src", ".observablehq")}`) ||
    path.includes(join("private", "cache")) ||
    /\.tmp$|~$|\.swp$/.test(path) ||
    (!folder && !/\.(md|json|csv)$/.test(path))
  );
}

/** Runs the pipeline and writes what changed; at most one run at a time, the last change wins. */
function previewUpdater() {
  let running: Promise<void> | null = null;
  let again = false;
  const run = async (reason: string) => {
    const started = performance.now();
    try {
      const members = await pipelineMembers({ mode: "dev", log: () => {} });
      const changed = writePreviewFiles(members);
      log(
        `Aperçu mis à jour (${reason}) en ${Math.round(performance.now() - started)} ms : ${changed.length ? changed.join(", ") : "rien n'a changé"}.`,
      );
    } catch (error) {
      // The page keeps its last state; the terminal says why in French.
      log(`Aperçu non mis à jour (${reason}) : ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (reason: string) => {
    if (running) {
      again = true;
      return;
    }
    running = run(reason).finally(() => {
      running = null;
      if (again) {
        again = false;
        void run("modifications suivantes");
      }
    });
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  await prepareInputs(log, { ingest: false });
  pinFrameworkLibraries();
  clearLoaderCache();
  const started = performance.now();
  log("Préparation de l'aperçu (les étapes lourdes viennent du cache quand leurs entrées n'ont pas changé)…");
  const members = await pipelineMembers({ mode: "dev", log });
  clearPreviewFiles();
  writePreviewFiles(members);
  log(`Données de l'aperçu prêtes en ${Math.round(performance.now() - started)} ms.`);

  const update = previewUpdater();
  let timer: NodeJS.Timeout | undefined;
  const pending = new Set<string>();
  const watchers: FSWatcher[] = [];
  for (const root of watchedFolders()) {
    watchers.push(
      watch(root, (_event, name) => {
        const path = name ? join(root, String(name)) : root;
        if (ignored(path)) return;
        pending.add(relative(projectRoot, path));
        clearTimeout(timer);
        // Editors save in several writes: one run for the burst.
        timer = setTimeout(() => {
          const reason = [...pending].join(", ");
          pending.clear();
          update(reason);
        }, 40);
      }),
    );
  }

  const framework = spawn(
    process.execPath,
    [
      join(projectRoot, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js"),
      "preview",
      ...args,
    ],
    {
      cwd: projectRoot,
      stdio: "inherit",
      env: { ...process.env, ABS_BUILD_MODE: "dev", OBSERVABLE_TELEMETRY_DISABLE: "1" },
    },
  );
  // Ctrl-C (SIGINT), a closed terminal (SIGHUP) or SIGTERM: Framework is stopped and awaited
  // (killed after 5 s), then the preview's files are removed, so that nothing outlives the
  // preview (no orphaned server holding the port, no preview file shadowing the loader).
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const w of watchers) w.close();
    const exit = () => (clearPreviewFiles(), process.exit(code));
    if (framework.exitCode !== null || framework.signalCode !== null) return exit();
    framework.once("exit", exit);
    framework.kill("SIGTERM");
    setTimeout(() => framework.kill("SIGKILL"), 5000).unref();
  };
  process.on("SIGINT", () => stop(130));
  process.on("SIGTERM", () => stop(143));
  process.on("SIGHUP", () => stop(129));
  framework.on("exit", (code) => stop(code ?? 0));
}

await main();
