/**
 * Demonstration commentary for the sample of any commune, written from the templates of
 * loaders/sample/commentary/<year>/<visual>.md. Figures are never typed: the templates cite
 * cells ({{births|commune|[[COMMUNE_CODE]]}}), so the gate and the lint check them like an
 * analyst's text. A small commune's counts fall under the secrecy rules: its commentary then
 * says so instead of citing them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { inCommune, ofCommune } from "../common/commune-phrases.ts";
import type { TerritoryConfig } from "../config.ts";

const templatesDir = join(dirname(fileURLToPath(import.meta.url)), "commentary");

/** Below this population the sample's smallest counts (ASE, FAJ) would be secret. */
export const SMALL_COMMUNE = 30_000;

function fallback(year: string, name: string): string {
  return (
    `En ${year}, les effectifs ${ofCommune(name)} sur ce thème sont petits : le secret statistique ` +
    `masque une partie des cases, et la comparaison avec le département se lit sur les taux ` +
    `plutôt que sur les nombres.`
  );
}

export function renderTemplate(text: string, year: string, territory: TerritoryConfig, population: number): string {
  const [, front = "", body = ""] = /^(---\n[\s\S]*?\n---\n)([\s\S]*)$/.exec(text) ?? [];
  const small = population < SMALL_COMMUNE && /\|commune\|/.test(body);
  const filled = (small ? fallback(year, territory.communeName) + "\n" : body)
    .replaceAll("[[COMMUNE_CODE]]", territory.commune)
    .replaceAll("[[DEPARTEMENT_CODE]]", territory.departement)
    .replaceAll("[[DE_COMMUNE]]", ofCommune(territory.communeName))
    .replaceAll("[[A_COMMUNE]]", inCommune(territory.communeName))
    .replaceAll("[[COMMUNE]]", territory.communeName);
  return front + filled;
}

/** Writes <target>/<year>/<visual>.md for the years asked; returns the files written. */
export function writeDemoCommentary(
  target: string,
  territory: TerritoryConfig,
  population: number,
  years: number[],
): string[] {
  const written: string[] = [];
  for (const year of years.map(String)) {
    const source = join(templatesDir, year);
    if (!existsSync(source)) continue;
    mkdirSync(join(target, year), { recursive: true });
    for (const file of readdirSync(source).filter((f) => f.endsWith(".md"))) {
      const out = join(target, year, file);
      writeFileSync(out, renderTemplate(readFileSync(join(source, file), "utf8"), year, territory, population));
      written.push(out);
    }
  }
  return written;
}
