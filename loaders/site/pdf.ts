// `npm run pdf`: the restitution documents (Article 5: results presented to the partners; the
// ABS report). Renders every page of the built site (dist/) to PDF with headless Chromium, as
// a reader would print it: print stylesheet, tables unfolded, every map and chart drawn, the
// commentary and the source lines as real text. Needs a built site (npm run build, or
// npm run build:review for the partners' edition, whose marking the PDFs then carry).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import type { Browser } from "playwright-core";
import { distDir, srcDir } from "../paths.ts";
import { htmlFiles } from "../common/html-files.ts";
import { launchChromium, serveFolder } from "./local-browser.ts";
import { editionOf, pageAddress, printFrame, type EditionInfo } from "./print-frame.ts";

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

/** A built site served on the loopback, with its edition, for the time of a rendering. */
export interface PrintSession {
  browser: Browser;
  url: string;
  site: string;
  edition: EditionInfo;
  close: () => Promise<void>;
}

export async function openPrintSession(site = distDir): Promise<PrintSession> {
  if (!existsSync(join(site, "index.html")))
    throw new Error(
      `Aucun site construit dans ${site} : lancez d'abord « npm run build » (ou « npm run build:review »).`,
    );
  const server = await serveFolder(site);
  const browser = await launchChromium().catch(async (error) => {
    await server.close();
    throw error;
  });
  return {
    browser,
    url: server.url,
    site,
    edition: editionOf(site),
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

export const PDF_MARGIN = { top: "16mm", bottom: "16mm", left: "12mm", right: "12mm" };

/**
 * One page of the site as a reader prints it: every cell rendered, tables unfolded, the print
 * stylesheet, and the header and footer of print-frame.ts. `pageNumbers: false` for a dossier,
 * which numbers its pages across documents.
 */
export async function printPage(
  session: PrintSession,
  page: string,
  { pageNumbers = true } = {},
): Promise<{ title: string; pdf: Uint8Array }> {
  if (!existsSync(join(session.site, `${page}.html`)) && !existsSync(join(session.site, page, "index.html")))
    throw new Error(`Page introuvable dans le site construit : « ${page} » (${join(session.site, `${page}.html`)}).`);
  const context = await session.browser.newContext({ viewport: { width: 1100, height: 1400 } });
  try {
    const tab = await context.newPage();
    const { url } = session;
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
    // Framework reports no "done": wait until the page has stopped changing (or 20 s).
    // Written as a string: tsx would wrap named functions in a helper the page does not have.
    await tab.evaluate(`new Promise((resolve) => {
      let timer;
      const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(finish, 800); });
      function finish() { observer.disconnect(); resolve(); }
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      timer = setTimeout(finish, 800);
      setTimeout(finish, 20000);
    })`);
    // What a reader's "Imprimer" does (components/print.js): selections as text, tables open;
    // the page-margin boxes give way to the PDF's own header and footer.
    await tab.evaluate(() => {
      (window as unknown as { __absOwnPageFrame: boolean }).__absOwnPageFrame = true;
      window.dispatchEvent(new Event("beforeprint"));
      document.getElementById("print-page-frame")?.remove();
      document.querySelectorAll("details").forEach((d) => (d.open = true));
    });
    const css = printCss();
    if (css) await tab.addStyleTag({ content: css });
    await tab.emulateMedia({ media: "print" });
    // The page's own title, without the site's name or the marking (the header carries it).
    const title =
      (await tab
        .locator("h1")
        .first()
        .textContent({ timeout: 2000 })
        .catch(() => null)) ?? (await tab.title());
    const frame = printFrame(
      { title: title.trim(), address: pageAddress(page), edition: session.edition },
      { pageNumbers },
    );
    const pdf = await tab.pdf({
      format: "A4",
      printBackground: true,
      margin: PDF_MARGIN,
      displayHeaderFooter: true,
      ...frame,
    });
    return { title: title.trim(), pdf: new Uint8Array(pdf) };
  } finally {
    await context.close();
  }
}

export async function renderPdfs(options: PdfOptions = {}): Promise<string[]> {
  const site = options.site ?? distDir;
  const out = options.out ?? join(site, "restitution");
  const log = options.log ?? ((line: string) => console.log(line));
  const session = await openPrintSession(site);
  const written: string[] = [];
  try {
    mkdirSync(out, { recursive: true });
    for (const page of options.pages ?? sitePages(site)) {
      const { pdf } = await printPage(session, page);
      const file = join(out, `${page.replaceAll("/", "-")}.pdf`);
      writeFileSync(file, pdf);
      written.push(file);
      log(`PDF : ${relative(process.cwd(), file) || basename(file)}`);
    }
  } finally {
    await session.close();
  }
  return written;
}
