// What partners take away from the sample site (issue 19), used as the analyst preparing the
// annual meeting would: every map and chart saved as SVG and PNG, each thematic page printed
// to PDF, the default meeting dossier, and the downloads reopened as a partner would.
import ExcelJS from "exceljs";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildDossier, DEFAULT_DOSSIER } from "../../loaders/site/dossier.ts";
import { openPrintSession, printPage, type PrintSession } from "../../loaders/site/pdf.ts";
import { openPage, useSite } from "./browser.ts";
import {
  builtDownload,
  lines,
  pageFill,
  pdfPages as pdfText,
  saveImage,
  useScratchFolder,
} from "./meeting-documents.ts";
import { distDir } from "./site-files.ts";

const siteDir = process.env.ABS_SITE_DIR ?? distDir;
const THEMATIC = [
  "personnes-agees",
  "petite-enfance",
  "enfance-famille",
  "handicap",
  "aides-financieres",
  "portrait-territoire",
];
const MENTION = "Source Le Conseil Départemental – Analyse des Besoins Sociaux du CCAS de la Ville d'Aix-en-Provence";
const scratch = useScratchFolder("abs-meeting-");
const pdfPages = (pdf: Uint8Array, name: string) => pdfText(scratch(), pdf, name);
const squeeze = (text: string) => text.replace(/\s+/g, "");
/** « what and when »: the visual, the year(s) of its data, the edition's month; never a hash. */
const DATED = /^[a-z0-9-]+-\d{4}(-\d{4})?(-[a-z]+)?-edition-\d{4}-\d{2}\.(svg|png|xlsx|csv)$/;

describe("images for slides and reports", () => {
  const site = useSite(siteDir);

  test.each(THEMATIC)(
    "every map and chart of %s saves as SVG and PNG: legend and source drawn in, no text outside",
    async (path) => {
      const watched = await openPage(site.browser, site.url, `/${path}`);
      const { page } = watched;
      try {
        await page.waitForSelector(".export-image", { timeout: 30_000 });
        const groups = page.locator(".export-image");
        const count = await groups.count();
        expect(count, `images de ${path}`).toBeGreaterThan(0);
        for (let i = 0; i < count; i++) {
          const group = groups.nth(i);
          const legend = await group.evaluate((box) =>
            [...(box.parentElement?.querySelectorAll(".map-legend li") ?? [])].map((li) =>
              li.textContent!.replace(/\s+/g, " ").trim(),
            ),
          );
          const saved = await saveImage(page, group, "svg");
          const svg = saved.bytes.toString("utf8");
          const { name: pngName, bytes: png } = await saveImage(page, group, "png");
          expect(saved.name).toMatch(DATED);
          expect(pngName).toBe(saved.name.replace(/\.svg$/, ".png"));
          // The PNG: a real PNG at twice the slide's size.
          expect([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join("")).toBe("PNG");
          expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([2560, 1440]);
          // The SVG: drawn alone in a blank page, every text box lies inside the 1280 × 720 image.
          const check = await site.browser.newPage();
          try {
            await check.setContent(
              `<!DOCTYPE html><html><body style="margin:0">${svg.replace(/^<\?xml[^>]*>/, "")}</body></html>`,
            );
            const report = await check.evaluate(() => {
              const root = document.querySelector("body > svg") as SVGSVGElement;
              const frame = root.getBoundingClientRect();
              const texts = [...root.querySelectorAll("text")].filter(
                (t) => t.textContent!.trim() && t.getBoundingClientRect().width > 0,
              );
              const outside = texts
                .map((t) => ({ text: t.textContent!.trim(), box: t.getBoundingClientRect() }))
                .filter(
                  ({ box }) =>
                    box.left < frame.left - 0.5 ||
                    box.top < frame.top - 0.5 ||
                    box.right > frame.right + 0.5 ||
                    box.bottom > frame.bottom + 0.5,
                )
                .map(({ text }) => text);
              const part = (selector: string) =>
                [...root.querySelectorAll(selector)].map((t) => t.textContent!).join(" ");
              // Shapes painted by the site's stylesheet keep their paint in a file opened alone:
              // a map's zones and neighbouring communes are never drawn black.
              const shapes = [...root.querySelectorAll(".export-drawing path.zone, .export-drawing path.context-zone")];
              const black = shapes.filter((p) => getComputedStyle(p).fill === "rgb(0, 0, 0)").length;
              return {
                shapes: shapes.length,
                black,
                width: frame.width,
                height: frame.height,
                outside,
                source: part(".export-source"),
                legend: part(".export-legend-label"),
                title: part(".export-title"),
              };
            });
            expect([report.width, report.height]).toEqual([1280, 720]);
            expect(report.outside, `textes hors de l'image ${saved.name}`).toEqual([]);
            expect(report.black, `zones noires dans ${saved.name}`).toBe(0);
            if (legend.length) expect(report.shapes, `zones de la carte ${saved.name}`).toBeGreaterThan(10);
            expect(report.title.length).toBeGreaterThan(0);
            expect(report.source).toMatch(/Données au \d/);
            expect(report.source).toMatch(
              path === "portrait-territoire" ? /Licence Ouverte/ : /Source Le Conseil Départemental/,
            );
            expect(report.legend).toContain("Unité :");
            for (const label of legend) expect(squeeze(report.legend)).toContain(squeeze(label));
          } finally {
            await check.close();
          }
        }
      } finally {
        await page.context().close();
      }
    },
  );
});

describe("print and the meeting dossier", () => {
  let session: PrintSession;
  beforeAll(async () => {
    session = await openPrintSession(siteDir);
  });
  afterAll(async () => session?.close());

  test("no <select> is visible in print media; the choices print as text", async () => {
    const context = await session.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${session.url}/personnes-agees`, { waitUntil: "networkidle" });
      await page.waitForSelector(".panel-controls select");
      await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
      await page.emulateMedia({ media: "print" });
      const shown = await page.evaluate(() => ({
        selects: [...document.querySelectorAll("select")].filter((s) => s.checkVisibility()).length,
        lines: [...document.querySelectorAll(".print-selection")]
          .filter((p) => p.checkVisibility())
          .map((p) => p.textContent),
        closed: document.querySelectorAll("details:not([open])").length,
        frame: document.getElementById("print-page-frame")?.textContent ?? "",
      }));
      expect(shown.selects).toBe(0);
      expect(shown.lines[0]).toMatch(/^Indicateur : .+ · Année d'observation : \d{4}/);
      // A choice left empty says nothing: no « IRIS : (aucun) », no line ending on « · » or « : ».
      for (const line of shown.lines) expect(line).not.toMatch(/(·|:)\s*$|\(aucun\)/);
      expect(shown.closed).toBe(0);
      expect(shown.frame).toContain("Personnes âgées");
      expect(shown.frame).toMatch(/Édition du \d/);
    } finally {
      await context.close();
    }
  });

  test.each(THEMATIC)(
    "%s printed: each source line on its visual's page, no page ends with a heading, title, date and address on every page",
    async (path) => {
      const { title, pdf } = await printPage(session, path);
      const pages = pdfPages(pdf, path);
      const fill = pageFill(scratch(), pdf, path);
      const context = await session.browser.newContext();
      const page = await context.newPage();
      await page.goto(`${session.url}/${path}`, { waitUntil: "networkidle" });
      const headings = await page.locator("#observablehq-main h2, #observablehq-main h3").allTextContents();
      await context.close();
      pages.forEach((text, i) => {
        const content = lines(text);
        // The header line (marking, title) first; the footer line (edition, address, n / N) last.
        expect(content[0], `en-tête p. ${i + 1}`).toContain(title);
        expect(content.at(-1), `pied p. ${i + 1}`).toMatch(
          new RegExp(`Édition du .* /${path} \\d+ ?/ ?${pages.length}$`),
        );
        const body = content.slice(1, -1);
        expect(
          headings.map((h) => h.replace(/\s+/g, " ").trim()),
          `p. ${i + 1} finit par un titre`,
        ).not.toContain(body.at(-1));
        // A source line never opens a page: it would be cut from the visual above it.
        expect(body[0] ?? "", `p. ${i + 1} commence par une source`).not.toMatch(
          /^(Source Le Conseil|INSEE|CNAF|.*Données au)/,
        );
        // Pages fill: at least half full, unless the next page opens a section whose visual
        // could not fit below (a map is never cut). Keeping whole sections together left the
        // first page of « Personnes âgées » two-thirds empty. A third at least: since a section's
        // introduction follows its map, a map group that cannot fit leaves 37-42 % on a page;
        // with the département-scale sample, « Petite enfance » leaves 30 % before such a group.
        const next = lines(pages[i + 1] ?? "").slice(1, -1)[0] ?? "";
        if (i < pages.length - 1 && !headings.some((h) => h.replace(/\s+/g, " ").trim() === next))
          expect(fill[i], `p. ${i + 1} remplie à ${Math.round(fill[i]! * 100)} %`).toBeGreaterThanOrEqual(0.3);
        // A map's legend and its source line share a page.
        if (body.some((l) => l.includes("non disponible") && l.includes("secret statistique")))
          expect(body.join(" "), `source de la carte p. ${i + 1}`).toMatch(/Données au \d/);
      });
    },
  );

  test("an IRIS profile printed: its themes flow from page to page, every page but the last nearly full", async () => {
    const { pdf } = await printPage(session, "iris/130010101");
    const fill = pageFill(scratch(), pdf, "iris-130010101");
    expect(fill.length).toBeGreaterThan(1);
    fill
      .slice(0, -1)
      .forEach((share, i) =>
        expect(share, `p. ${i + 1} remplie à ${Math.round(share * 100)} %`).toBeGreaterThanOrEqual(0.8),
      );
    // The links to the site's maps are navigation: they do not print (they made a page of their own).
    expect(pdfPages(pdf, "iris-130010101").join("\n")).not.toContain("Voir l'IRIS sur les cartes");
  });

  test("each IRIS code prints twice in « Naissances et accueil »: the ::tableau and the other map's table", async () => {
    const { pdf } = await printPage(session, "analyses/naissances-et-accueil");
    const text = pdfPages(pdf, "naissances").join("\n");
    for (const code of ["130010908", "130010101", "130010906"])
      expect(text.match(new RegExp(code, "g"))?.length, code).toBe(2);
    expect(text).not.toContain("Télécharger ce tableau");
    expect(text).not.toContain("Afficher les 54 IRIS");
  });

  test("« Vieillir à domicile » printed: the comparison flows under its prose, the ranking on the next page, each part with its source", async () => {
    const { pdf } = await printPage(session, "analyses/vieillir-a-domicile");
    const pages = pdfPages(pdf, "vieillir").map((p) => p.replace(/\s+/g, " "));
    expect(pages[0]).toContain("Bénéficiaires du FSL");
    expect(pages[0]).toMatch(/Données au \d/);
    // The caption above the ranking glued the zones, their table and the page-tall ranking into
    // one block: it printed on a page of its own, after a page two-thirds empty.
    const zones = pages.findIndex((p) => p.includes("zones choisies, sur la même échelle"));
    expect(zones).toBeGreaterThan(0);
    expect(pages[zones]).toContain("La comparaison situe la commune");
    expect(pages[zones]).toMatch(/Données au \d/);
    const ranking = pages.findIndex((p) => p.includes("Classement des"));
    expect(ranking).toBe(zones + 1);
    expect(pages[ranking]).toMatch(/Données au \d/);
  });

  test("the default dossier: its table of contents gives each page's right number; every page shows the edition date", async () => {
    const { entries, pdf } = await buildDossier(session, DEFAULT_DOSSIER);
    const pages = pdfPages(pdf, "dossier");
    expect(entries.map((e) => e.page)).toEqual(DEFAULT_DOSSIER);
    const last = entries.at(-1)!;
    expect(pages).toHaveLength(last.firstPage + last.pages - 1);
    // The cover: edition, partners, Article 7's mention.
    const cover = pages[0]!.replace(/\s+/g, " ");
    expect(cover).toContain("Conseil Départemental des Bouches-du-Rhône");
    expect(cover).toContain(
      "« Source Le Conseil Départemental – Analyse des Besoins Sociaux du CCAS de la Ville d'Aix-en-Provence »",
    );
    expect(cover).toMatch(/Édition du \d/);
    // The table of contents, read from the PDF: "Title ........ N".
    const toc = lines(pages.slice(1, entries[0]!.firstPage - 1).join("\n"))
      .map((l) => /^(.+?) (\d+)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null && entries.some((e) => e.title === m[1]))
      .map((m) => ({ title: m[1]!, page: Number(m[2]) }));
    expect(toc).toEqual(entries.map((e) => ({ title: e.title, page: e.firstPage })));
    for (const { title, page } of toc) {
      expect(lines(pages[page - 1]!)[0], `page ${page}`).toContain(title);
      if (page > 2) expect(lines(pages[page - 2]!)[0], `page ${page - 1}`).not.toBe(lines(pages[page - 1]!)[0]);
    }
    pages.forEach((text, i) => {
      expect(text, `date d'édition p. ${i + 1}`).toMatch(/Édition du \d/);
      expect(lines(text).at(-1), `numéro p. ${i + 1}`).toMatch(new RegExp(`${i + 1} / ${pages.length}$`));
    });
  });
});

describe("downloads a person can use", () => {
  const site = useSite(siteDir);

  test("each visual's links save files named by what and when, without a hash", async () => {
    const { page } = await openPage(site.browser, site.url, "/personnes-agees");
    try {
      await page.waitForSelector(".downloads a[download]");
      const names = await page
        .locator(".downloads a[download]")
        .evaluateAll((links) => links.map((a) => [a.getAttribute("download"), a.getAttribute("href")]));
      expect(names.length).toBeGreaterThanOrEqual(8);
      for (const [name, href] of names) {
        expect(name).toMatch(DATED);
        expect(name).not.toMatch(/\.[0-9a-f]{8}\./);
        expect(href!.split("/").pop()!.split(".")[0], `${name}`).toBe(name!.replace(/-\d{4}.*$/, ""));
      }
      // The map's files cover its two years.
      expect(names.map(([n]) => n)).toContainEqual(expect.stringMatching(/^apa-iris-map-2015-2016-edition-.*\.xlsx$/));
    } finally {
      await page.context().close();
    }
  });

  test("the wide XLSX of the APA map: one row per IRIS, one column per year, « s » where secret, header block, no formula", async () => {
    const data = join(siteDir, "_file", "data", "observatoire");
    const topology = JSON.parse(
      readFileSync(
        join(
          data,
          readdirSync(data).find((f) => f.startsWith("iris."))!,
        ),
        "utf8",
      ),
    );
    const irisCount = topology.objects.iris.geometries.length;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(builtDownload(siteDir, "apa-iris-map", "xlsx") as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThan(1);
    const sheet = workbook.getWorksheet("Bénéficiaires de l'APA à domici")!;
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    const headerAt = rows.findIndex((r) => r[0] === "Niveau");
    const block = rows
      .slice(0, headerAt)
      .map((r) => r.join(" "))
      .join("\n");
    for (const field of ["Titre", "Libellé", "Définition", "Unité", "Source", "Secret"]) expect(block).toContain(field);
    expect(block).toContain(MENTION);
    expect(block).toMatch(/données au \d{2}\/\d{2}\/\d{4}/);
    expect(block).toMatch(/« s »/);
    const header = rows[headerAt]!.map(String);
    const yearColumns = header.filter((h) => /^\d{4}$/.test(h));
    expect(header.slice(0, 3)).toEqual(["Niveau", "Code", "Zone"]);
    expect(yearColumns).toEqual(["2015", "2016"]);
    const body = rows.slice(headerAt + 1);
    expect(body).toHaveLength(irisCount);
    expect(new Set(body.map((r) => r[1])).size).toBe(irisCount);
    expect(body.every((r) => r[0] === "IRIS")).toBe(true);
    const values = body.flatMap((r) => r.slice(3, 3 + yearColumns.length));
    expect(values).toContain("s");
    expect(values.every((v) => v === "s" || typeof v === "number" || v === null || v === undefined)).toBe(true);
    for (const each of workbook.worksheets)
      each.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  test("each visual's XLSX holds that visual's zones only: the evolution, the commune and the département", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(builtDownload(siteDir, "personnes-agees-evolution", "xlsx") as unknown as ArrayBuffer);
    for (const sheet of workbook.worksheets) {
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      const body = rows.slice(rows.findIndex((r) => r[0] === "Niveau") + 1);
      expect(
        body.map((r) => `${r[0]} ${r[2]}`),
        sheet.name,
      ).toEqual(["Commune Aix-en-Provence", "Département Bouches-du-Rhône"]);
    }
  });

  test("the long CSV of the APA map: the header block once, then one row per cell, the source never repeated", () => {
    const text = builtDownload(siteDir, "apa-iris-map", "csv").toString("utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows = text
      .slice(1)
      .split("\r\n")
      .filter((l) => l !== "");
    const headerAt = rows.findIndex((r) => r.startsWith("Indicateur;Libellé;Année;Niveau;Code;Zone"));
    expect(headerAt).toBeGreaterThan(3);
    const block = rows.slice(0, headerAt).join("\n");
    expect(block).toMatch(/^Titre;/m);
    expect(block).toContain(MENTION);
    expect(block).toMatch(/données au \d{2}\/\d{2}\/\d{4}/);
    expect(block).toMatch(/^Secret;.*« s »/m);
    const body = rows.slice(headerAt + 1).map((r) => r.split(";"));
    const columns = rows[headerAt]!.split(";").length;
    expect(body.length).toBeGreaterThan(100);
    expect(body.every((r) => r.length === columns)).toBe(true);
    expect(body.every((r) => r[3] === "IRIS")).toBe(true);
    expect(body.some((r) => r[8] === "s")).toBe(true);
    expect(body.every((r) => !r.join(";").includes("Source"))).toBe(true);
    // Numbers in French: a decimal comma, never a point.
    expect(body.some((r) => /^\d+,\d+$/.test(r[8]!))).toBe(true);
    expect(body.every((r) => !/^\d+\.\d+$/.test(r[8]!))).toBe(true);
  });
});
