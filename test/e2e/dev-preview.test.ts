// The analysts' live preview: `npm run dev` driven in Chromium over a temporary copy of the
// data folder. A saved commentary reaches the open page within 2 s with no reload; a citation
// of a secret cell shows the French error on the page; an export left in data/exports/ is
// still there, byte for byte, once the preview is stopped with Ctrl-C (and nothing outlives it).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { copyDataFolder, saveFile, secretCitation, startDevServer, type DevServer } from "./dev-server.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

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
    browser = await launchBrowser();
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

  test("a saved commentary appears on the open page within 2 s, without a reload", async () => {
    const phrase =
      "Texte modifié pendant la séance de travail : les quartiers du nord concentrent la dépendance à domicile.";
    const saved = performance.now();
    saveFile(join(data, ...COMMENTARY), `${header}${phrase} La lecture IRIS par IRIS reste prudente en 2016.\n`);
    await page.waitForFunction(
      (text) =>
        [...document.querySelectorAll('section[data-visual="apa-iris-map"] .commentary')].some((e) =>
          e.textContent?.includes(text),
        ),
      phrase,
      { timeout: 10_000, polling: 50 },
    );
    const elapsed = performance.now() - saved;
    console.log(`aperçu : commentaire visible ${Math.round(elapsed)} ms après l'enregistrement`);
    expect(elapsed).toBeLessThan(2000);
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
