import { basename } from "node:path";
import { InputError } from "../contracts.ts";
import { parseNumber, requireColumns } from "./csv.ts";
import { findFiles } from "./files.ts";
import { readTable } from "./tabular.ts";

/** Numeric columns by IRIS, as read from one public file. Absent IRIS and secret cells are null. */
export interface IrisValues {
  file: string;
  source: string;
  vintage: number;
  /** Column names as normalised by the reader (e.g. without the year suffix). */
  columns: string[];
  codes(): string[];
  get(code: string): Record<string, number | null> | null;
  value(code: string, column: string): number | null;
}

export interface IrisValuesSpec {
  file: string;
  source: string;
  vintage: number;
  /** Column holding the IRIS code (first found). */
  codeColumns: readonly string[];
  /** Columns that must be present (after normalisation). */
  required: readonly string[];
  /** Columns kept as numbers (after normalisation); default: every required one. */
  keep?: (column: string) => boolean;
  /** Column renaming, e.g. dropping Filosofi's year suffix. */
  normalize?: (column: string) => string;
}

export async function readIrisValues(spec: IrisValuesSpec): Promise<IrisValues> {
  const table = await readTable(spec.file, spec.codeColumns[0]!);
  const normalize = spec.normalize ?? ((c: string) => c);
  const header = table.header.map((h) => normalize(h.toUpperCase()));
  const codeIndex = table.header.findIndex((h) => spec.codeColumns.some((c) => c.toUpperCase() === h.toUpperCase()));
  if (codeIndex < 0) requireColumns(table, [spec.codeColumns[0]!]);
  requireColumns({ ...table, header }, spec.required);
  const keep = spec.keep ?? ((c: string) => spec.required.includes(c));
  const kept = header.map((h, i) => ({ h, i })).filter(({ h, i }) => i !== codeIndex && keep(h));
  const byCode = new Map<string, Record<string, number | null>>();
  table.rows.forEach((row, r) => {
    const line = table.lines[r]!;
    const code = (row[codeIndex] ?? "").trim();
    if (!/^\d[0-9AB]\d{7}$/.test(code)) {
      throw new InputError(
        `Fichier ${basename(spec.file)}, ligne ${line}, colonne ${table.header[codeIndex]} : code IRIS invalide (règle : 9 caractères).`,
        spec.file,
        "iris-code",
      );
    }
    const values: Record<string, number | null> = {};
    for (const { h, i } of kept) values[h] = parseNumber(row[i], { file: spec.file, line, column: table.header[i]! });
    byCode.set(code, values);
  });
  return {
    file: spec.file,
    source: spec.source,
    vintage: spec.vintage,
    columns: kept.map((k) => k.h),
    codes: () => [...byCode.keys()],
    get: (code) => {
      const v = byCode.get(code);
      return v ? { ...v } : null;
    },
    value: (code, column) => byCode.get(code)?.[column] ?? null,
  };
}

/** Years offered by files named like `<prefix>YYYY<suffix>` under refDir, ascending. */
export function yearsOf(refDir: string, pattern: RegExp): { year: number; file: string }[] {
  return findFiles(refDir, pattern)
    .map((file) => ({ file, year: Number(pattern.exec(file.replace(/\\/g, "/"))?.[1] ?? NaN) }))
    .filter((f) => Number.isFinite(f.year))
    .sort((a, b) => a.year - b.year);
}

export function missingReference(refDir: string, what: string): InputError {
  return new InputError(
    `Fichier de référence manquant dans ${refDir} : ${what}. Lancez « abs reference fetch » ou vérifiez le dossier de référence.`,
    refDir,
    "reference-file",
  );
}
