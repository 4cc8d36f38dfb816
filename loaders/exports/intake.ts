/**
 * Intake of one export file into the pipeline: read and validate, de-duplicate, write the
 * private quarantine, the intake manifest and the partner's quality report, print the account.
 */
import { mkdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DatasetId, ExportRow, RowAccount } from "../contracts.ts";
import { conflictMessages, dedupeByIdentifier } from "./dedupe.ts";
import { formatAccount } from "./format-account.ts";
import { qualityReport } from "./quality-report.ts";
import { writeQuarantine } from "./quarantine.ts";
import { describeLayout, readExport, type ParsedExport, type ReadExportOptions } from "./read-export.ts";
import { rejectionLines } from "./rejection-lines.ts";

export interface IntakeManifest {
  file: string;
  sheet: string | null;
  dataset: DatasetId;
  /** Year of observation (folder data/exports/<year>/). */
  year: number;
  /** As stated by the partner in the file; null when the file does not say. */
  observationDateStated: string | null;
  /** Stated date, or 31 December of the year (Article 4) when the file is silent. */
  observationDate: string;
  lastUpdate: string | null;
  /** Date the file was received (its modification time on disk). */
  receivedDate: string;
  protocol: 1 | 2;
  synthetic: boolean;
  format: string;
  encoding: string | null;
  account: RowAccount;
  conflicts: number;
  droppedColumns: string[];
  headerMap: Record<string, string>;
  quarantine: string | null;
}

export interface IntakeOptions extends ReadExportOptions {
  year: number;
  privateDir: string;
  synthetic?: boolean;
  log?: (line: string) => void;
}

export interface IntakeResult {
  parsed: ParsedExport;
  /** Valid rows after de-duplication (identifier still present: the records stage drops it). */
  rows: ExportRow[];
  manifest: IntakeManifest;
}

export async function intakeExport(path: string, opts: IntakeOptions): Promise<IntakeResult> {
  const fallbackDate = `${opts.year}-12-31`;
  const parsed = await readExport(path, { ...opts, observationDate: opts.observationDate ?? fallbackDate });
  const deduped = dedupeByIdentifier(parsed.rows);
  const account: RowAccount = { ...parsed.account, kept: deduped.rows.length, duplicates: deduped.duplicates };
  const stated = parsed.observationDateSource === "file" ? parsed.observationDate! : null;
  const quarantine = await writeQuarantine(parsed, opts.privateDir, opts.year);
  const manifest: IntakeManifest = {
    file: parsed.file,
    sheet: parsed.sheet ?? null,
    dataset: parsed.dataset,
    year: opts.year,
    observationDateStated: stated,
    observationDate: stated ?? fallbackDate,
    lastUpdate: parsed.lastUpdate ?? null,
    receivedDate: (await stat(path)).mtime.toISOString().slice(0, 10),
    protocol: parsed.protocol,
    synthetic: opts.synthetic ?? false,
    format: parsed.format,
    encoding: parsed.encoding ?? null,
    account,
    conflicts: deduped.conflicts,
    droppedColumns: parsed.droppedColumns,
    headerMap: parsed.headerMap,
    quarantine,
  };
  const base = join(opts.privateDir, String(opts.year));
  await mkdir(join(base, "intake"), { recursive: true, mode: 0o700 });
  await mkdir(join(base, "quality"), { recursive: true, mode: 0o700 });
  const stem = `${parsed.dataset}--${parsed.file}`;
  await writeFile(join(base, "intake", `${stem}.manifest.json`), JSON.stringify(manifest, null, 1), { mode: 0o600 });
  await writeFile(
    join(base, "quality", `${stem}.md`),
    qualityReport({ parsed, account, conflicts: deduped.conflicts }),
    { mode: 0o600 },
  );
  const log = opts.log ?? ((line: string) => console.log(line));
  log(`${parsed.file} → ${parsed.dataset} ${opts.year}${manifest.synthetic ? " (données fictives)" : ""}`);
  for (const line of formatAccount(account, { protocol: parsed.protocol })) log(`  ${line}`);
  log(`  ${describeLayout(parsed.layout)}`);
  if (parsed.droppedColumns.length) log(`  colonnes écartées : ${parsed.droppedColumns.join(", ")}`);
  for (const note of parsed.notes) log(`  à savoir : ${note}`);
  for (const message of conflictMessages(parsed.file, deduped, parsed.sheet).slice(0, 50)) log(`  ${message}`);
  // Warnings keep their row but ask for a look (a foreign byte, a repeated column): said here too.
  for (const line of rejectionLines(parsed, "warning", 20)) log(`  avertissement : ${line}`);
  return { parsed, rows: deduped.rows, manifest };
}
