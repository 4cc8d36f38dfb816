// Builds the site ONCE per test run, with no network at all: the build runs in a network
// namespace of its own where only loopback exists. Where that isolation is unavailable the
// set-up throws, so every site test fails rather than skips.
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../loaders/paths.ts";

export const buildLogPath = join(projectRoot, ".tmp", "offline-build.log");

export default function setup(): void {
  mkdirSync(join(projectRoot, ".tmp"), { recursive: true });
  // For a developer iterating on one browser test against the dist/ they just built.
  if (process.env.ABS_SKIP_SITE_BUILD === "1" && existsSync(join(projectRoot, "dist", "index.html"))) return;
  const probe = spawnSync("unshare", ["-n", "sh", "-c", "ip link set lo up && true"], { encoding: "utf8" });
  if (probe.status !== 0) {
    throw new Error(
      `Isolation réseau indisponible (unshare -n) : le test de construction hors ligne ne peut pas être fait.\n${probe.stderr}`,
    );
  }
  const started = Date.now();
  const build = spawnSync("unshare", ["-n", "sh", "-c", "ip link set lo up && npm run build"], {
    cwd: projectRoot,
    encoding: "utf8",
    env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1" },
    maxBuffer: 64 * 2 ** 20,
  });
  const log = `${build.stdout}\n${build.stderr}`;
  writeFileSync(buildLogPath, `exit ${build.status}\nseconds ${(Date.now() - started) / 1000}\n${log}`);
  if (build.status !== 0 || !existsSync(join(projectRoot, "dist", "index.html"))) {
    throw new Error(`La construction hors ligne du site a échoué (code ${build.status}) :\n${log.slice(-6000)}`);
  }
}
