// Builds the site ONCE per test run, with no network at all: the build runs in a network
// namespace of its own where only loopback exists. Where that isolation is unavailable the
// set-up throws, so every site test fails rather than skips.
//
// The build is started here and not awaited: Vitest runs every global set-up before the first
// test, and a build awaited here kept both cores' unit tests waiting for it. It runs while the
// unit tests do; each site test file waits for its end (test/e2e/site-ready.ts), and fails
// with the build's transcript if it failed. The set-up is named by both site projects
// (vitest.config.ts) and builds once.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { distDir, projectRoot } from "../../loaders/paths.ts";

export const buildLogPath = join(projectRoot, ".tmp", "offline-build.log");

const started = globalThis as { __absSiteBuild?: ChildProcess | "skipped" };

export default function setup(): (() => void) | void {
  if (started.__absSiteBuild) return;
  mkdirSync(join(projectRoot, ".tmp"), { recursive: true });
  // For a developer iterating on one browser test against the dist/ they just built.
  if (process.env.ABS_SKIP_SITE_BUILD === "1" && existsSync(join(distDir, "index.html"))) {
    started.__absSiteBuild = "skipped";
    return;
  }
  const probe = spawnSync("unshare", ["-n", "sh", "-c", "ip link set lo up && true"], { encoding: "utf8" });
  if (probe.status !== 0) {
    throw new Error(
      `Isolation réseau indisponible (unshare -n) : le test de construction hors ligne ne peut pas être fait.\n${probe.stderr}`,
    );
  }
  // A log left by an earlier run must not pass for this run's build.
  rmSync(buildLogPath, { force: true });
  const begun = Date.now();
  const build = spawn("unshare", ["-n", "sh", "-c", "ip link set lo up && npm run build"], {
    cwd: projectRoot,
    env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that stopping it stops npm, tsx and Framework under it.
    detached: true,
  });
  started.__absSiteBuild = build;
  const transcript: Buffer[] = [];
  build.stdout!.on("data", (chunk: Buffer) => transcript.push(chunk));
  build.stderr!.on("data", (chunk: Buffer) => transcript.push(chunk));
  build.on("close", (code, signal) => {
    const status = code ?? `signal ${signal}`;
    // Written whole, then renamed: a waiting test never reads half a log.
    const partial = `${buildLogPath}.part`;
    writeFileSync(
      partial,
      `exit ${status}\nseconds ${(Date.now() - begun) / 1000}\n${Buffer.concat(transcript).toString("utf8")}`,
    );
    renameSync(partial, buildLogPath);
  });
  return () => {
    // A run stopped before the build ended (Ctrl-C, a unit failure with --bail) leaves no build behind.
    if (build.exitCode === null && build.signalCode === null) process.kill(-build.pid!, "SIGTERM");
  };
}
