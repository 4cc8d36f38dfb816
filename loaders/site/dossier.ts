/**
 * The meeting dossier (Article 5: results are presented to the data providers in annual
 * working sessions): chosen pages of the built site — thematic pages, analysis pages, IRIS
 * profiles, any path — printed as a reader prints them, behind a cover (edition, date,
 * partners, Article 7's mention and secrecy rule) and a table of contents, merged into one
 * PDF (pdf-lib) numbered from the cover to the last page. Built from the review edition, the
 * marking is on the cover and in every page's header.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import { readObservatoryConfig } from "../config.ts";
import { distDir } from "../paths.ts";
import { openPrintSession, PDF_MARGIN, printPage, type PrintSession } from "./pdf.ts";
import { editionLine, escapeHtml, printFrame } from "./print-frame.ts";

/** The annual meeting's pages, in the order they are presented. */
export const DEFAULT_DOSSIER = [
  "portrait-territoire",
  "personnes-agees",
  "petite-enfance",
  "enfance-famille",
  "handicap",
  "aides-financieres",
  "methodologie",
];

export interface DossierOptions {
  site?: string;
  pages?: string[];
  /** The PDF written (dist/restitution/dossier-reunion.pdf by default). */
  out?: string;
  log?: (line: string) => void;
}

export interface DossierEntry {
  page: string;
  title: string;
  /** First page of the entry in the dossier, counting the cover as 1. */
  firstPage: number;
  pages: number;
}

/** A page list as the command line gives it: "a,b c" or one page per line. */
export function parsePageList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((p) => p.trim().replace(/^\/+|\.html$/g, ""))
    .filter(Boolean);
}

function frontMatterHtml(session: PrintSession, entries: DossierEntry[]): string {
  const { edition } = session;
  const config = readObservatoryConfig();
  const territory = edition.territory ?? config.territory;
  const marking = edition.marking ? `<p class="marking">${escapeHtml(edition.marking)}</p>` : "";
  const synthetic = edition.synthetic
    ? `<p class="note">Données fictives de démonstration : personnes synthétiques générées avec une graine fixe, aucune personne réelle.</p>`
    : "";
  const toc = entries
    .map(
      (e) =>
        `<li><span class="toc-title">${escapeHtml(e.title)}</span><span class="dots"></span><span class="toc-page">${e.firstPage}</span></li>`,
    )
    .join("");
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Dossier de la réunion des partenaires</title>
<style>
  body { font-family: 'DejaVu Sans', sans-serif; color: #000; margin: 0; }
  .cover { height: 250mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }
  .marking { border: 2pt solid #7b1f1f; color: #7b1f1f; font-weight: bold; text-align: center; padding: 4mm; font-size: 14pt; }
  h1 { font-size: 24pt; margin: 0 0 6mm; }
  .subtitle { font-size: 15pt; margin: 0 0 12mm; }
  .edition { font-size: 13pt; font-weight: bold; }
  .partners, .mention, .note { font-size: 10.5pt; line-height: 1.45; }
  .mention { border-left: 2pt solid #000; padding-left: 4mm; margin-top: 10mm; }
  h2 { font-size: 16pt; }
  ol { list-style: none; padding: 0; font-size: 11.5pt; }
  li { display: flex; align-items: baseline; margin: 0 0 3mm; }
  .dots { flex: 1; border-bottom: 1px dotted #555; margin: 0 2mm; }
</style></head><body>
<section class="cover">
  ${marking}
  <h1>Analyse des Besoins Sociaux</h1>
  <p class="subtitle">Dossier de la réunion annuelle des partenaires — Observatoire ABS du CCAS de la Ville d'${escapeHtml(territory.communeName)}</p>
  <p class="edition">${escapeHtml(editionLine(edition))}</p>
  <p class="partners">Partenaires : le Centre Communal d'Action Sociale de la Ville d'${escapeHtml(territory.communeName)} et le Conseil Départemental des ${escapeHtml(territory.departementName)}, signataires de la convention d'échange de données (restitution annuelle prévue à l'article 5).</p>
  <div class="mention">
    <p>Les informations provenant du Conseil Départemental sont diffusées avec la mention « ${escapeHtml(config.sources.departement)} » (article 7 de la convention).</p>
    <p>Secret statistique (article 7) : aucune donnée portant sur une zone de moins de ${config.secrecy.minPopulation} habitants, aucune case dont l'effectif est inférieur à ${config.secrecy.threshold}, ni aucune case qui permettrait de les recalculer ; ces cases sont marquées « s ».</p>
  </div>
  ${synthetic}
</section>
<section class="toc"><h2>Sommaire</h2><ol>${toc}</ol></section>
</body></html>`;
}

async function frontMatterPdf(session: PrintSession, entries: DossierEntry[]): Promise<Uint8Array> {
  const context = await session.browser.newContext();
  try {
    const tab = await context.newPage();
    // No request at all: the cover is self-contained.
    await tab.route("**/*", (route) => route.abort());
    await tab.setContent(frontMatterHtml(session, entries));
    await tab.emulateMedia({ media: "print" });
    const frame = printFrame(
      // The cover and the contents have no page of the site to point to: no address.
      { title: "Dossier de la réunion des partenaires", address: "", edition: session.edition },
      { pageNumbers: false },
    );
    return new Uint8Array(
      await tab.pdf({ format: "A4", printBackground: true, margin: PDF_MARGIN, displayHeaderFooter: true, ...frame }),
    );
  } finally {
    await context.close();
  }
}

/** Renders the dossier; returns the entries of its table of contents and the PDF. */
export async function buildDossier(
  session: PrintSession,
  pages: readonly string[],
  log: (line: string) => void = () => {},
): Promise<{ entries: DossierEntry[]; pdf: Uint8Array }> {
  if (pages.length === 0)
    throw new Error("Dossier vide : donnez au moins une page (--dossier personnes-agees,handicap).");
  const printed: { page: string; title: string; doc: PDFDocument }[] = [];
  for (const page of pages) {
    const { title, pdf } = await printPage(session, page, { pageNumbers: false });
    printed.push({ page, title, doc: await PDFDocument.load(pdf) });
    log(`Dossier : ${page} (${printed.at(-1)!.doc.getPageCount()} page(s))`);
  }
  // The table of contents' length moves every page number: lay it out until it is stable.
  let frontPages = 2;
  let front: PDFDocument;
  let entries: DossierEntry[];
  for (;;) {
    let next = frontPages + 1;
    entries = printed.map((p) => {
      const entry = { page: p.page, title: p.title, firstPage: next, pages: p.doc.getPageCount() };
      next += entry.pages;
      return entry;
    });
    front = await PDFDocument.load(await frontMatterPdf(session, entries));
    if (front.getPageCount() === frontPages) break;
    frontPages = front.getPageCount();
  }
  const dossier = await PDFDocument.create();
  dossier.setTitle(
    `${session.edition.marking ? `${session.edition.marking} — ` : ""}Dossier de la réunion des partenaires — ${editionLine(session.edition)}`,
  );
  dossier.setLanguage("fr-FR");
  dossier.setCreator("Observatoire ABS");
  for (const source of [front, ...printed.map((p) => p.doc)])
    for (const copied of await dossier.copyPages(source, source.getPageIndices())) dossier.addPage(copied);
  await numberPages(dossier);
  // Without object streams: every reader (and the leak scan's text extraction) reads it.
  return { entries, pdf: await dossier.save({ useObjectStreams: false }) };
}

/** "n / N" in the room each page's footer leaves at its right, across the whole dossier. */
async function numberPages(dossier: PDFDocument): Promise<void> {
  const font = await dossier.embedFont(StandardFonts.Helvetica);
  const pages = dossier.getPages();
  const mm = 72 / 25.4;
  pages.forEach((page, i) => {
    const text = `${i + 1} / ${pages.length}`;
    const size = 7.5;
    page.drawText(text, {
      x: page.getWidth() - 12 * mm - font.widthOfTextAtSize(text, size),
      y: 6 * mm,
      size,
      font,
      color: rgb(0.2, 0.2, 0.2),
    });
  });
}

export async function renderDossier(options: DossierOptions = {}): Promise<string> {
  const site = options.site ?? distDir;
  const out = options.out ?? join(site, "restitution", "dossier-reunion.pdf");
  const log = options.log ?? ((line: string) => console.log(line));
  const session = await openPrintSession(site);
  try {
    const { entries, pdf } = await buildDossier(session, options.pages ?? DEFAULT_DOSSIER, log);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, pdf);
    log(`Dossier PDF : ${relative(process.cwd(), out) || out} (${entries.length} page(s) du site)`);
    return out;
  } finally {
    await session.close();
  }
}
