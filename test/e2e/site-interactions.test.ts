// What readers do on the built site: choose another indicator and year on a map, query the
// published tables in SQL, download a table.
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { useSite, withPage } from "./browser.ts";
import { distDir, readBuiltTable, type CellRow } from "./site-files.ts";

const MENTION = "Source Le Conseil Départemental – Analyse des Besoins Sociaux du CCAS de la Ville d'Aix-en-Provence";
// Three IRIS of different parts of Aix (centre, south-west, north-east).
const NAMED_IRIS = ["130010101", "130010905", "130010801"];
const siteDir = process.env.ABS_SITE_DIR ?? distDir;

describe("readers' interactions", () => {
  const site = useSite(siteDir);

  test("choosing another indicator and year redraws three named IRIS with the published values", async () => {
    const cells: CellRow[] = await readBuiltTable("personnes-agees");
    const indicator = "apa-per-100-aged-75p";
    const year = Math.min(...cells.filter((c) => c.indicator === indicator).map((c) => c.year));
    await withPage(site, "/personnes-agees", async (watched) => {
      const panel = watched.page.locator('[data-visual="apa-iris-map"]');
      const before = await panel.locator(`svg.iris-map path[data-code="${NAMED_IRIS[0]}"]`).getAttribute("data-value");
      await panel.locator('select[name="indicator"]').selectOption(indicator);
      await panel.locator('select[name="year"]').selectOption(String(year));
      await expect.poll(() => panel.locator("svg.iris-map").getAttribute("aria-label")).toContain(`${year}`);
      const scale = await panel.locator("svg.iris-map").evaluate((svg) => ({
        thresholds: JSON.parse(svg.getAttribute("data-thresholds")!),
        colours: JSON.parse(svg.getAttribute("data-colours")!),
      }));
      let compared = 0;
      for (const code of NAMED_IRIS) {
        const cell = cells.find(
          (c) =>
            c.indicator === indicator && c.year === year && c.level === "iris" && c.code === code && c.breakdown === "",
        );
        const path = panel.locator(`svg.iris-map path[data-code="${code}"]`);
        const fill = await path.getAttribute("fill");
        if (!cell) {
          // Not in the published table: drawn as "not available", never as a value.
          expect(await path.getAttribute("data-state")).toBe("na");
          expect(fill).toBe("#d9d9d9");
          continue;
        }
        if (cell.secret) {
          expect(fill).toMatch(/^url\(#.*-secret\)$/);
          continue;
        }
        expect(Number(await path.getAttribute("data-value"))).toBe(cell!.value);
        const classIndex = scale.thresholds.filter((t: number) => cell!.value! >= t).length;
        expect(fill).toBe(cell!.value === 0 ? "#ffffff" : scale.colours[classIndex]);
        compared++;
      }
      expect(compared, "au moins une IRIS nommée non secrète").toBeGreaterThan(0);
      expect(
        await panel.locator(`svg.iris-map path[data-code="${NAMED_IRIS[0]}"]`).getAttribute("data-value"),
      ).not.toBe(before);
      const source = await panel.locator(".source-line").first().innerText();
      expect(source).toContain(MENTION);
      expect(source).toContain(`31 décembre ${year}`);
      expect(watched.consoleErrors).toEqual([]);
    });
  });

  test("the explorer answers a SQL query over the published tables", async () => {
    const cells = await readBuiltTable("personnes-agees");
    const expected = cells.filter((c) => c.indicator === "apa-beneficiaries" && c.level === "iris" && c.secret).length;
    await withPage(site, "/explorer", async (watched) => {
      await watched.page.waitForSelector(".explorer-status[data-ready='true']", { timeout: 60_000 });
      await watched.page.fill(
        "#sql",
        "SELECT count(*) AS n FROM personnes_agees WHERE indicator = 'apa-beneficiaries' AND level = 'iris' AND secret",
      );
      await watched.page.click(".explorer-form button[type=submit]");
      await watched.page.waitForSelector("#sql-result table");
      const n = await watched.page.locator("#sql-result tbody td").first().innerText();
      expect(Number(n.replace(/\s/g, ""))).toBe(expected);
      expect(watched.consoleErrors).toEqual([]);
      expect(watched.outsideRequests).toEqual([]);
    });
  });

  test("downloaded CSV and XLSX carry their source line and dates, secret cells as « s »", async () => {
    await withPage(site, "/personnes-agees", async (watched) => {
      const links = watched.page.locator('[data-visual="apa-iris-map"] .downloads a');
      const csvHref = await links.filter({ hasText: "CSV" }).getAttribute("href");
      const xlsxHref = await links.filter({ hasText: "XLSX" }).getAttribute("href");
      const base = `${site.url}/personnes-agees`;
      const csv = new Uint8Array(await (await fetch(new URL(csvHref!, base))).arrayBuffer());
      expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(csv);
      // A review build puts its marking above the table: the table starts at its header line.
      // TextDecoder drops the BOM itself (checked on the bytes above).
      const lines = text
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n");
      // The header block (title, definitions, source and dates, « s ») opens the file once.
      const tableAt = lines.findIndex((l) => l.startsWith("Indicateur;"));
      const block = lines.slice(0, tableAt).join("\n");
      expect(block).toContain(MENTION);
      expect(block).toMatch(/données au \d{2}\/\d{2}\/\d{4}/);
      expect(block).toContain("« s » : secret statistique");
      const [header, ...rows] = lines.slice(tableAt);
      expect(header).not.toContain("Source");
      expect(rows.some((r) => r.split(";")[8] === "s")).toBe(true);
      // Saved under a readable name, without Framework's hash.
      expect(await links.filter({ hasText: "CSV" }).getAttribute("download")).toMatch(
        /^apa-iris-map-2015-2016-edition-\d{4}-\d\d\.csv$/,
      );
      expect(await links.filter({ hasText: "XLSX" }).getAttribute("download")).toMatch(
        /^apa-iris-map-2015-2016-edition-\d{4}-\d\d\.xlsx$/,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await (await fetch(new URL(xlsxHref!, base))).arrayBuffer()) as ArrayBuffer);
      const first = workbook.worksheets[0]!;
      const sheetText = first.getColumn(2).values.map(String).join("\n");
      expect(sheetText).toContain(MENTION);
      expect(sheetText).toMatch(/données au \d{2}\/\d{2}\/\d{4}/);
    });
  });
});
