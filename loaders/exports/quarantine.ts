/**
 * The private quarantine: rejected rows with their values, so an analyst can correct them
 * with the partner. Owner-only (0600), under data/private/<year>/quarantine/, never printed.
 */
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ParsedExport } from "./read-export.ts";

export async function writeQuarantine(parsed: ParsedExport, privateDir: string, year: number): Promise<string | null> {
  if (!parsed.quarantine.length) return null;
  const dir = join(privateDir, String(year), "quarantine");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${parsed.dataset}--${parsed.file}.json`);
  const body = {
    file: parsed.file,
    sheet: parsed.sheet ?? null,
    dataset: parsed.dataset,
    rows: parsed.quarantine,
  };
  await writeFile(path, JSON.stringify(body, null, 1), { mode: 0o600 });
  // writeFile keeps the mode of an existing file: force it.
  await chmod(path, 0o600);
  return path;
}
