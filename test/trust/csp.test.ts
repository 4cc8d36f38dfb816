// The Content-Security-Policy, on a fixture site built by the real Framework and opened in
// the real Chromium: Framework's own inline scripts run (their hashes are in the policy) and
// raise no violation; a script added after the build, an image or a request to another
// origin, and WebAssembly compiled outside the explorer page are refused and reported through
// `securitypolicyviolation` events.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFramework } from "../../loaders/site/build.ts";
import { addContentSecurityPolicy, contentSecurityPolicy, inlineScripts, scriptHash } from "../../loaders/site/csp.ts";
import { postProcessSite } from "../../loaders/site/postprocess.ts";
import { launchChromium, serveFolder } from "../e2e/browser.ts";
import { jsonPage, useFixtureSites } from "../helpers/fixture-site.ts";
import { projectTmp, useTempDir } from "../helpers/temp-dirs.ts";

const fixtureRoot = useFixtureSites()({
  "index.md": jsonPage("Essai"),
  "explorer.md": jsonPage("Explorateur"),
  "data/valeurs.json.js": `process.stdout.write('{"n":42}');\n`,
});
const output = useTempDir("csp-site-", projectTmp());
let server: { url: string; close: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  runFramework(output, fixtureRoot);
  postProcessSite(output);
  // A page tampered with after the build: an inline script and outside resources.
  const page = readFileSync(join(output, "index.html"), "utf8");
  writeFileSync(
    join(output, "altere.html"),
    page.replace(
      "</body>",
      `<script>document.title = "exécuté";</script><img src="https://exemple.invalid/pixel.png" alt=""></body>`,
    ),
  );
  server = await serveFolder(output);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Violation {
  directive: string;
  blocked: string;
}

async function visit(
  path: string,
  extra?: string,
): Promise<{ violations: Violation[]; text: string; title: string; wasm: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    (window as unknown as { __violations: unknown[] }).__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __violations: unknown[] }).__violations.push({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
      }),
    );
  });
  await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
  await page.waitForSelector("#valeur", { timeout: 10_000 }).catch(() => {});
  // The smallest valid WebAssembly module: compiling it needs 'wasm-unsafe-eval'.
  const wasm = await page.evaluate(async () => {
    try {
      await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
      return "compilé";
    } catch (e) {
      return `refusé : ${(e as Error).name}`;
    }
  });
  if (extra) await page.evaluate(extra).catch(() => {});
  await page.waitForTimeout(200);
  const result = {
    violations: (await page.evaluate(
      () => (window as unknown as { __violations: Violation[] }).__violations,
    )) as Violation[],
    text: (await page.textContent("main")) ?? "",
    title: await page.title(),
    wasm,
  };
  await context.close();
  return result;
}

describe("Content-Security-Policy", () => {
  it("hashes every inline script of a page, and only those", () => {
    const html = `<head><meta charset="utf-8"><script type="module">run()</script><script src="./a.js"></script></head>`;
    expect(inlineScripts(html)).toEqual(["run()"]);
    const policy = contentSecurityPolicy(html);
    expect(policy).toContain(scriptHash("run()"));
    expect(policy).not.toContain("unsafe-inline'; script");
    expect(policy).not.toContain("wasm-unsafe-eval");
    expect(addContentSecurityPolicy(html, "explorer.html")).toContain("'wasm-unsafe-eval'");
    expect(addContentSecurityPolicy(html, "index.html")).toMatch(
      /<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy"/,
    );
  });

  it("a built page runs Framework's scripts with no violation, and refuses WebAssembly", async () => {
    const visit1 = await visit("/");
    expect(visit1.text).toContain("42 personnes");
    expect(visit1.wasm).toMatch(/^refusé/);
    // The only violation is the test's own attempt to compile WebAssembly.
    expect(visit1.violations).toEqual([{ directive: "script-src", blocked: "wasm-eval" }]);
  });

  it("the explorer page alone may compile WebAssembly", async () => {
    const explorer = await visit("/explorer");
    expect(explorer.text).toContain("42 personnes");
    expect(explorer.wasm).toBe("compilé");
    expect(explorer.violations).toEqual([]);
  });

  it("an inline script added after the build, an outside image and an outside request are refused", async () => {
    const tampered = await visit("/altere", `fetch("https://exemple.invalid/collecte").catch(() => {})`);
    expect(tampered.title).not.toBe("exécuté");
    const directives = tampered.violations.map((v) => v.directive).sort();
    expect(directives).toEqual(expect.arrayContaining(["connect-src", "img-src", "script-src-elem"]));
  });
});
