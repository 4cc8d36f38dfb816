/**
 * Time and memory to refuse or read hostile files of the fuzz corpus's families, against the
 * reader's budget of 1 s of CPU per MB of input (10 s at least): a million short rows under a
 * `<dimension>` that lies (A1:I23), as an independent tester built it; and a legitimate APA
 * file of about 20 MB where 90 % of the rows break a rule (GIR out of range), against the same
 * file with every row valid: a rejected row is validated, logged and quarantined, and must not
 * cost so much more than a kept one that a bad export nears the budget. Each file is read in a
 * child process of its own, so that its peak memory (maxRSS) is its own. Prints a table;
 * asserts nothing (the behaviour is asserted in test/exports/hostile-corpus.test.ts).
 *
 * Run: npx tsx bench/hostile-reading.ts [short rows, default 1000000] [APA rows, default 480000]
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
  // Measured from here: the child's start (tsx, imports) is not the reader's cost.
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let outcome: string;
  try {
    const { account } = await readExport(path, { dataset: "apa-domicile" });
    const rejected = Object.entries(account.rejected).map(([rule, n]) => `${n} rejetées (${rule})`);
    outcome = [`lu : ${account.read} lignes`, `${account.kept} gardées`, ...rejected].join(", ");
  } catch (error) {
    outcome = `refusé (${(error as { rule?: string }).rule ?? "?"}) : ${(error as Error).message}`;
  }
  const { user, system } = process.cpuUsage(cpuBefore);
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
  // Under the 500,000 rows an export may hold (rule trop-de-lignes): about 18 MB of xlsx.
  const apaCount = Number(process.argv[3] ?? 480_000);
  const dir = mkdtempSync(join(tmpdir(), "abs-bench-hostile-"));
  try {
    const short = await manyShortRowsWorkbook(join(dir, "million-lignes.xlsx"), count);
    report(`${count.toLocaleString("fr-FR")} lignes courtes, <dimension> A1:I23`, short, count);
    for (const rejectedShare of [0.9, 0]) {
      const file = await apaWorkbook(join(dir, `apa-${rejectedShare}.xlsx`), apaCount, rejectedShare);
      report(
        `APA de ${apaCount.toLocaleString("fr-FR")} lignes, ${Math.round(rejectedShare * 100)} % rejetées (GIR hors plage)`,
        file,
        apaCount,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads one file in a child process and prints its time, its cost per row and per MB. */
function report(label: string, file: string, rows: number) {
  const megabytes = statSync(file).size / 2 ** 20;
  const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--read", file], {
    encoding: "utf8",
  });
  const line = child.stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (!line) throw new Error(`lecture sans résultat : ${child.stderr}`);
  const r = JSON.parse(line.slice("RESULT ".length));
  console.log(`${label}, ${megabytes.toFixed(1)} Mo de xlsx`);
  console.log(`  ${r.outcome}`);
  console.log(
    `  ${r.wallSeconds.toFixed(1)} s (CPU ${r.cpuSeconds.toFixed(1)} s, budget ${r.budgetSeconds.toFixed(1)} s), ` +
      `${(r.cpuSeconds / megabytes).toFixed(2)} s CPU/Mo, ${((r.cpuSeconds * 1e6) / rows).toFixed(0)} µs CPU/ligne, ` +
      `pic ${r.peakMegabytes.toFixed(0)} Mo`,
  );
}

/** A synthetic APA export as the partner writes it (dates as dates), a share of its rows with GIR 6. */
async function apaWorkbook(path: string, count: number, rejectedShare: number) {
  const { APA_HEADER, apaRow } = await import("../test/exports/hostile/files.ts");
  const { writeXlsx } = await import("../loaders/sample/write-workbook.ts");
  const rejectEvery = rejectedShare > 0 ? Math.round(1 / (1 - rejectedShare)) : 0;
  const lines = [APA_HEADER as (string | Date)[]];
  for (let n = 1; n <= count; n++) {
    const cells: (string | Date)[] = apaRow(n);
    const [day, month, year] = (cells[4] as string).split("/").map(Number);
    cells[4] = new Date(Date.UTC(year!, month! - 1, day!));
    // With 90 %, one row in ten kept, the others refused by gir-hors-plage.
    if (rejectEvery && n % rejectEvery !== 0) cells[6] = "6";
    lines.push(cells);
  }
  await writeXlsx(path, "APA", lines);
  return path;
}
