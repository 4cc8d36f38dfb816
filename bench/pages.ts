// Prints, for each page of the built site, the bytes transferred and the time to the first
// drawn map (or to the page's first visual) in headless Chromium. Figures only, no assertion.
// Usage: npx tsx bench/pages.ts [site folder, default dist/]
import { launchChromium, serveFolder } from "../test/e2e/browser.ts";
import { SITE_PAGES } from "../test/e2e/site-files.ts";
import { distDir } from "../loaders/paths.ts";

const PAGES = process.env.ABS_BENCH_PAGES?.split(",") ?? SITE_PAGES;
const root = process.argv[2] ?? distDir;
const server = await serveFolder(root);
console.log("page\toctets transférés\tpremière carte (ms)\tpremier visuel (ms)");
try {
  for (const path of PAGES) {
    // A browser per page: the explorer's 35 MB DuckDB-wasm worker can take its browser down
    // on close, and no page should inherit another's cache anyway.
    const browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    let bytes = 0;
    // Context-wide, so that the worker's requests (DuckDB-wasm) are counted too.
    // Sizes from the network layer: reading the 35 MB DuckDB-wasm body back into Node is what
    // crashed the explorer's run.
    context.on("requestfinished", async (request) => {
      const sizes = await request.sizes().catch(() => null);
      if (sizes) bytes += sizes.responseBodySize;
    });
    const started = Date.now();
    await page.goto(`${server.url}${path}`);
    const time = async (selector: string) =>
      page
        .waitForSelector(selector, { timeout: 60_000 })
        .then(() => Date.now() - started)
        .catch(() => null);
    const [map, visual] = await Promise.all([
      time("svg.iris-map path[data-code], svg.commune-map path[data-code]"),
      time("[data-visual], .explorer-status[data-ready='true'], dl.definitions"),
    ]);
    await page.waitForLoadState("networkidle").catch(() => {});
    console.log(`${path}\t${bytes.toLocaleString("fr-FR")}\t${map ?? "—"}\t${visual ?? "—"}`);
    await browser.close().catch(() => {});
  }
} finally {
  await server.close();
}
