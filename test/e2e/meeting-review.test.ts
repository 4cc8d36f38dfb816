// The review edition's documents (issue 19, item 5): built as the analyst does before the
// partners' meeting (npm run build:review, here into a folder of its own beside dist/), every
// document it produces says « Document de travail – diffusion restreinte »: the images saved
// from its visuals (drawn into the SVG, and in their names), every page of a printed PDF in
// its header, the dossier's cover and every one of its pages, and the downloads.
import ExcelJS from "exceljs";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { projectRoot } from "../../loaders/paths.ts";
import { reviewMarking } from "../../loaders/publish/review.ts";
import { buildSite } from "../../loaders/site/build.ts";
import { buildDossier } from "../../loaders/site/dossier.ts";
import { openPrintSession, printPage, type PrintSession } from "../../loaders/site/pdf.ts";
import { openPage, useSite } from "./browser.ts";
import { builtDownload, lines, pdfPages, saveImage, useScratchFolder } from "./meeting-documents.ts";

const reviewSite = join(projectRoot, ".tmp", "review-site");
const scratch = useScratchFolder("abs-meeting-review-");

beforeAll(async () => {
  rmSync(reviewSite, { recursive: true, force: true });
  await buildSite({ target: reviewSite, mode: "review", log: () => {} });
});
afterAll(() => rmSync(reviewSite, { recursive: true, force: true }));

describe("the review edition marks every document it produces", () => {
  const site = useSite(reviewSite);
  let session: PrintSession;
  beforeAll(async () => {
    session = await openPrintSession(reviewSite);
  });
  afterAll(async () => session?.close());

  test("an image saved from a map or a chart carries the marking, drawn in and in its name", async () => {
    const { page } = await openPage(site.browser, site.url, "/personnes-agees");
    try {
      await page.waitForSelector(".export-image");
      const groups = page.locator(".export-image");
      // The APA map, and the last image of the page (an evolution chart).
      for (const group of [groups.first(), groups.last()]) {
        const { name, bytes } = await saveImage(page, group, "svg");
        expect(name).toMatch(/-document-de-travail\.svg$/);
        const marking = /<text[^>]*class="export-marking"[^>]*>(.*?)<\/text>/s.exec(bytes.toString("utf8"))?.[1];
        expect(
          marking
            ?.replace(/<[^>]+>/g, " ")
            .replace(/\s+/g, " ")
            .trim(),
          name,
        ).toBe(reviewMarking);
        const png = await saveImage(page, group, "png");
        expect(png.name).toBe(name.replace(/\.svg$/, ".png"));
        expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([2560, 1440]);
      }
      // The downloads' names say it too.
      const names = await page
        .locator(".downloads a[download]")
        .evaluateAll((a) => a.map((l) => l.getAttribute("download")));
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(name).toMatch(/-document-de-travail\.(xlsx|csv)$/);
    } finally {
      await page.context().close();
    }
  });

  test("every page of a printed PDF carries the marking in its header", async () => {
    const { pdf } = await printPage(session, "personnes-agees");
    const pages = pdfPages(scratch(), pdf, "review-personnes-agees");
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, i) => expect(lines(text)[0], `en-tête p. ${i + 1}`).toContain(reviewMarking));
  });

  test("the dossier: the marking on its cover and on every page", async () => {
    const { entries, pdf } = await buildDossier(session, ["personnes-agees", "iris/130010101"]);
    const pages = pdfPages(scratch(), pdf, "review-dossier");
    expect(pages).toHaveLength(entries.at(-1)!.firstPage + entries.at(-1)!.pages - 1);
    // The cover says it twice: in its header and in its own box, above the title.
    const cover = lines(pages[0]!);
    expect(cover.filter((l) => l.includes(reviewMarking)).length).toBeGreaterThanOrEqual(2);
    pages.forEach((text, i) => expect(lines(text)[0], `en-tête p. ${i + 1}`).toContain(reviewMarking));
  });

  test("the downloads: the marking first in the CSV and on the first row of every XLSX sheet", async () => {
    const csv = builtDownload(reviewSite, "apa-iris-map", "csv").toString("utf8");
    expect(csv.slice(1).split("\r\n")[0]).toBe(reviewMarking);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(builtDownload(reviewSite, "apa-iris-map", "xlsx") as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThan(0);
    for (const sheet of workbook.worksheets) expect(sheet.getRow(1).getCell(1).value, sheet.name).toBe(reviewMarking);
  });
});
