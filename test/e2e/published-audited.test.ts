import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cellKey, type PublishedCell } from "../../loaders/contracts.ts";
import { audit, type AuditCatalogue } from "../../loaders/disclosure/audit.ts";
import { categoryText, SECRET_MARK } from "../../loaders/publish/downloads.ts";
import { auditEditionsUnion, ARCHIVES_FOLDER } from "../../loaders/publish/editions.ts";
import { buildContextTables } from "../../loaders/publish/context-tables.ts";
import { readObservatoryConfig } from "../../loaders/config.ts";
import { resolveReferenceDir } from "../../loaders/reference/resolve.ts";
import { distDir, readBuiltTable, walkFiles } from "./site-files.ts";

/**
 * An attacker reads dist/, not the pipeline (issue 18): every file of dist/ that can carry
 * numbers (CSV, XLSX, JSON, Parquet) must be what the audit audited. Each is of a declared
 * kind, and each kind is checked against the audit's inputs read back from dist/ itself:
 * the Département's tables pass the audit again with the relations published beside them;
 * the context tables are the protected and audited ones; every value of a download is a
 * published cell ("s" where it is secret); archives pass the audit of the union; and the
 * files with no table (metadata, geometry, names) publish no count under 5.
 */
const data = join(distDir, "_file", "data", "observatoire");
const memberName = (file: string) => file.replace(/\.[0-9a-f]{8}(\.[a-z]+)$/, "$1");

/** What each published member is, by its name without Framework's hash. */
const KINDS: [RegExp, string][] = [
  [/^contexte\.parquet$/, "context"],
  [/^[a-z-]+\.parquet$/, "tables"],
  [/^audit-catalogue\.json$/, "relations"],
  [/^telechargements\/[a-z0-9-]+\.(csv|xlsx)$/, "download"],
  [/^catalogue\.json$/, "catalogue"],
  [/^editions\.json$/, "editions"],
  // Commentary and analyses: the lint of published words (commentary-lint.ts) reads them.
  [/^(commentary|analyses)\.json$/, "text"],
  // No count: the registry of visuals, how rates are computed, public sources, indicator
  // metadata of the context tables, the edition's mode and dates, the preview's notices,
  // geometry of IRIS and communes, and the search box's public names.
  [/^(visuals|ratios|sources|contexte|edition|apercu|iris|communes-\d+|lieux)\.json$/, "metadata"],
];
const kindOf = (member: string) => KINDS.find(([pattern]) => pattern.test(member))?.[1];

const readJson = (member: string) => {
  const file = readdirSync(data).find((f) => memberName(f) === member);
  return file ? JSON.parse(readFileSync(join(data, file), "utf8")) : undefined;
};

async function tablesOfDist(): Promise<PublishedCell[]> {
  const tables = readdirSync(data)
    .filter((f) => kindOf(memberName(f)) === "tables")
    .map((f) => f.split(".")[0]!);
  return (await Promise.all(tables.map((t) => readBuiltTable(t)))).flat() as PublishedCell[];
}

describe("every numeric file of dist/ is what the audit audits", () => {
  let cells: PublishedCell[];
  let context: PublishedCell[];
  let work: string;
  beforeAll(async () => {
    cells = await tablesOfDist();
    context = (await readBuiltTable("contexte")) as PublishedCell[];
    work = mkdtempSync(join(tmpdir(), "abs-published-audited-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("each CSV, XLSX, JSON or Parquet file of dist/ is of a declared kind", () => {
    const numeric = walkFiles(distDir)
      .map((f) => relative(distDir, f))
      .filter((f) => /\.(csv|xlsx|json|parquet)$/.test(f) && !f.startsWith("_npm/") && !f.startsWith("_node/"));
    const unknown = numeric.filter((f) => {
      if (f.startsWith(`${ARCHIVES_FOLDER}/`)) return false; // checked by the union audit below
      if (!f.startsWith("_file/data/observatoire/")) return true;
      return kindOf(memberName(relative(data, join(distDir, f)))) === undefined;
    });
    expect(unknown).toEqual([]);
    expect(numeric.filter((f) => f.endsWith(".parquet")).length).toBeGreaterThan(2);
  });

  test("the Département's tables of dist/, with the relations dist/ publishes, pass the audit", async () => {
    const catalogue = readJson("audit-catalogue.json") as AuditCatalogue;
    expect(catalogue, "audit-catalogue.json publié").toBeDefined();
    expect(catalogue.revisions).toEqual([]);
    expect(cells.some((c) => c.secret)).toBe(true);
    // Components are cached by the hash of their content: a rerun on the same build is quick.
    const report = await audit(cells, catalogue, { cacheDir: join(tmpdir(), "abs-published-audited-v1") });
    expect(report.failures.map((f) => `${f.cell} ${f.reason}`)).toEqual([]);
    expect(report.components).toBeGreaterThan(0);
  }, 300_000);

  test("the context tables of dist/ are the protected and audited ones", async () => {
    const config = readObservatoryConfig();
    const iris = [...new Set(context.filter((c) => c.level === "iris").map((c) => c.code))].sort();
    const rebuilt = await buildContextTables(resolveReferenceDir(), iris, {
      commune: config.territory.commune,
      minPopulation: config.secrecy.minPopulation,
    });
    const shown = (list: readonly PublishedCell[]) =>
      list.map((c) => `${cellKey(c)}=${c.secret ? SECRET_MARK : c.value}`).sort();
    expect(shown(context)).toEqual(shown(rebuilt.cells));
  }, 120_000);

  test("every value of every download is a published cell, marked « s » where it is secret", async () => {
    const catalogue = readJson("catalogue.json");
    const contextIndicators = readJson("contexte.json").indicators;
    const labels = new Map<string, string>();
    for (const [id, entry] of Object.entries({ ...catalogue.indicators, ...contextIndicators }))
      labels.set((entry as { label: string }).label, id);
    const levels: Record<string, string> = { IRIS: "iris", Commune: "commune", Département: "departement" };
    const published = new Map<string, string>();
    for (const c of [...cells, ...context]) {
      const [breakdown, category] = categoryText(c.indicator, c.breakdown, c.category);
      const shown = c.secret ? SECRET_MARK : c.value === null ? "" : String(c.value);
      published.set([c.indicator, c.year, c.level, c.code, breakdown, category].join("|"), shown);
    }
    const folder = join(data, "telechargements");
    const files = readdirSync(folder);
    expect(files.length).toBeGreaterThan(10);
    const problems: string[] = [];
    let values = 0;
    for (const file of files.filter((f) => f.endsWith(".csv"))) {
      const lines = readFileSync(join(folder, file), "utf8").split(/\r?\n/);
      const start = lines.findIndex((l) => l.startsWith("Indicateur;"));
      for (const line of lines.slice(start + 1).filter(Boolean)) {
        const [indicator, , year, level, code, , breakdown, category, value] = line.split(";");
        const key = [indicator, year, levels[level!] ?? level, code, breakdown, category].join("|");
        const expected = published.get(key);
        const read = value!.replace(",", ".");
        values++;
        if (expected === undefined) problems.push(`${file} : ${key} n'est pas une case publiée`);
        else if (expected !== read) problems.push(`${file} : ${key} vaut ${read}, publiée ${expected}`);
      }
    }
    for (const file of files.filter((f) => f.endsWith(".xlsx"))) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(readFileSync(join(folder, file)) as unknown as ArrayBuffer);
      for (const sheet of workbook.worksheets) {
        let indicator: string | undefined;
        let header: string[] | undefined;
        sheet.eachRow((row) => {
          const cellsOfRow = (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : v));
          const first = String(cellsOfRow[0] ?? "").replace(/^'/, "");
          if (first === "Libellé") indicator = labels.get(String(cellsOfRow[1]).replace(/^'/, ""));
          if (first === "Niveau") return void (header = cellsOfRow.map((v) => String(v).replace(/^'/, "")));
          if (!header || !indicator) return;
          const level = levels[first] ?? first;
          const code = String(cellsOfRow[1]).replace(/^'/, "");
          header.slice(3).forEach((label, i) => {
            const raw = cellsOfRow[i + 3];
            if (raw === "" || raw === undefined) return;
            const [year, rest] = label.split(" — ");
            const [breakdown, category] = rest ? rest.split(" : ") : ["", ""];
            const key = [indicator, year, level, code, breakdown, category].join("|");
            const expected = published.get(key);
            values++;
            const read = String(raw).replace(/^'/, "");
            if (expected === undefined) problems.push(`${file} (${sheet.name}) : ${key} n'est pas une case publiée`);
            else if (expected !== read)
              problems.push(`${file} (${sheet.name}) : ${key} vaut ${read}, publiée ${expected}`);
          });
        });
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(values).toBeGreaterThan(1000);
  }, 120_000);

  test("counts outside the tables (geocoding quality, revised cells) are published at 5 or more", () => {
    const catalogue = readJson("catalogue.json");
    const counts = Object.values(catalogue.geocoding.byMatchType as Record<string, number | undefined>);
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.filter((n) => n !== undefined && n > 0 && n < 5)).toEqual([]);
    const editions = readJson("editions.json");
    const revised = (editions.changes?.changes ?? []).map((c: { revised: number | null }) => c.revised);
    expect(revised.filter((n: number | null) => n !== null && n > 0 && n < 5)).toEqual([]);
  });

  test("the archives online pass, with the current edition, the audit of the union", async () => {
    const archives = join(distDir, ARCHIVES_FOLDER);
    if (!existsSync(archives)) return expect(readJson("editions.json").archived).toEqual([]);
    const report = await auditEditionsUnion({ site: distDir, dir: archives, cacheDir: join(work, "union") });
    expect(report.failures.map((f) => `${f.cell} ${f.reason}`)).toEqual([]);
  }, 300_000);
});
