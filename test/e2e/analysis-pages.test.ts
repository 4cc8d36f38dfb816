// An analysis page as its readers use it: the IRIS table opens folded and unfolds with a
// French button, its download holds every row, and print media shows every row once (the map's
// own values table no longer repeats it; the printed PDFs are checked in meeting.test.ts).
// And the context download, opened from dist/: each indicator with its own unit.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { useSite, withPage } from "./browser.ts";
import { builtDownload } from "./meeting-documents.ts";
import { distDir } from "./site-files.ts";

const siteDir = process.env.ABS_SITE_DIR ?? distDir;
const BIRTHS = "/analyses/naissances-et-accueil";
const TABLE = 'section.table-panel[data-visual^="analyse-"]';

const site = useSite(siteDir);

const visibleRows = (page: Page) =>
  page
    .locator(`${TABLE} tbody tr`)
    .evaluateAll((rows) =>
      rows
        .filter((r) => (r as HTMLElement).offsetParent !== null)
        .map((r) => ({ code: r.getAttribute("data-code")!, value: r.querySelector("td.num")!.textContent!.trim() })),
    );

describe("the IRIS table of an analysis", () => {
  test("opens on 10 of the 54 IRIS, says so, and unfolds and folds again with its button", async () => {
    await withPage(site, BIRTHS, async ({ page, consoleErrors }) => {
      const table = page.locator(TABLE);
      await table.waitFor();
      expect(await table.locator("tbody tr").count()).toBe(54);
      expect(await visibleRows(page)).toHaveLength(10);
      await expect.poll(() => table.locator(".fold-note").innerText()).toContain("Affichage : 10 IRIS sur 54");
      const toggle = table.getByRole("button", { name: "Afficher les 54 IRIS" });
      expect(await toggle.getAttribute("aria-expanded")).toBe("false");
      await toggle.click();
      expect(await visibleRows(page)).toHaveLength(54);
      expect(await table.locator(".fold-toggle").innerText()).toBe("Replier le tableau");
      expect(await table.locator(".fold-toggle").getAttribute("aria-expanded")).toBe("true");
      await table.locator(".fold-toggle").click();
      expect(await visibleRows(page)).toHaveLength(10);
      expect(consoleErrors).toEqual([]);
    });
  });

  test("folded, a sort by value shows the highest IRIS: what the prose asks the reader to do", async () => {
    await withPage(site, BIRTHS, async ({ page }) => {
      const table = page.locator(TABLE);
      const number = (text: string) => Number(text.replace(/\s/g, "").replace(",", "."));
      const all = await table
        .locator("tbody tr td.num")
        .evaluateAll((cells) => cells.map((c) => c.textContent!.trim()));
      const highest = all
        .filter((t) => /^\d/.test(t))
        .map(number)
        .sort((a, b) => b - a)
        .slice(0, 10);
      const sortButton = table.locator("th button.sort").nth(2);
      await sortButton.click();
      await sortButton.click();
      expect(await table.locator("th").nth(2).getAttribute("aria-sort")).toBe("descending");
      expect((await visibleRows(page)).map((r) => number(r.value))).toEqual(highest);
    });
  });

  test("its CSV holds the 54 IRIS whatever is folded, with the source line", async () => {
    await withPage(site, BIRTHS, async ({ page }) => {
      const table = page.locator(TABLE);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        table.locator(".result-downloads button", { hasText: "CSV" }).click(),
      ]);
      const csv = readFileSync((await download.path())!, "utf8");
      const codes = csv.match(/;1300\d{5};/g) ?? [];
      expect(new Set(codes).size).toBe(54);
      expect(csv).toContain("Source Le Conseil Départemental");
      expect(csv).toContain("births-per-1000");
    });
  });

  test("printed, the table shows its 54 rows, and the map of the same values leaves its own table out", async () => {
    await withPage(site, BIRTHS, async ({ page }) => {
      await page.locator(TABLE).waitFor();
      await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
      await page.emulateMedia({ media: "print" });
      expect(await visibleRows(page)).toHaveLength(54);
      expect(await page.locator(`${TABLE} .fold-note`).isVisible()).toBe(false);
      const mapTables = await page.locator("section.map-panel").evaluateAll((panels) =>
        panels.map((p) => ({
          indicator: (p as HTMLElement & { selection: { indicator: string } }).selection.indicator,
          printed: [...p.querySelectorAll("details")].some((d) => (d as HTMLElement).offsetParent !== null),
        })),
      );
      expect(mapTables).toEqual([
        { indicator: "births-per-1000", printed: false },
        { indicator: "childminder-coverage-under-3", printed: true },
      ]);
    });
  });
});

describe("key figures in print", () => {
  test("side by side as on a wide screen: stacked, they pushed the page's map further down", async () => {
    await withPage(site, "/analyses/vieillir-a-domicile", async ({ page }) => {
      await page.locator(".key-figure").first().waitFor();
      await page.emulateMedia({ media: "print" });
      await page.setViewportSize({ width: 703, height: 1000 });
      const tops = await page
        .locator(".key-figure")
        .evaluateAll((cards) => cards.map((c) => Math.round(c.getBoundingClientRect().top)));
      expect(tops).toHaveLength(2);
      expect(tops[0]).toBe(tops[1]);
    });
  });
});

describe("the context download (Portrait du territoire)", () => {
  test("the built XLSX gives the median income in euros, not the childminders' « places ou enfants »", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(builtDownload(siteDir, "contexte-iris-map", "xlsx") as unknown as ArrayBuffer);
    const unitOf = (label: RegExp) => {
      const sheet = workbook.worksheets.find((s) =>
        s.getRows(1, 6)?.some((r) => r.getCell(1).text === "Libellé" && label.test(r.getCell(2).text)),
      );
      return sheet
        ?.getRows(1, 8)
        ?.find((r) => r.getCell(1).text === "Unité")
        ?.getCell(2).text;
    };
    expect(unitOf(/^Revenu disponible médian/)).toBe("euros par an et par unité de consommation");
    expect(unitOf(/^Taux de pauvreté/)).toBe("% des personnes");
    expect(unitOf(/^Allocataires du RSA/)).toBe("effectif (foyers allocataires)");
    const csv = builtDownload(siteDir, "contexte-iris-map", "csv").toString("utf8");
    expect(csv).not.toContain("places ou enfants");
  });
});
