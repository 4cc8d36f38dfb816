/** Small real files for the exports tests (written under a folder of test/helpers/temp-dirs.ts). */
import { writeFileSync } from "node:fs";
import iconv from "iconv-lite";

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
