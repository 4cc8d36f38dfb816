import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { PublishedCell } from "../contracts.ts";

/**
 * Writes published cells as Parquet with DuckDB (snappy, readable by hyparquet in the browser).
 * Takes only cells that went through disclosure control (see publish.ts): aggregated values,
 * never individual rows.
 */
export async function cellsToParquet(cells: readonly PublishedCell[]): Promise<Uint8Array> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const folder = mkdtempSync(join(tmpdir(), "abs-parquet-"));
  try {
    await connection.run(`CREATE TABLE cells (
      indicator VARCHAR, year INTEGER, level VARCHAR, code VARCHAR, breakdown VARCHAR,
      category VARCHAR, value DOUBLE, secret BOOLEAN, unit VARCHAR)`);
    const appender = await connection.createAppender("cells");
    for (const c of cells) {
      appender.appendVarchar(c.indicator);
      appender.appendInteger(c.year);
      appender.appendVarchar(c.level);
      appender.appendVarchar(c.code);
      appender.appendVarchar(c.breakdown);
      appender.appendVarchar(c.category);
      if (c.value === null) appender.appendNull();
      else appender.appendDouble(c.value);
      appender.appendBoolean(c.secret);
      appender.appendVarchar(c.unit);
      appender.endRow();
    }
    appender.closeSync();
    const file = join(folder, "cells.parquet");
    await connection.run(
      `COPY (SELECT * FROM cells ORDER BY indicator, year, level, code, breakdown, category)
       TO '${file.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION snappy)`,
    );
    return new Uint8Array(readFileSync(file));
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(folder, { recursive: true, force: true });
  }
}
