import type { DuckDBConnection } from "@duckdb/node-api";
import type { Cell, Level, PrivateRecord } from "../contracts.ts";
import type { BreakdownDefinition, IndicatorDefinition, RowClass } from "./types.ts";
import { groupBy } from "./group-by.ts";
import { quoteIdentifier, quoteString } from "./record-table.ts";
import { coverageOf, publishedCodes, type Coverage, type Territory } from "./territory.ts";

import { unknownCategoryLabel } from "./catalogue.ts";

/** Rows outside every declared class: published so that the classes still add up to the total. */
const unknownCategory = unknownCategoryLabel.id;

interface AggregatedRow {
  year: number;
  level: Level;
  code: string;
  category: string;
  value: number | null;
  contributors: number;
}

const literal = (value: string | number | boolean): string =>
  typeof value === "string"
    ? quoteString(value)
    : typeof value === "boolean"
      ? String(value).toUpperCase()
      : String(value);

function classCondition(rowClass: RowClass): string {
  const field = quoteIdentifier(rowClass.field);
  const conditions = [`${field} IS NOT NULL`];
  if (rowClass.equals !== undefined) conditions.push(`${field} = ${literal(rowClass.equals)}`);
  if (rowClass.min !== undefined) conditions.push(`${field} >= ${rowClass.min}`);
  if (rowClass.max !== undefined) conditions.push(`${field} <= ${rowClass.max}`);
  return conditions.join(" AND ");
}

/** Null when every summed field is null: an unknown amount is not a zero. */
function sumExpression(fields: string[] | undefined): string {
  if (fields === undefined) return "1.0";
  const quoted = fields.map(quoteIdentifier);
  return `CASE WHEN ${quoted.map((f) => `${f} IS NULL`).join(" AND ")} THEN NULL ELSE ${quoted.map((f) => `coalesce(${f}, 0)`).join(" + ")} END`;
}

/** One row per record (or per record and part) with its category and its value. */
function sourceQuery(dataset: string, sum: string[] | undefined, breakdown: BreakdownDefinition | null): string {
  const place = "year, iris, arrondissement, commune";
  const from = `FROM scoped_records WHERE dataset = ${quoteString(dataset)}`;
  if (breakdown === null) return `SELECT ${place}, '' AS category, ${sumExpression(sum)} AS v ${from}`;
  const parts = breakdown.categories.filter((c) => "field" in c);
  if (parts.length > 0) {
    return breakdown.categories
      .map((c) =>
        "field" in c
          ? `SELECT ${place}, ${quoteString(c.id)} AS category, ${quoteIdentifier(c.field)} AS v ${from}`
          : "",
      )
      .join(" UNION ALL ");
  }
  const cases = breakdown.categories
    .map((c) => ("where" in c ? `WHEN ${classCondition(c.where)} THEN ${quoteString(c.id)}` : ""))
    .join(" ");
  return `SELECT ${place}, CASE ${cases} ELSE ${quoteString(unknownCategory)} END AS category, ${sumExpression(sum)} AS v ${from}`;
}

/**
 * Sums at every level in one pass. The arrondissement grouping only where the commune has
 * arrondissements: elsewhere it would only make the group of records with none.
 */
async function aggregate(
  connection: DuckDBConnection,
  source: string,
  withArrondissements: boolean,
): Promise<AggregatedRow[]> {
  const sets = ["(year, category, iris)", "(year, category, commune)", "(year, category)"];
  if (withArrondissements) sets.push("(year, category, arrondissement)");
  const arrondissement = withArrondissements
    ? "GROUPING(arrondissement)::INTEGER AS ga, arrondissement"
    : "1 AS ga, NULL AS arrondissement";
  const reader = await connection.runAndReadAll(`WITH src AS (${source})
    SELECT year::INTEGER AS year, GROUPING(iris)::INTEGER AS gi, GROUPING(commune)::INTEGER AS gc, ${arrondissement},
      iris, commune, category,
      sum(v)::DOUBLE AS value, (count(*) FILTER (WHERE v > 0))::INTEGER AS contributors
    FROM src
    GROUP BY GROUPING SETS (${sets.join(", ")})`);
  const rows: AggregatedRow[] = [];
  for (const row of reader.getRowObjectsJS()) {
    const level: Level =
      row.gi === 0 ? "iris" : row.ga === 0 ? "arrondissement" : row.gc === 0 ? "commune" : "departement";
    const code =
      level === "iris"
        ? row.iris
        : level === "arrondissement"
          ? row.arrondissement
          : level === "commune"
            ? row.commune
            : "13";
    // The group of rows not placed at this level is not a published area.
    if (code === null) continue;
    rows.push({
      year: row.year as number,
      level,
      code: code as string,
      category: row.category as string,
      value: row.value as number | null,
      contributors: row.contributors as number,
    });
  }
  return rows;
}

/**
 * Cells of an indicator computed from individual records, for the total and each breakdown,
 * with a 0 cell for every published area nobody lives in.
 */
export async function recordCells(
  connection: DuckDBConnection,
  definition: IndicatorDefinition,
  records: PrivateRecord[],
  territory: Territory,
): Promise<{ cells: Cell[]; coverage: Map<number, Coverage> }> {
  const computation = definition.computation;
  if (computation.kind !== "records")
    throw new Error(`${definition.id} n'est pas calculé sur des lignes individuelles`);
  const coverage = new Map<number, Coverage>();
  const byYear = groupBy(
    records.filter((r) => r.dataset === computation.dataset),
    (r) => r.year,
  );
  for (const [year, rows] of byYear) coverage.set(year, coverageOf(rows, territory));

  const cells: Cell[] = [];
  for (const breakdown of [null, ...definition.breakdowns]) {
    const rows = await aggregate(
      connection,
      sourceQuery(computation.dataset, computation.sum, breakdown),
      (territory.arrondissements ?? []).length > 0,
    );
    const found = new Map(rows.map((r) => [[r.year, r.level, r.code, r.category].join("|"), r]));
    for (const [year, yearCoverage] of coverage) {
      const categories = breakdown === null ? [""] : breakdown.categories.map((c) => c.id);
      if (rows.some((r) => r.year === year && r.category === unknownCategory)) categories.push(unknownCategory);
      for (const level of definition.levels) {
        for (const code of publishedCodes(level, yearCoverage, territory)) {
          for (const category of categories) {
            const row = found.get([year, level, code, category].join("|"));
            cells.push({
              indicator: definition.id,
              year,
              level,
              code,
              breakdown: breakdown?.id ?? "",
              category,
              value: row === undefined ? 0 : row.value,
              unit: definition.unit,
              contributors: row === undefined ? 0 : row.contributors,
            });
          }
        }
      }
    }
  }
  return { cells, coverage };
}
