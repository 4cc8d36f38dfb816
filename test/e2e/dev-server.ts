// `npm run dev` as the analysts run it, for the preview's browser test and bench/dev-loop.ts:
// the dev process on a port of its own, over a temporary copy of the data folder (the repo's
// data/ is never edited), stopped as Ctrl-C stops it (SIGINT to its whole process group).
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { dataDir, projectRoot } from "../../loaders/paths.ts";

/**
 * A copy of the editorial data (configuration, approvals, commentary) and of the private stage
 * cache, so that the heavy stages start from the cache when the project's is current.
 */
export function copyDataFolder(target: string): string {
  mkdirSync(target, { recursive: true });
  for (const name of ["observatory.json", "approvals.json", "commentary", "analyses"])
    if (existsSync(join(dataDir, name))) cpSync(join(dataDir, name), join(target, name), { recursive: true });
  const cache = join(dataDir, "private", "cache");
  if (existsSync(cache)) {
    mkdirSync(join(target, "private"), { recursive: true, mode: 0o700 });
    cpSync(cache, join(target, "private", "cache"), { recursive: true, preserveTimestamps: true });
  }
  return target;
}

/** Writes a file of the data folder as an editor saves it (whole file, in one write). */
export function saveFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

export interface DevServer {
  url: string;
  /** Milliseconds from the start of the process to Framework's first line with the address. */
  readyMs: number;
  /** Everything the process printed so far (terminal of the analyst). */
  output: () => string;
  /** Ctrl-C: SIGINT to the process group; resolves when the dev process has exited. */
  stop: () => Promise<number | null>;
  /** True while any process of the group (dev process, Framework) is alive. */
  groupAlive: () => boolean;
}

export async function startDevServer(options: {
  dataDir: string;
  port: number;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}): Promise<DevServer> {
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", join(projectRoot, "loaders", "site", "dev.ts"), "--port", String(options.port)],
    {
      cwd: projectRoot,
      env: { ...process.env, ...options.env, ABS_DATA_DIR: options.dataDir, OBSERVABLE_TELEMETRY_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const groupAlive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  while (!output.includes(`${url}/`)) {
    if (child.exitCode !== null) throw new Error(`npm run dev s'est arrêté (code ${child.exitCode}) :\n${output}`);
    if (Date.now() > deadline) {
      process.kill(-child.pid!, "SIGKILL");
      throw new Error(`npm run dev n'a pas démarré à temps :\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    readyMs: performance.now() - started,
    output: () => output,
    groupAlive,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGINT");
      const code = await exited;
      // Framework may take a moment after the dev process; wait for the whole group.
      for (let i = 0; i < 100 && groupAlive(); i++) await new Promise((r) => setTimeout(r, 100));
      return code;
    },
  };
}

/** The first secret IRIS cell of a theme's preview table, cited the way an analyst would. */
export async function secretCitation(theme: string, indicator: string, year: number): Promise<string> {
  const { readFileSync } = await import("node:fs");
  const { loadCells } = await import("../../src/components/parquet.js");
  const bytes = readFileSync(join(projectRoot, "src", "data", "observatoire", `${theme}.parquet`));
  const cells = await loadCells(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const cell = cells.find(
    (c) => c.secret && c.indicator === indicator && c.year === year && c.level === "iris" && c.breakdown === "",
  );
  if (!cell) throw new Error(`aucune case secrète pour ${indicator} en ${year}`);
  return `{{${indicator}|iris|${cell.code}}}`;
}
