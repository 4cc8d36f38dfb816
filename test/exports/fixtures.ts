/** Small real files for the exports tests, written under a temporary folder. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeCsv(
  path: string,
  rows: (string | number | null)[][],
  opts: { sep?: string; encoding?: "utf-8" | "utf-8-bom" | "windows-1252" } = {},
): string {
  const text = rows.map((r) => r.map((c) => (c === null ? "" : String(c))).join(opts.sep ?? ";")).join("\r\n") + "\r\n";
  const enc = opts.encoding ?? "utf-8";
  writeFileSync(
    path,
    enc === "windows-1252" ? iconv.encode(text, "win1252") : enc === "utf-8-bom" ? "\ufeff" + text : text,
  );
  return path;
}
