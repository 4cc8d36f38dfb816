// Shared helpers for the site tests: the site served on 127.0.0.1 and Debian's Chromium
// (loaders/site/local-browser.ts, the same as the PDF documents use), recording console
// errors and every request that does not go to the local server.
import { afterAll, beforeAll } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, serveFolder } from "../../loaders/site/local-browser.ts";

export { launchChromium, serveFolder };

export interface WatchedPage {
  page: Page;
  consoleErrors: string[];
  outsideRequests: string[];
}

export interface Viewport {
  width: number;
  height: number;
}

export async function openPage(
  browser: Browser,
  siteUrl: string,
  path: string,
  viewport: Viewport = { width: 1280, height: 1000 },
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const watched: WatchedPage = { page, consoleErrors: [], outsideRequests: [] };
  page.on("console", (message) => {
    if (message.type() === "error") watched.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => watched.consoleErrors.push(error.message));
  page.on("request", (request) => {
    if (!request.url().startsWith(siteUrl) && !request.url().startsWith("data:") && !request.url().startsWith("blob:"))
      watched.outsideRequests.push(request.url());
  });
  await page.goto(`${siteUrl}${path}`, { waitUntil: "networkidle" });
  return watched;
}

/**
 * The page drawn: its visuals render after their tables load, behind Framework's loading
 * placeholders. A wait, not a measure: the explorer starts DuckDB-wasm first, which took more
 * than 30 s on a loaded machine.
 */
export const pageReady = (page: Page) =>
  page.waitForFunction(() => !document.querySelector(".observablehq--loading"), undefined, { timeout: 90_000 });

/**
 * `path` opened in a context of its own and drawn, handed to `use`, then closed whatever
 * happened: the set-up and tear-down every page test repeated.
 */
export async function withPage<T>(
  site: { readonly url: string; readonly browser: Browser },
  path: string,
  use: (watched: WatchedPage) => Promise<T>,
  viewport?: Viewport,
): Promise<T> {
  const watched = await openPage(site.browser, site.url, path, viewport);
  try {
    await pageReady(watched.page);
    return await use(watched);
  } finally {
    await watched.page.context().close();
  }
}

/**
 * The built site served on 127.0.0.1 and a browser, opened before a test file's tests and
 * closed after them. Call it in a describe block (or at the top of the file); a beforeAll
 * registered after it sees both ready.
 */
export function useSite(root: string): { readonly url: string; readonly browser: Browser } {
  let server: Awaited<ReturnType<typeof serveFolder>> | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await serveFolder(root);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get url() {
      return server!.url;
    },
    get browser() {
      return browser!;
    },
  };
}
