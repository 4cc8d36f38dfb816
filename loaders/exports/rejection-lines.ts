/**
 * The rejections of a file as lines for the console: each message when they are few; when
 * they are many, one line per rule and column with its count and its first rows, so that a
 * file of a million bad rows prints a few lines, never a million.
 */
import type { ParsedExport } from "./read-export.ts";

export function rejectionLines(
  parsed: Pick<ParsedExport, "file" | "sheet" | "rejections" | "rejectionCounts">,
  severity: "error" | "warning",
  max: number,
): string[] {
  const total = severity === "error" ? parsed.rejectionCounts.errors : parsed.rejectionCounts.warnings;
  const kept = parsed.rejections.filter((r) => r.severity === severity);
  if (total <= max && kept.length === total) return kept.map((r) => r.message);
  const place = `${parsed.file}${parsed.sheet !== undefined ? `, feuille « ${parsed.sheet} »` : ""}`;
  const groups = parsed.rejectionCounts.groups.filter((g) => g.severity === severity).sort((a, b) => b.count - a.count);
  const lines = groups.slice(0, max).map((g) => {
    const rows = `${g.rows.join(", ")}${g.count > g.rows.length ? ", …" : ""}`;
    return `${place}, colonne « ${g.column} » : ${g.reason ?? "voir le rapport de qualité"} (règle ${g.rule}) — ${g.count.toLocaleString("fr-FR")} ligne(s) : ${g.count > 1 ? "lignes" : "ligne"} ${rows}.`;
  });
  if (groups.length > max) lines.push(`… et ${groups.length - max} autre(s) règle(s) (rapport de qualité).`);
  return lines;
}
