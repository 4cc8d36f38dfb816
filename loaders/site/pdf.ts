// `npm run pdf`: the restitution documents (Article 5: results presented to the partners; the
// ABS report). Renders every page of the built site (dist/) to PDF with headless Chromium, as
// a reader would print it: print stylesheet, tables unfolded, every map and chart drawn, the
// commentary and the source lines as real text. Needs a built site (npm run build, or
// npm run build:review for the partners' edition, whose marking the PDFs then carry).
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { basename, extname, join, normalize, relative } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { distDir, srcDir } from "../paths.ts";
import { htmlFiles } from "../common/html-files.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
  ".csv": "text/csv; charset=utf-8",
  ".png": "image/png",
};

/** A static server for the built folder, on the loopback only, for the time of the rendering. */
async function serve(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    let file = normalize(join(root, decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname)));
    if (!file.startsWith(root)) return void response.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
    if (!existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("serveur local sans port");
  return { url: `http://127.0.0.1:${address.port}`, server };
}

export interface PdfOptions {
  /** The built site (dist/ by default). */
  site?: string;
  /** Where the PDFs go (dist/restitution/ by default: readers can download them too). */
  out?: string;
  /** Page paths without extension ("personnes-agees"); every page when absent. */
  pages?: string[];
  log?: (line: string) => void;
}

/** The pages of a built site, as paths without extension ("index", "personnes-agees"). */
export function sitePages(site: string): string[] {
  return htmlFiles(site)
    .map((file) => relative(site, file).replace(/\.html$/, ""))
    .filter((page) => page !== "404" && !page.startsWith("_"))
    .sort();
}

// The print stylesheet is also injected here, so that PDFs are right even when a page does not link it.
const printCss = () => (existsSync(join(srcDir, "print.css")) ? readFileSync(join(srcDir, "print.css"), "utf8") : "");

export async function renderPdfs(options: PdfOptions = {}): Promise<string[]> {
  const site = options.site ?? distDir;
  const out = options.out ?? join(site, "restitution");
  const log = options.log ?? ((line: string) => console.log(line));
  if (!existsSync(join(site, "index.html")))
    throw new Error(
      `Aucun site construit dans ${site} : lancez d'abord « npm run build » (ou « npm run build:review »).`,
    );
  mkdirSync(out, { recursive: true });
  const { url, server } = await serve(site);
  let browser: Browser | undefined;
  const written: string[] = [];
  try {
    browser = await chromium.launch({
      executablePath: process.env.ABS_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    for (const page of options.pages ?? sitePages(site)) {
      const context = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
      const tab = await context.newPage();
      // Nothing leaves the machine: any request off the local server is refused.
      await tab.route(
        (target) =>
          !target.href.startsWith(url) && !target.protocol.startsWith("data") && !target.protocol.startsWith("blob"),
        (route) => route.abort(),
      );
      await tab.goto(`${url}/${page === "index" ? "" : page}`, { waitUntil: "networkidle" });
      // Framework renders cells asynchronously: wait until no cell is still pending or loading.
      await tab
        .waitForFunction(() => !document.querySelector(".observablehq--loading, .observablehq--pending"), undefined, {
          timeout: 30_000,
        })
        .catch(() => {});
      await tab.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
      const css = printCss();
      if (css) await tab.addStyleTag({ content: css });
      await tab.emulateMedia({ media: "print" });
      const title = await tab.title();
      const file = join(out, `${page.replaceAll("/", "-")}.pdf`);
      await tab.pdf({
        path: file,
        format: "A4",
        printBackground: true,
        margin: { top: "14mm", bottom: "16mm", left: "12mm", right: "12mm" },
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate: `<div style="font-size:8px;width:100%;padding:0 12mm;display:flex;justify-content:space-between;color:#444"><span>${escapeHtml(title)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
      });
      await context.close();
      written.push(file);
      log(`PDF : ${relative(process.cwd(), file) || basename(file)}`);
    }
  } finally {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
  }
  return written;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

if (import.meta.url === `file://${process.argv[1]}`) {
  const outAt = process.argv.indexOf("--out");
  renderPdfs(outAt > 0 ? { out: process.argv[outAt + 1] } : {})
    .then((files) => console.log(`${files.length} document(s) PDF écrit(s).`))
    .catch((error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
