/**
 * Time and memory to refuse or read hostile files of the fuzz corpus's families, against the
 * reader's budget of 1 s of CPU per MB of input (10 s at least): a million short rows under a
 * `<dimension>` that lies (A1:I23), as an independent tester built it. Each file is read in a
 * child process of its own, so that its peak memory (maxRSS) is its own. Prints a table;
 * asserts nothing (the behaviour is asserted in test/exports/hostile-corpus.test.ts).
 *
 * Run: npx tsx bench/hostile-reading.ts [rows, default 1000000]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const readArg = process.argv.indexOf("--read");
if (readArg >= 0) {
  const { readExport } = await import("../loaders/exports/read-export.ts");
  const { readBudgetSeconds } = await import("../loaders/exports/read-table.ts");
  const path = process.argv[readArg + 1]!;
  const started = performance.now();
  let outcome: string;
  try {
    const parsed = await readExport(path, { dataset: "apa-domicile" });
    outcome = `lu : ${parsed.account.read} lignes`;
  } catch (error) {
    outcome = `refusé (${(error as { rule?: string }).rule ?? "?"}) : ${(error as Error).message}`;
  }
  const { user, system } = process.cpuUsage();
  console.log(
    `RESULT ${JSON.stringify({
      outcome,
      wallSeconds: (performance.now() - started) / 1000,
      cpuSeconds: (user + system) / 1e6,
      budgetSeconds: readBudgetSeconds(statSync(path).size),
      peakMegabytes: process.resourceUsage().maxRSS / 1024,
    })}`,
  );
} else {
  const { manyShortRowsWorkbook } = await import("../test/exports/hostile/files.ts");
  const count = Number(process.argv[2] ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), "abs-bench-hostile-"));
  try {
    const file = await manyShortRowsWorkbook(join(dir, "million-lignes.xlsx"), count);
    const megabytes = statSync(file).size / 2 ** 20;
    const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--read", file], {
      encoding: "utf8",
    });
    const line = child.stdout.split("\n").find((l) => l.startsWith("RESULT "));
    if (!line) throw new Error(`lecture sans résultat : ${child.stderr}`);
    const r = JSON.parse(line.slice("RESULT ".length));
    console.log(
      `${count.toLocaleString("fr-FR")} lignes courtes, <dimension> A1:I23, ${megabytes.toFixed(1)} Mo de xlsx`,
    );
    console.log(`  ${r.outcome}`);
    console.log(
      `  ${r.wallSeconds.toFixed(1)} s (CPU ${r.cpuSeconds.toFixed(1)} s, budget ${r.budgetSeconds.toFixed(1)} s), pic ${r.peakMegabytes.toFixed(0)} Mo`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
