// The analysts' live preview: `npm run dev` driven in Chromium over a temporary copy of the
// data folder. A saved commentary reaches the open page within 2 s with no reload; a citation
// of a secret cell shows the French error on the page; an export left in data/exports/ is
// still there, byte for byte, once the preview is stopped with Ctrl-C (and nothing outlives it).
// The Atelier lists every text's status and file; clicking a zone gives the {{…}} reference.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./browser.ts";
import { copyDataFolder, saveFile, secretCitation, startDevServer, type DevServer } from "./dev-server.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";
import { projectRoot } from "../../loaders/paths.ts";

const PORT = 3471;
const COMMENTARY = ["commentary", "2016", "apa-iris-map.md"];
const header = "---\nauteur: Service observation sociale\ndate: 2017-06-20\nstatut: validé\nfictif: true\n---\n";
// A waiting export: the preview must name it and never ingest or delete it.
const EXPORT = ["exports", "2016", "apa-domicile.csv"];
const EXPORT_TEXT = "Identifiant;Nom;Adresse\n";

describe("npm run dev (aperçu en direct)", () => {
  const data = copyDataFolder(join(useTempDir("abs-dev-"), "data"));
  let server: DevServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    saveFile(join(data, ...EXPORT), EXPORT_TEXT);
    server = await startDevServer({ dataDir: data, port: PORT });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${server.url}/personnes-agees`);
    await page.waitForSelector('section[data-visual="apa-iris-map"] svg.iris-map path[data-code]', {
      timeout: 120_000,
    });
    // Marks this document: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { absMark: number }).absMark = 1));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const commentaryText = () =>
    page.locator('section[data-visual="apa-iris-map"] .commentary').first().innerText({ timeout: 1000 });

  test("the page names the waiting export and the command that ingests it", async () => {
    const notice = await page.locator(".preview-notices").first().innerText();
    expect(notice).toContain("1 export(s) en attente dans data/exports/");
    expect(notice).toContain("npm run abs -- ingest");
    expect(server.output()).toContain("npm run abs -- ingest");
  });

  test("switching the breakdown switches to its own commentary", async () => {
    const panel = page.locator('section[data-visual="apa-iris-map"]');
    await panel.locator('select[name="indicator"]').selectOption("apa-beneficiaries");
    const general = await commentaryText();
    await panel.locator('select[name="category"]').selectOption("sex|F");
    expect(await commentaryText()).toContain("les femmes représentent la grande majorité");
    await panel.locator('select[name="category"]').selectOption("gir|1-2");
    expect(await commentaryText()).toContain("distingue la dépendance lourde");
    await panel.locator('select[name="category"]').selectOption("");
    expect(await commentaryText()).toBe(general);
    expect(general).not.toContain("femmes représentent");
  });

  test("an analysis page embeds its map and comparison, with numbers cited from published cells", async () => {
    const analysis = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await analysis.goto(`${server.url}/analyses/vieillir-a-domicile`);
    await analysis.waitForSelector("article.analysis section.map-panel svg.iris-map path[data-code]", {
      timeout: 60_000,
    });
    const text = await analysis.locator("article.analysis").innerText();
    expect(text).toContain("Vieillir à domicile");
    expect(text).not.toContain("{{");
    expect(text).toMatch(/Aix compte \d+,\d bénéficiaires/);
    expect(await analysis.locator("article.analysis .map-panel").count()).toBe(2);
    expect(await analysis.locator("article.analysis .comparison-panel table.comparison-table").count()).toBe(1);
    expect(await analysis.locator("article.analysis .source-line").count()).toBeGreaterThanOrEqual(3);
    // The key figures directive: one card per count, with its source line (the cards' own).
    expect(await analysis.locator("article.analysis .key-figures-panel .key-figure").count()).toBe(2);
    expect(await analysis.locator("article.analysis .key-figures-panel .source-line").count()).toBe(1);
    // French typography: the title never breaks before its colon.
    expect(await analysis.locator("article.analysis h1").innerText()).toContain("domicile\u00a0: dépendance");
    await analysis.screenshot({ path: join(projectRoot, ".tmp", "analyse-dev-1280.png"), fullPage: false });
    await analysis.close();
  });

  test("an IRIS profile opens at its own address, as in the built site (which copies one page)", async () => {
    const profile = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await profile.goto(`${server.url}/iris/130010704`);
      await profile.waitForSelector(".iris-profile table", { timeout: 60_000 });
      expect(await profile.locator("h1").innerText()).toContain("Jas 3");
      expect(await profile.locator(".locator-map path.highlighted").getAttribute("data-code")).toBe("130010704");
    } finally {
      await profile.close();
    }
  });

  test("the Atelier lists each visual's and analysis page's status and file; the menu links to it", async () => {
    const atelier = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await atelier.goto(`${server.url}/atelier/commentaires`);
    await atelier.waitForSelector("table.workshop-table tbody tr", { timeout: 60_000 });
    const row = atelier.locator('table.workshop-table tr[data-id="apa-iris-map"][data-year="2016"]').first();
    expect(await row.getAttribute("data-status")).toBe("validé");
    expect(await row.innerText()).toContain("data/commentary/2016/apa-iris-map.md");
    const analysis = atelier.locator('table.workshop-table tr[data-id="vieillir-a-domicile"]');
    expect(await analysis.innerText()).toContain("data/analyses/2016/vieillir-a-domicile.md");
    expect(await atelier.locator("table.workshop-table td.status").allInnerTexts()).toEqual(
      expect.arrayContaining(["validé"]),
    );
    expect(await atelier.locator("#observablehq-sidebar a", { hasText: /^Atelier$/ }).count()).toBe(1);
    await atelier.close();
  });

  test("clicking a zone shows its {{…}} reference to paste, with a copy button, and stays on the page", async () => {
    const panel = page.locator('section[data-visual="apa-iris-map"]');
    await panel.locator('select[name="indicator"]').selectOption("apa-per-100-aged-75p");
    await panel.locator('path.zone[data-state="value"]').first().click();
    const reference = await page.locator(".citation-helper code.citation-reference").innerText({ timeout: 5000 });
    expect(reference).toMatch(/^\{\{apa-per-100-aged-75p\|iris\|\d{9}\|\d{4}\}\}$/);
    await page.locator(".citation-helper button.citation-copy").click();
    expect(await page.locator(".citation-helper button.citation-copy").innerText()).toMatch(/^(Copiée|Sélectionnée)/);
    // A secret zone: no reference to copy, the reason instead.
    const secret = panel.locator('path.zone[data-state="secret"]');
    if ((await secret.count()) > 0) {
      await secret.first().click({ force: true });
      expect(await page.locator(".citation-helper .citation-secret").innerText()).toMatch(/secret statistique/);
      expect(await page.locator(".citation-helper code.citation-reference").count()).toBe(0);
    }
    expect(new URL(page.url()).pathname).toBe("/personnes-agees");
    expect(await page.evaluate(() => (window as unknown as { absMark?: number }).absMark)).toBe(1);
    // Back to the view the next tests edit (the rate has a focused commentary of its own).
    await page.locator(".citation-helper button", { hasText: "Fermer" }).click();
    await panel.locator('select[name="indicator"]').selectOption("apa-beneficiaries");
  });

  test("a saved commentary appears on the open page within seconds (target 2 s), without a reload", async () => {
    // Three saves. Target: under 2 s (bench/dev-loop.ts prints the median and maximum); this test
    // guards against a regression at twice that, since six sessions share two cores here and
    // measured 1.6 to 3.0 s. A reload or a restart would take 10 s or more.
    const times: number[] = [];
    for (const n of ["première", "deuxième", "troisième"]) {
      // No « : » in the phrase: the rendered text has a no-break space before it (french-typography.ts).
      const phrase = `Texte de la ${n} séance de travail, les quartiers du nord concentrent la dépendance à domicile.`;
      const saved = performance.now();
      saveFile(join(data, ...COMMENTARY), `${header}${phrase} La lecture IRIS par IRIS reste prudente en 2016.\n`);
      await page.waitForFunction(
        (text) =>
          [...document.querySelectorAll('section[data-visual="apa-iris-map"] .commentary')].some((e) =>
            e.textContent?.includes(text),
          ),
        phrase,
        { timeout: 10_000, polling: 20 },
      );
      times.push(performance.now() - saved);
      await new Promise((r) => setTimeout(r, 300));
    }
    console.log(`aperçu : commentaire visible ${times.map((t) => Math.round(t)).join(", ")} ms après l'enregistrement`);
    expect(Math.max(...times)).toBeLessThan(4000);
    expect(await page.evaluate(() => (window as unknown as { absMark?: number }).absMark)).toBe(1);
  });

  test("a citation of a secret cell shows the French error on the page, not the text", async () => {
    const citation = await secretCitation("personnes-agees", "apa-beneficiaries", 2016);
    const phrase = "Ce texte cite une case secrète et ne doit jamais paraître";
    saveFile(
      join(data, ...COMMENTARY),
      `${header}${phrase} : ${citation} bénéficiaires dans cet IRIS, ce qui ne peut pas être publié.\n`,
    );
    await page.waitForFunction(
      () => document.querySelector(".preview-notices")?.textContent?.includes("reference-secrete"),
      null,
      { timeout: 10_000, polling: 50 },
    );
    const notice = await page.locator(".preview-notices").first().innerText();
    expect(notice).toContain(join("commentary", "2016", "apa-iris-map.md"));
    expect(notice).toMatch(/secret/);
    expect(notice).toMatch(/ligne \d+/);
    expect(await commentaryText()).toContain("À commenter");
    expect(await page.content()).not.toContain(phrase);
    expect(await page.evaluate(() => (window as unknown as { absMark?: number }).absMark)).toBe(1);
  });

  test("Ctrl-C stops every process of the preview; the waiting export is untouched", async () => {
    await browser.close();
    await server.stop();
    expect(server.groupAlive()).toBe(false);
    expect(existsSync(join(data, ...EXPORT))).toBe(true);
    expect(readFileSync(join(data, ...EXPORT), "utf8")).toBe(EXPORT_TEXT);
  });
});
