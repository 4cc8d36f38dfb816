/**
 * What every printed page says about itself, in the PDF's header and footer (Chromium's
 * header and footer templates): the review edition's marking when there is one, the page
 * title, the edition date and the page's address. A sheet that leaves the meeting alone still
 * says where it comes from and how recent it is.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface EditionInfo {
  /** ISO date of the build. */
  publishedAt: string;
  years: number[];
  marking: string | null;
  synthetic: boolean;
  territory: { commune: string; communeName: string; departement: string; departementName: string } | null;
}

/** A member of the built site's data folder, whatever Framework's hash in its name. */
function builtJson(site: string, name: string): Record<string, unknown> | null {
  const folder = join(site, "_file", "data", "observatoire");
  if (!existsSync(folder)) return null;
  const stem = name.replace(/\.json$/, "");
  const hashed = new RegExp(`^${stem}\\.[0-9a-f]{8}\\.json$`);
  const file = readdirSync(folder).find((f) => f === name || hashed.test(f));
  return file ? (JSON.parse(readFileSync(join(folder, file), "utf8")) as Record<string, unknown>) : null;
}

/** The review edition's marking, read from the banner markReviewPage put on the home page. */
function markingOf(site: string): string | null {
  const home = readFileSync(join(site, "index.html"), "utf8");
  const banner = /<div class="review-marking"[^>]*>([^<]+)<\/div>/.exec(home)?.[1];
  return banner ? banner.replaceAll("&amp;", "&").replaceAll("&#39;", "'").trim() : null;
}

/** What the built site is: its edition (edition.json or editions.json), marking and territory. */
export function editionOf(site: string): EditionInfo {
  const edition = builtJson(site, "edition.json") ?? {};
  const current = (builtJson(site, "editions.json")?.current ?? {}) as { year?: number; publishedAt?: string };
  const catalogue = builtJson(site, "catalogue.json") ?? {};
  // The years the edition shows: edition.json's, else every indicator's in the catalogue.
  const indicators = Object.values((catalogue.indicators ?? {}) as Record<string, { years?: number[] }>);
  const catalogued = [...new Set(indicators.flatMap((i) => i.years ?? []))].sort();
  const years = Array.isArray(edition.years)
    ? (edition.years as number[])
    : catalogued.length
      ? catalogued
      : current.year
        ? [current.year]
        : [];
  return {
    publishedAt: String(edition.publishedAt ?? current.publishedAt ?? new Date().toISOString().slice(0, 10)),
    years,
    marking: typeof edition.marking === "string" ? edition.marking : markingOf(site),
    synthetic: catalogue.synthetic === true,
    territory: (catalogue.territory as EditionInfo["territory"]) ?? null,
  };
}

const MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];

/** "1er décembre 2026" from an ISO date. */
export function frenchLongDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split("-").map(Number);
  if (!year || !month || !day) return iso;
  return `${day === 1 ? "1er" : day} ${MONTHS[month - 1]} ${year}`;
}

/** "Édition du 1er décembre 2026 (données 2015-2016)". */
export function editionLine(edition: EditionInfo): string {
  const years = edition.years.length
    ? ` (données ${Math.min(...edition.years)}${edition.years.length > 1 ? `-${Math.max(...edition.years)}` : ""})`
    : "";
  return `Édition du ${frenchLongDate(edition.publishedAt)}${years}`;
}

/** The address a reader types to find the page again: ABS_SITE_URL when known, else its path. */
export function pageAddress(page: string, base = process.env.ABS_SITE_URL ?? ""): string {
  const path = page === "index" ? "" : page;
  return base ? `${base.replace(/\/+$/, "")}/${path}` : `/${path}`;
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

const STYLE =
  "font-family:'DejaVu Sans',sans-serif;font-size:7.5px;width:100%;padding:0 12mm;color:#333;display:flex;justify-content:space-between;gap:8px";

/**
 * Header and footer templates. `pageNumbers`: Chromium's own "n / N" (a page printed alone);
 * a dossier numbers its pages itself, across documents, and leaves room for it.
 */
export function printFrame(
  frame: { title: string; address: string; edition: EditionInfo },
  { pageNumbers = true } = {},
): { headerTemplate: string; footerTemplate: string } {
  const marking = frame.edition.marking
    ? `<span style="color:#7b1f1f;font-weight:bold">${escapeHtml(frame.edition.marking)}</span>`
    : "<span></span>";
  const numbers = pageNumbers
    ? `<span><span class="pageNumber"></span> / <span class="totalPages"></span></span>`
    : `<span style="min-width:22mm"></span>`;
  return {
    headerTemplate: `<div style="${STYLE}">${marking}<span>${escapeHtml(frame.title)}</span></div>`,
    footerTemplate: `<div style="${STYLE}"><span>${escapeHtml(editionLine(frame.edition))}</span><span>${escapeHtml(frame.address)}</span>${numbers}</div>`,
  };
}
