/**
 * The analysts' loop in `npm run dev`: from the start of the dev server to the first map on
 * the open page, then five saves of a commentary and, for each, the time until the new text is
 * on the page (no reload). Runs over a temporary copy of the data folder, on its own port.
 * Figures only.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium } from "../test/e2e/browser.ts";
import { copyDataFolder, saveFile, startDevServer } from "../test/e2e/dev-server.ts";

const PORT = 3472;
const root = mkdtempSync(join(tmpdir(), "abs-bench-dev-"));
const data = copyDataFolder(join(root, "data"));
const header = "---\nauteur: Service observation sociale\ndate: 2017-06-20\nstatut: validé\nfictif: true\n---\n";
const started = performance.now();
const server = await startDevServer({ dataDir: data, port: PORT });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(`${server.url}/personnes-agees`, { timeout: 300_000 });
  await page.waitForSelector('section[data-visual="apa-iris-map"] svg.iris-map path[data-code]', { timeout: 300_000 });
  const firstMap = performance.now() - started;
  const times: number[] = [];
  for (const n of ["premier", "deuxième", "troisième", "quatrième", "cinquième"]) {
    const phrase = `Texte du ${n} enregistrement, la dépendance à domicile reste plus fréquente dans les quartiers les plus âgés.`;
    const saved = performance.now();
    saveFile(join(data, "commentary", "2016", "apa-iris-map.md"), `${header}${phrase}\n`);
    await page.waitForFunction((text: string) => document.body.textContent?.includes(text), phrase, {
      timeout: 60_000,
      polling: 20,
    });
    times.push(performance.now() - saved);
    // Editors do not save faster than they read: let the page settle between saves.
    await new Promise((r) => setTimeout(r, 500));
  }
  const sorted = [...times].sort((a, b) => a - b);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log("Boucle d'écriture dans npm run dev (copie temporaire de data/, cache des étapes lourdes copié)");
  console.log(`Démarrage du serveur -> adresse affichée : ${s(server.readyMs)}`);
  console.log(`Démarrage du serveur -> première carte    : ${s(firstMap)}`);
  console.log(`Enregistrement -> texte visible (5 fois)  : ${times.map(s).join(", ")}`);
  console.log(`  médiane ${s(sorted[2]!)}, maximum ${s(sorted[4]!)}`);
} finally {
  await browser.close();
  await server.stop();
  rmSync(root, { recursive: true, force: true });
}
