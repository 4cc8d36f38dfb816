// The image export of src/components/export-image.js, in real Chromium on a small fixture page
// (the component has no dependency, so it is served as is): the title, the source line with
// its dates and the review marking are drawn inside the SVG and the PNG.
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { srcDir } from "../../loaders/paths.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

// The exporter's functions as the page exposes them (their results are checked, not typed).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ExporterFn = (...args: any[]) => any;
import { launchChromium, serveFolder } from "../e2e/browser.ts";

const SOURCE =
  "Source Le Conseil Départemental – Analyse des Besoins Sociaux du CCAS de la Ville d'Aix-en-Provence. Données au 31 décembre 2016.";
const MARK = "Document de travail – diffusion restreinte";
const fixture = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>export</title></head><body>
<svg id="map" viewBox="0 0 300 200" width="300" height="200" class="iris-map">
  <path data-code="A" d="M10,10 L140,10 L140,190 L10,190 Z" fill="#08519c"/>
  <path data-code="B" d="M150,10 L290,10 L290,190 L150,190 Z" fill="#c6dbef"/>
</svg>
<script type="module">
  import * as exporter from "./export-image.js";
  window.exporter = exporter;
  window.ready = true;
</script></body></html>`;

describe("saving a map as SVG or PNG", () => {
  const folder = useTempDir("abs-export-");
  let server: Awaited<ReturnType<typeof serveFolder>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    for (const module of ["export-image.js", "file-names.js"])
      copyFileSync(join(srcDir, "components", module), join(folder, module));
    writeFileSync(join(folder, "index.html"), fixture);
    server = await serveFolder(folder);
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test("the SVG carries the drawing, its title, its source line with the date, and the marking", async () => {
    const svg = await page.evaluate(
      ({ source, mark }) => {
        const w = window as unknown as { exporter: { composeSvg: ExporterFn; serializeSvg: ExporterFn } };
        return w.exporter.serializeSvg(
          w.exporter.composeSvg(document.querySelector("#map"), {
            title: "Bénéficiaires de l'APA à domicile, 2016",
            source,
            marking: mark,
          }),
        );
      },
      { source: SOURCE, mark: MARK },
    );
    const text = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)]
      .map((m) => m[1])
      .join(" ")
      .replaceAll("&apos;", "'");
    expect(text).toContain(SOURCE);
    expect(text).toContain(MARK);
    expect(text).toContain("Bénéficiaires de l'APA à domicile, 2016");
    expect(svg.match(/<path data-code=/g)).toHaveLength(2);
  });

  test("an export without its source line is refused", async () => {
    const error = await page.evaluate(() => {
      try {
        (window as unknown as { exporter: { composeSvg: ExporterFn } }).exporter.composeSvg(
          document.querySelector("#map"),
          { title: "x" },
        );
        return null;
      } catch (e) {
        return (e as Error).message;
      }
    });
    expect(error).toMatch(/ligne de source/);
  });

  test("the PNG is the composed image at twice its size, with text drawn under the map", async () => {
    const result = await page.evaluate(
      async ({ source }) => {
        const w = window as unknown as { exporter: { composeSvg: ExporterFn; svgToPng: ExporterFn } };
        const composed = w.exporter.composeSvg(document.querySelector("#map"), { title: "Carte", source });
        const blob: Blob = await w.exporter.svgToPng(composed, 2);
        const bitmap = await createImageBitmap(blob);
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext("2d")!;
        context.drawImage(bitmap, 0, 0);
        // Dark pixels in the band below the drawing: the source line is in the image.
        const drawingBottom = (Number(composed.querySelector("svg").getAttribute("y")) + 200) * 2;
        const band = context.getImageData(0, drawingBottom, bitmap.width, bitmap.height - drawingBottom).data;
        let dark = 0;
        for (let i = 0; i < band.length; i += 4) if (band[i]! < 128 && band[i + 1]! < 128 && band[i + 2]! < 128) dark++;
        return {
          type: blob.type,
          width: bitmap.width,
          height: bitmap.height,
          svgWidth: Number(composed.getAttribute("width")),
          svgHeight: Number(composed.getAttribute("height")),
          dark,
        };
      },
      { source: SOURCE },
    );
    expect(result.type).toBe("image/png");
    expect(result.width).toBe(result.svgWidth * 2);
    expect(result.height).toBe(result.svgHeight * 2);
    expect(result.dark).toBeGreaterThan(200);
  });
});
