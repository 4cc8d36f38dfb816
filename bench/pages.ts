// Prints, for each page of the built site, the bytes transferred and the time to the first
// drawn map (or to the page's first visual) in headless Chromium. Figures only, no assertion.
// Usage: npx tsx bench/pages.ts [site folder, default dist/]
import { launchBrowser, serveFolder } from "../test/e2e/browser.ts";
import { distDir } from "../loaders/build/paths.ts";

const PAGES = process.env.ABS_BENCH_PAGES?.split(",") ?? ["/", "/petite-enfance", "/personnes-agees", "/handicap", "/enfance-famille", "/aides-financieres", "/portrait-territoire", "/explorer", "/methodologie"];
const root = process.argv[2] ?? distDir;
const server = await serveFolder(root);
const browser = await launchBrowser();
console.log("page\toctets transférés\tpremière carte (ms)\tpremier visuel (ms)");
try {
  for (const path of PAGES) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    let bytes = 0;
    // Context-wide, so that the worker's requests (DuckDB-wasm) are counted too.
    context.on("response", async (response) => {
      const body = await response.body().catch(() => null);
      if (body) bytes += body.length;
    });
    const started = Date.now();
    await page.goto(`${server.url}${path}`);
    const time = async (selector: string) => page.waitForSelector(selector, { timeout: 60_000 }).then(() => Date.now() - started).catch(() => null);
    const [map, visual] = await Promise.all([time("svg.iris-map path[data-code], svg.commune-map path[data-code]"), time("[data-visual], .explorer-status[data-ready='true'], dl.definitions")]);
    await page.waitForLoadState("networkidle");
    console.log(`${path}\t${bytes.toLocaleString("fr-FR")}\t${map ?? "—"}\t${visual ?? "—"}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
