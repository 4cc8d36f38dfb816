import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parquetReadObjects } from "hyparquet";
import { projectRoot } from "../../loaders/paths.ts";

export const distDir = join(projectRoot, "dist");

/** Every page of the site's menu and footer, as the site tests visit them. */
export const SITE_PAGES = [
  "/",
  "/petite-enfance",
  "/personnes-agees",
  "/handicap",
  "/enfance-famille",
  "/aides-financieres",
  "/portrait-territoire",
  "/explorer",
  "/methodologie",
  "/definitions",
  "/glossaire",
  "/accessibilite",
  "/mentions-legales",
  "/donnees-personnelles",
  "/plan-du-site",
  "/editions",
];

export function walkFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walkFiles(path) : [path];
  });
}

/** The built copy of a published table (Framework adds a content hash to the file name). */
function builtTablePath(table: string): string {
  const folder = join(distDir, "_file", "data", "observatoire");
  const name = readdirSync(folder).find((f) => f.startsWith(`${table}.`) && f.endsWith(".parquet"));
  if (!name) throw new Error(`table ${table} absente de dist/`);
  return join(folder, name);
}

export interface CellRow {
  indicator: string;
  year: number;
  level: string;
  code: string;
  breakdown: string;
  category: string;
  value: number | null;
  secret: boolean;
  unit: string;
}

export async function readBuiltTable(table: string): Promise<CellRow[]> {
  const bytes = readFileSync(builtTablePath(table));
  const rows = (await parquetReadObjects({
    file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  })) as Record<string, unknown>[];
  return rows.map((r) => ({ ...r, year: Number(r.year), value: r.value === null ? null : Number(r.value) }) as CellRow);
}
