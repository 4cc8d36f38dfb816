// The published edition, on the ONE shared build: only tables of commented visuals reach
// dist/, and the restitution PDFs (npm run pdf) of the pages with visuals carry, as text,
// their commentary and source line, and draw one shape per IRIS on their map.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { beforeAll, describe, expect, test } from "vitest";
import { renderPdfs } from "../../loaders/site/pdf.ts";
import { pdfText } from "../../loaders/privacy/pdf-text.ts";
import { visuals } from "../../loaders/publish/visuals.ts";
import { distDir } from "./site-files.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

const MENTION = "Source Le Conseil Départemental – Analyse des Besoins Sociaux du CCAS de la Ville d'Aix-en-Provence";
const dataFolder = join(distDir, "_file", "data", "observatoire");
// A build copies a member with a content hash: "personnes-agees.d16c8065.parquet".
const memberName = (file: string) => file.replace(/\.[0-9a-f]{8}(\.[a-z]+)$/, "$1");
const builtJson = (member: string) => {
  const file = readdirSync(dataFolder).find((f) => memberName(f) === member);
  if (!file) throw new Error(`${member} absent de dist/`);
  return JSON.parse(readFileSync(join(dataFolder, file), "utf8"));
};
/** Text for comparison: PDF ligatures unfolded, every space removed (a PDF places words, not spaces). */
const squeeze = (text: string) => text.normalize("NFKC").replace(/[\s\u00a0\u202f]+/g, "");
const htmlText = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");

/** Page content streams, inflated. */
function contentStreams(pdf: Buffer): string[] {
  const source = pdf.toString("latin1");
  const streams: string[] = [];
  for (const match of source.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    try {
      streams.push(
        inflateSync(Buffer.from(source.slice(start, source.indexOf("endstream", start)), "latin1")).toString("latin1"),
      );
    } catch {
      // not a Flate stream (fonts, images): not page content
    }
  }
  return streams;
}

/**
 * Shapes stroked in the map's grey (#555, the IRIS outline of iris-map.js) inside each clipped
 * group (Chromium clips every <svg> to its box): one count per drawing.
 */
function outlinedShapesPerDrawing(streams: string[]): number[] {
  const counts: number[] = [];
  for (const stream of streams) {
    const stack: { clip: boolean; count: number }[] = [];
    let grey = false;
    for (const line of stream.split("\n")) {
      if (line === "q") stack.push({ clip: false, count: 0 });
      else if (line === "Q") {
        const group = stack.pop();
        if (group?.clip) counts.push(group.count);
        else if (group && stack.length) stack.at(-1)!.count += group.count;
      } else if (/ re$/.test(line)) continue;
      else if (/^W\*? n$/.test(line) && stack.length) stack.at(-1)!.clip = true;
      else if (/ RG( |$)/.test(line)) grey = /^\.3333 \.3333 \.3333 RG/.test(line);
      else if (line === "S" && grey && stack.length) stack.at(-1)!.count++;
    }
  }
  return counts;
}

const pagesWithVisuals = [...new Set(visuals.map((v) => v.page))];

describe("the published edition", () => {
  const pdfFolder = useTempDir("abs-pdf-");
  let pdfs: Map<string, Buffer>;

  beforeAll(async () => {
    const files = await renderPdfs({ site: distDir, out: pdfFolder, pages: pagesWithVisuals, log: () => {} });
    pdfs = new Map(files.map((f) => [f.slice(pdfFolder.length + 1, -4), readFileSync(f)]));
  }, 240_000);

  test("no table or download that no commented visual uses is in dist/", () => {
    const commentary = builtJson("commentary.json");
    const latest = Math.max(...builtJson("catalogue.json").indicators["apa-beneficiaries"].years.map(Number));
    const commented = visuals.filter((v) => commentary[v.id]?.[latest]);
    const used = new Set(commented.flatMap((v) => v.tables));
    // Pages' own files: the registry, catalogue, commentary and lists every page reads.
    const infrastructure = new Set([
      "catalogue.json",
      "commentary.json",
      "visuals.json",
      "ratios.json",
      "sources.json",
      "audit-catalogue.json",
      "edition.json",
      "editions.json",
      // The preview's notices (empty in a build) and the search box's names (public references only).
      "apercu.json",
      "lieux.json",
      // The validated analysis pages: each is the analysts' commentary, with the cells of its own visuals.
      "analyses.json",
    ]);
    const members = readdirSync(dataFolder)
      .filter((f) => f !== "telechargements")
      .map(memberName);
    expect(members.filter((m) => m.endsWith(".parquet")).length).toBeGreaterThan(0);
    for (const member of members)
      expect(infrastructure.has(member) || used.has(member), `${member} publié sans visuel commenté`).toBe(true);
    const downloads = readdirSync(join(dataFolder, "telechargements")).map((f) =>
      memberName(f).replace(/\.(csv|xlsx)$/, ""),
    );
    for (const visual of downloads)
      expect(
        commented.map((v) => v.id),
        `téléchargement ${visual}`,
      ).toContain(visual);
  });

  test("every page with visuals has its PDF, whose text holds the commentary of each visual and the source line", () => {
    const commentary = builtJson("commentary.json");
    expect([...pdfs.keys()].sort()).toEqual([...pagesWithVisuals].sort());
    for (const [page, pdf] of pdfs) {
      const text = squeeze(pdfText(new Uint8Array(pdf)).join(""));
      const shown = visuals.filter((v) => v.page === page);
      for (const visual of shown) {
        const years = Object.keys(commentary[visual.id] ?? {}).map(Number);
        expect(years.length, `commentaire publié pour ${visual.id}`).toBeGreaterThan(0);
        // The page opens on the latest year: its commentary is the one printed.
        const body = squeeze(htmlText(commentary[visual.id][Math.max(...years)].html));
        expect(text.includes(body), `commentaire de ${visual.id} dans ${page}.pdf`).toBe(true);
      }
      if (page === "portrait-territoire") expect(text).toContain(squeeze("Licence Ouverte"));
      else expect(text).toContain(squeeze(MENTION));
      expect(text).toMatch(/[Dd]onnéesau\d{1,2}(er)?[a-zéû]+\d{4}/);
    }
  });

  test("the map of each page with an IRIS map has one shape per IRIS in the PDF", () => {
    const topology = builtJson("iris.json");
    const irisCount = topology.objects.iris.geometries.length;
    expect(irisCount).toBe(54);
    const mapPages = [...new Set(visuals.filter((v) => v.kind === "iris-map").map((v) => v.page))];
    for (const page of mapPages) {
      expect(outlinedShapesPerDrawing(contentStreams(pdfs.get(page)!)), `carte de ${page}.pdf`).toContain(irisCount);
    }
  });
});
