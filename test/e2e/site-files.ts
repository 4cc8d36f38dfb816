import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parquetReadObjects } from "hyparquet";
import { projectRoot } from "../../loaders/paths.ts";
import siteConfig from "../../observablehq.config.ts";

export const distDir = join(projectRoot, "dist");

interface MenuEntry {
  path?: string;
  pages?: readonly MenuEntry[];
}
const menuPaths = (entries: readonly MenuEntry[]): string[] =>
  entries.flatMap((e) => (e.pages ? menuPaths(e.pages) : e.path ? [e.path] : []));

/** Every page of the site as the site tests visit them: the home page, then the menu (observablehq.config.ts). */
export const SITE_PAGES = ["/", ...menuPaths(siteConfig.pages)];

/** The theme pages: the menu's sections (« Thèmes »). */
export const THEME_PAGES = menuPaths(siteConfig.pages.filter((e) => "pages" in e && e.name === "Thèmes"));

/** The analysts' analysis pages (data/analyses/), without their index. */
export const ANALYSIS_PAGES = SITE_PAGES.filter((path) => /^\/analyses\/.+/.test(path));

export function walkFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walkFiles(path) : [path];
  });
}

const builtTablesDir = () => join(distDir, "_file", "data", "observatoire");

/** The built copy of a published table (Framework adds a content hash to the file name). */
function builtTablePath(table: string): string {
  const folder = builtTablesDir();
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

/** Every published table of the built site, read back with an independent reader (hyparquet). */
export async function readAllBuiltTables(): Promise<CellRow[]> {
  const tables = readdirSync(builtTablesDir())
    .filter((f) => f.endsWith(".parquet"))
    .map((f) => f.split(".")[0]!);
  return (await Promise.all(tables.map((t) => readBuiltTable(t)))).flat();
}
