// What the meeting tests read back from the documents a partner takes away: a PDF's text page
// by page (poppler's pdftotext), an image saved from a visual's buttons, a built download.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll } from "vitest";

/** A scratch folder for the file, removed after the test file. */
export function useScratchFolder(prefix: string): () => string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return () => folder;
}

/** The text of each page of a PDF (pages split by form feeds). */
export function pdfPages(folder: string, pdf: Uint8Array, name: string): string[] {
  const file = join(folder, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).split("\f").slice(0, -1);
}

/** The non-empty lines of a page's text, spaces squeezed. */
export const lines = (page: string) =>
  page
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter(Boolean);

/** The file a visual's image button saves (format "svg" or "png"): its suggested name and bytes. */
export async function saveImage(
  page: Page,
  group: Locator,
  format: "svg" | "png",
): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    group.locator(`[data-export-format="${format}"]`).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
}

/** A built download of a site (Framework adds a content hash to its name). */
export function builtDownload(site: string, visual: string, extension: "csv" | "xlsx"): Buffer {
  const folder = join(site, "_file", "data", "observatoire", "telechargements");
  const file = readdirSync(folder).find((f) => new RegExp(`^${visual}\\.[0-9a-f]{8}\\.${extension}$`).test(f));
  if (!file) throw new Error(`téléchargement ${visual}.${extension} absent de ${folder}`);
  return readFileSync(join(folder, file));
}

/**
 * How full each page of a PDF is: the lowest word of its body (between the 16 mm margins that
 * hold the header and the footer) as a share of the body's height, from poppler's word boxes.
 */
export function pageFill(folder: string, pdf: Uint8Array, name: string): number[] {
  const file = join(folder, `${name}-fill.pdf`);
  writeFileSync(file, pdf);
  const boxes = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  const margin = (16 / 25.4) * 72;
  return boxes
    .split("<page ")
    .slice(1)
    .map((page) => {
      const height = Number(/height="([\d.]+)"/.exec(page)![1]);
      const bottoms = [...page.matchAll(/<word [^>]*yMax="([\d.]+)"/g)]
        .map((m) => Number(m[1]))
        .filter((y) => y > margin && y < height - margin);
      return bottoms.length ? (Math.max(...bottoms) - margin) / (height - 2 * margin) : 0;
    });
}
