// @ts-check
import * as duckdb from "@duckdb/duckdb-wasm";
import { Bool, Float64, Table, Utf8, makeData, makeVector, tableToIPC } from "apache-arrow";
import { html } from "htl";
import { parquetReadObjects } from "hyparquet";
import { formatValue } from "./format.js";
import { plainTable } from "./plain-table.js";

/** @typedef {import("./types.js").PublishedCell} PublishedCell */
/** @typedef {{schema: {fields: {name: string}[]}, numRows: number, toArray: () => {toJSON: () => Record<string, unknown>}[]}} QueryResult */

/** SQL name of a published table: "personnes-agees.parquet" -> personnes_agees. @param {string} member */
export const sqlName = (member) => member.replace(/\.parquet$/, "").replaceAll("-", "_");

// Arrow vectors are built by hand: apache-arrow's builders compile their null checks with
// `new Function`, which the site's Content-Security-Policy (no 'unsafe-eval') forbids.
/** @param {boolean[]} flags */
const bitmap = (flags) => {
  const bits = new Uint8Array(Math.ceil(flags.length / 8));
  flags.forEach((on, i) => {
    if (on) bits[i >> 3] |= 1 << (i & 7);
  });
  return bits;
};
/** @param {(string | null | undefined)[]} strings */
const utf8Vector = (strings) => {
  const encoder = new TextEncoder();
  const parts = strings.map((s) => encoder.encode(s ?? ""));
  const valueOffsets = new Int32Array(parts.length + 1);
  parts.forEach((p, i) => {
    valueOffsets[i + 1] = /** @type {number} */ (valueOffsets[i]) + p.length;
  });
  const data = new Uint8Array(/** @type {number} */ (valueOffsets[parts.length]));
  parts.forEach((p, i) => data.set(p, valueOffsets[i]));
  return makeVector(makeData({ type: new Utf8(), length: parts.length, valueOffsets, data }));
};
/** @param {(number | null)[]} values */
const float64Vector = (values) => {
  const nulls = values.filter((v) => v === null).length;
  return makeVector(
    makeData({
      type: new Float64(),
      length: values.length,
      nullCount: nulls,
      nullBitmap: nulls ? bitmap(values.map((v) => v !== null)) : null,
      data: Float64Array.from(values, (v) => v ?? 0),
    }),
  );
};

/**
 * A published table as Arrow: DuckDB-wasm cannot read Parquet offline (its parquet extension
 * comes from a CDN), so hyparquet reads the file and the rows go in as Arrow IPC, a core feature.
 * @param {Record<string, any>[]} rows
 */
export function cellsToArrow(rows) {
  return new Table({
    indicator: utf8Vector(rows.map((r) => r.indicator)),
    year: makeVector(Int32Array.from(rows, (r) => Number(r.year))),
    level: utf8Vector(rows.map((r) => r.level)),
    code: utf8Vector(rows.map((r) => r.code)),
    breakdown: utf8Vector(rows.map((r) => r.breakdown)),
    category: utf8Vector(rows.map((r) => r.category)),
    value: float64Vector(rows.map((r) => (r.value === null || r.value === undefined ? null : Number(r.value)))),
    secret: makeVector(
      makeData({ type: new Bool(), length: rows.length, data: bitmap(rows.map((r) => Boolean(r.secret))) }),
    ),
    unit: utf8Vector(rows.map((r) => r.unit)),
  });
}

/**
 * Starts DuckDB-wasm from the site's own files and loads each table: { sqlName: ArrayBuffer }.
 * @param {{workerHref: string, wasmHref: string, tables: Record<string, ArrayBuffer>}} options
 */
export async function openDatabase({ workerHref, wasmHref, tables }) {
  const worker = new Worker(workerHref);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(new URL(wasmHref, location.href).href);
  const connection = await db.connect();
  for (const [name, buffer] of Object.entries(tables)) {
    const rows = await parquetReadObjects({ file: buffer });
    await connection.insertArrowFromIPCStream(tableToIPC(cellsToArrow(rows), "stream"), {
      name,
      create: true,
    });
  }
  return connection;
}

/** @param {unknown} v */
const cellText = (v) =>
  v === null || v === undefined
    ? ""
    : typeof v === "boolean"
      ? v
        ? "oui"
        : "non"
      : typeof v === "bigint"
        ? formatValue(Number(v))
        : typeof v === "number"
          ? Number.isInteger(v) && Math.abs(v) > 1900 && Math.abs(v) < 2100
            ? String(v)
            : formatValue(v, { unit: Number.isInteger(v) ? "count" : "rate" })
          : String(v);

/**
 * The published tables' columns in French, for the result's headers; a reader's own alias
 * (« AS "Année" ») is shown as written.
 */
const COLUMN_WORDS = /** @type {Record<string, string>} */ ({
  indicator: "Indicateur",
  year: "Année",
  level: "Niveau",
  code: "Code de la zone",
  breakdown: "Ventilation",
  category: "Catégorie",
  value: "Valeur",
  secret: "Secret statistique",
  unit: "Unité",
});

/** @param {string} name */
export const columnHeader = (name) => COLUMN_WORDS[name] ?? name;

/**
 * The result of a query as an HTML table (at most `limit` rows shown), headers in French.
 * @param {QueryResult} result
 */
export function resultTable(result, limit = 200) {
  const fields = result.schema.fields.map((f) => f.name);
  const rows = result
    .toArray()
    .slice(0, limit)
    .map((r) => r.toJSON());
  return plainTable({
    className: "explorer-result",
    caption: `${result.numRows} ligne(s)${result.numRows > limit ? ` (les ${limit} premières affichées)` : ""}`,
    columns: fields.map(columnHeader),
    rows: rows.map(
      (r) =>
        html`<tr>
          ${fields.map((f) => html`<td>${cellText(r[f])}</td>`)}
        </tr>`,
    ),
  });
}
