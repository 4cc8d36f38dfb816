import type { DuckDBConnection } from "@duckdb/node-api";
import { InputError, type PrivateRecord } from "../contracts.ts";
import type { IndicatorDefinition } from "./types.ts";
import { normalizeCommune, type Territory } from "./territory.ts";

type ColumnType = "VARCHAR" | "BOOLEAN" | "DOUBLE";
const jsType: Record<ColumnType, string> = { VARCHAR: "string", BOOLEAN: "boolean", DOUBLE: "number" };

export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;
export const quoteString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** The fields the catalogue reads in individual records, with the SQL type they must have. */
export function recordColumns(catalogue: IndicatorDefinition[]): Map<string, ColumnType> {
  const columns = new Map<string, ColumnType>();
  for (const definition of catalogue) {
    if (definition.computation.kind !== "records") continue;
    for (const field of definition.computation.sum ?? []) columns.set(field, "DOUBLE");
    for (const breakdown of definition.breakdowns) {
      for (const category of breakdown.categories) {
        if ("field" in category) columns.set(category.field, "DOUBLE");
        else {
          const { field, equals } = category.where;
          columns.set(
            field,
            typeof equals === "string" ? "VARCHAR" : typeof equals === "boolean" ? "BOOLEAN" : "DOUBLE",
          );
        }
      }
    }
  }
  return columns;
}

/**
 * Loads the records into the table `records` (appender) and the view `scoped_records`, where
 * an IRIS outside the observed commune or a commune outside the département is treated as not placed.
 */
export async function loadRecordTable(
  connection: DuckDBConnection,
  records: PrivateRecord[],
  columns: Map<string, ColumnType>,
  territory: Territory,
): Promise<void> {
  const fields = [...columns.keys()];
  const declarations = fields.map((f) => `${quoteIdentifier(f)} ${columns.get(f)}`);
  await connection.run(
    `CREATE TABLE records (dataset VARCHAR, year INTEGER, iris VARCHAR, commune VARCHAR${declarations.map((d) => `, ${d}`).join("")})`,
  );
  await connection.run("CREATE TABLE commune_iris (code VARCHAR PRIMARY KEY)");
  await connection.run("CREATE TABLE communes (code VARCHAR PRIMARY KEY)");
  await appendCodes(connection, "commune_iris", territory.communeIris);
  await appendCodes(
    connection,
    "communes",
    territory.communes.map((c) => normalizeCommune(c) as string),
  );

  const appender = await connection.createAppender("records");
  for (const record of records) {
    if (!Number.isInteger(record.year)) {
      throw new InputError(
        `Indicateurs : une ligne du jeu « ${record.dataset} » a une année d'observation qui n'est pas un entier (règle annee-entiere).`,
        record.dataset,
        "annee-entiere",
      );
    }
    appender.appendVarchar(record.dataset);
    appender.appendInteger(record.year);
    appendNullable(appender, record.iris);
    appendNullable(appender, normalizeCommune(record.commune));
    for (const field of fields) {
      const value = record.fields[field];
      const type = columns.get(field) as ColumnType;
      if (value === null || value === undefined) appender.appendNull();
      else if (typeof value !== jsType[type]) {
        // The value itself is never printed: it may be personal.
        throw new InputError(
          `Indicateurs : jeu « ${record.dataset} », année ${record.year}, champ « ${field} » : valeur de type ${typeof value} au lieu de ${jsType[type]} (règle type-champ).`,
          record.dataset,
          "type-champ",
        );
      } else if (type === "DOUBLE") appender.appendDouble(value as number);
      else if (type === "BOOLEAN") appender.appendBoolean(value as boolean);
      else appender.appendVarchar(value as string);
    }
    appender.endRow();
  }
  appender.closeSync();

  // A record's arrondissement is its IRIS's: one placed in the commune but in no IRIS has none.
  await connection.run("CREATE TABLE iris_arrondissement (iris VARCHAR PRIMARY KEY, arrondissement VARCHAR)");
  const arrondissementAppender = await connection.createAppender("iris_arrondissement");
  for (const arrondissement of territory.arrondissements ?? []) {
    for (const iris of arrondissement.iris) {
      arrondissementAppender.appendVarchar(iris);
      arrondissementAppender.appendVarchar(arrondissement.code);
      arrondissementAppender.endRow();
    }
  }
  arrondissementAppender.closeSync();

  await connection.run(`CREATE VIEW scoped_records AS
    SELECT r.* REPLACE (
      CASE WHEN r.iris IN (SELECT code FROM commune_iris) THEN r.iris END AS iris,
      CASE WHEN r.commune IN (SELECT code FROM communes) THEN r.commune END AS commune),
      a.arrondissement
    FROM records r LEFT JOIN iris_arrondissement a ON a.iris = r.iris`);
}

async function appendCodes(connection: DuckDBConnection, table: string, codes: string[]): Promise<void> {
  const appender = await connection.createAppender(table);
  for (const code of new Set(codes)) {
    appender.appendVarchar(code);
    appender.endRow();
  }
  appender.closeSync();
}

function appendNullable(appender: { appendVarchar(v: string): void; appendNull(): void }, value: string | null): void {
  if (value === null) appender.appendNull();
  else appender.appendVarchar(value);
}
