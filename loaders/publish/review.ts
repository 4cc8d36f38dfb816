/**
 * The partners' review edition (Article 5: results are presented to the data providers in
 * annual working sessions). `npm run build:review` builds the same site, with every secrecy
 * and privacy rule, but marked "Document de travail – diffusion restreinte" on every page and
 * every file a reader can download, so that a copy that leaves the meeting says what it is.
 * - pages: a banner at the top of the body (also printed), the title prefixed, noindex;
 * - JSON members: a top-level "diffusion" key (objects only; arrays are internal lists);
 * - CSV downloads: a first line; XLSX: a first row on every sheet and the workbook title;
 * - Parquet tables: a "diffusion" key in the file's key-value metadata.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { unzipSync } from "fflate";
import { parquetMetadata } from "hyparquet";
import { htmlFiles } from "../common/html-files.ts";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import ExcelJS from "exceljs";
import { reviewMarking } from "./gate.ts";

export { reviewMarking };

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** Marks one built HTML page; idempotent. */
export function markReviewPage(html: string, marking = reviewMarking): string {
  if (html.includes('class="review-marking"')) return html;
  const banner = `<div class="review-marking" role="note" style="background:#7b1f1f;color:#fff;font-weight:bold;text-align:center;padding:0.4rem;letter-spacing:0.02em">${escapeHtml(marking)}</div>`;
  return html
    .replace(/<title>([^<]*)<\/title>/i, (_, title) => `<title>${escapeHtml(marking)} — ${title}</title>`)
    .replace(/<head>/i, '<head>\n<meta name="robots" content="noindex, nofollow">')
    .replace(/<body([^>]*)>/i, (whole) => `${whole}\n${banner}`);
}

/** Marks every built page of the review edition; returns the number of pages. */
export function markReviewSite(dir: string, marking = reviewMarking): number {
  const pages = htmlFiles(dir);
  for (const page of pages) writeFileSync(page, markReviewPage(readFileSync(page, "utf8"), marking));
  return pages.length;
}

async function markParquet(bytes: Uint8Array, marking: string): Promise<Uint8Array> {
  const folder = mkdtempSync(join(tmpdir(), "abs-review-"));
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const input = join(folder, "in.parquet");
    const output = join(folder, "out.parquet");
    writeFileSync(input, bytes);
    const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
    await connection.run(
      `COPY (SELECT * FROM read_parquet(${quote(input)})) TO ${quote(output)} (FORMAT parquet, COMPRESSION snappy, KV_METADATA {diffusion: ${quote(marking)}})`,
    );
    return new Uint8Array(readFileSync(output));
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function markXlsx(bytes: Uint8Array, marking: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  workbook.title = marking;
  workbook.eachSheet((sheet) => {
    sheet.spliceRows(1, 0, [marking]);
    sheet.getRow(1).font = { bold: true, color: { argb: "FF7B1F1F" } };
    sheet.headerFooter = { oddHeader: marking, oddFooter: marking };
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function markText(name: string, content: string, marking: string): string {
  if (name.endsWith(".csv")) {
    const bom = content.startsWith("\uFEFF") ? "\uFEFF" : "";
    return `${bom}${marking}\r\n${content.slice(bom.length)}`;
  }
  if (name.endsWith(".json")) {
    const value = JSON.parse(content);
    return Array.isArray(value) ? content : JSON.stringify({ diffusion: marking, ...value });
  }
  return content;
}

/** Marks every member of the published zip (review edition). */
export async function markReviewMembers(
  members: Map<string, Uint8Array | string>,
  marking = reviewMarking,
): Promise<Map<string, Uint8Array | string>> {
  const marked = new Map<string, Uint8Array | string>();
  for (const [name, content] of members) {
    if (name.endsWith(".parquet"))
      marked.set(name, await markParquet(typeof content === "string" ? Buffer.from(content) : content, marking));
    else if (name.endsWith(".xlsx"))
      marked.set(name, await markXlsx(typeof content === "string" ? Buffer.from(content) : content, marking));
    else if (/\.(?:csv|json)$/.test(name))
      marked.set(
        name,
        markText(name, typeof content === "string" ? content : Buffer.from(content).toString("utf8"), marking),
      );
    else marked.set(name, content);
  }
  return marked;
}

/** Whether one published file carries the marking; null when the format has no place for it. */
function fileMarking(path: string, marking: string): boolean | null {
  const bytes = readFileSync(path);
  if (path.endsWith(".parquet")) {
    const metadata = parquetMetadata(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    return (metadata.key_value_metadata ?? []).some((kv) => kv.key === "diffusion" && kv.value === marking);
  }
  if (path.endsWith(".csv"))
    return bytes
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .startsWith(`${marking}\r\n`);
  if (path.endsWith(".json")) {
    const value = JSON.parse(bytes.toString("utf8"));
    return Array.isArray(value) ? null : value?.diffusion === marking;
  }
  if (path.endsWith(".xlsx")) {
    const core = unzipSync(new Uint8Array(bytes), { filter: (f) => f.name === "docProps/core.xml" })[
      "docProps/core.xml"
    ];
    return core ? Buffer.from(core).toString("utf8").includes(marking) : false;
  }
  return null;
}

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) =>
    statSync(join(dir, entry)).isDirectory() ? walk(join(dir, entry)) : [join(dir, entry)],
  );

/**
 * Checks a built site against its mode before it is published: in the review edition every
 * data file is marked; in the public one none is. Two builds run at once in one checkout share
 * Framework's loader cache and could mix their files: the build then fails closed.
 */
export function verifyEditionMarking(output: string, mode: "public" | "review", marking = reviewMarking): void {
  const data = join(output, "_file", "data");
  if (!existsSync(data)) return;
  const wrong = walk(data).filter((file) => {
    const marked = fileMarking(file, marking);
    return marked !== null && marked !== (mode === "review");
  });
  if (wrong.length > 0) {
    const names = wrong
      .slice(0, 10)
      .map((f) => `- ${f.slice(output.length + 1)}`)
      .join("\n");
    throw new Error(
      `${mode === "review" ? "L'édition de travail contient des fichiers sans la mention" : "Le site public contient des fichiers marqués"} « ${marking} » (${wrong.length}) : une autre construction tournait-elle en même temps dans ce dossier ? Relancez la construction.\n${names}`,
    );
  }
}
