/**
 * `npm run bench`: runs every bench/*.ts file in turn, each in a process of its own (so that
 * one benchmark's memory does not weigh on the next), and lets each print its own table.
 * Figures only: a benchmark that fails is reported and the others still run.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith(".ts") && name !== basename(fileURLToPath(import.meta.url)))
  .filter((name) => only.length === 0 || only.includes(basename(name, ".ts")))
  .sort();

const summary: string[] = [];
for (const name of files) {
  console.log(`\n=== ${name} ===`);
  const started = performance.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", join(here, name)], { stdio: "inherit" });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  summary.push(`${name.padEnd(20)} ${run.status === 0 ? "terminé" : `échec (code ${run.status})`} en ${seconds} s`);
}
console.log("\n=== Résumé ===");
for (const line of summary) console.log(line);
