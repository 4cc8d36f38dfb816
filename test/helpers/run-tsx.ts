import { spawnSync } from "node:child_process";
import { projectRoot } from "../../loaders/paths.ts";

/** A project script run as its users run it (`npx tsx …` from the project root), with its whole transcript. */
export function runTsx(args: string[], env: NodeJS.ProcessEnv): { status: number | null; output: string } {
  const result = spawnSync("npx", ["tsx", ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
