/**
 * The commentary lint: free text is the one place where an analyst could publish what the
 * disclosure control hid. It fails the build on
 * - any literal count of 1 to 4 (Article 7: no cell under 5 individuals), in digits ("3
 *   bénéficiaires") or in words ("trois familles");
 * - any number equal to the true value of a secret cell (a secondary suppression of 37 must
 *   not reappear as "37 personnes" in the text).
 * Numbers that are not counts are allowed: ages ("moins de 3 ans"), GIR levels, ranks,
 * ordinals, days of dates, years, article numbers, percentages of 1 to 4 %. References
 * ({{...}}) are checked by commentary-references.ts and skipped here.
 * Messages name the file, line and rule, never the offending value (logs can be shared).
 */
import type { Cell, PublishedCell } from "../contracts.ts";
import { cellKey } from "../contracts.ts";
import { referencePattern } from "./commentary-references.ts";

export interface LintProblem {
  file: string;
  line: number;
  rule: "effectif-1-a-4" | "valeur-secrete";
  message: string;
}

/** The true values of the cells the disclosure control made secret (never published). */
export interface SecretValues {
  /** Whole values of secret counts and amounts, 0 excluded. */
  integers: Set<number>;
  /** French-formatted values of secret rates, shares and evolutions ("12,5"). */
  decimals: Set<string>;
}

// The preview (`npm run dev`) lints on every save against the same cells (the stage held in
// memory): the secret values are computed once per pair of tables, not once per save.
const secretValuesMemo = new WeakMap<readonly PublishedCell[], WeakMap<readonly Cell[], SecretValues>>();

export function secretValuesOf(published: readonly PublishedCell[], raw: readonly Cell[]): SecretValues {
  const byRaw = secretValuesMemo.get(published) ?? new WeakMap<readonly Cell[], SecretValues>();
  secretValuesMemo.set(published, byRaw);
  const known = byRaw.get(raw);
  if (known) return known;
  const computed = computeSecretValues(published, raw);
  byRaw.set(raw, computed);
  return computed;
}

function computeSecretValues(published: readonly PublishedCell[], raw: readonly Cell[]): SecretValues {
  const secretKeys = new Set(published.filter((c) => c.secret).map(cellKey));
  const values: SecretValues = { integers: new Set(), decimals: new Set() };
  for (const cell of raw) {
    if (cell.value === null || !secretKeys.has(cellKey(cell))) continue;
    if (Number.isInteger(cell.value)) {
      if (cell.value !== 0) values.integers.add(Math.abs(cell.value));
    } else {
      for (const decimals of [1, 2]) values.decimals.add(Math.abs(cell.value).toFixed(decimals).replace(".", ","));
    }
  }
  return values;
}

// A number as written in French: "1 234", "12,5", "3".
const numberPattern = /(?<![\p{L}\p{N},.])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[,.](\d+))?(?![\p{N}])/gu;
// Words before a number that make it a label, not a count.
const labelWords = new Set([
  "gir",
  "rang",
  "rangs",
  "article",
  "articles",
  "annexe",
  "annexes",
  "protocole",
  "niveau",
  "niveaux",
  "n°",
  "no",
  "page",
  "pages",
  "tableau",
  "carte",
  "figure",
  "étape",
  "classe",
  "classes",
  "catégorie",
  "phase",
  "axe",
  "priorité",
  "orientation",
  "fiche",
  "partie",
  "chapitre",
  "iris",
]);
// Words after a number that make it an age, a duration, a date or a proportion.
const unitWords =
  /^(?:ans?\b|mois\b|semaines?\b|jours?\b|heures?\b|h\b|km\b|m\b|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)/iu;
// A proportion is not a count, but a secret share is still a secret value.
const proportionWords = /^(?:%|‰|pour\s+(?:cent|mille|100|1[  \u202f]?000))/iu;
const ordinalSuffix = /^(?:er|re|e|ème|è|nd|nde|ᵉ|ʳᵉ|ᵉʳ)(?![\p{L}])/u;
const connector = /^\s*(?:à|-|–|—|ou|et|,)\s*$/u;
const smallCountWords =
  /(?<![\p{L}])(deux|trois|quatre|une?\s+seule?)\s+(?:[\p{L}'’-]+\s+)?(personnes?|bénéficiaires?|enfants?|familles?|ménages?|allocataires?|femmes?|hommes?|dossiers?|naissances?|mères?|assistantes?|signalements?|placements?|individus?|foyers?|jeunes|personnes?\s+âgées|cas)(?![\p{L}])/giu;

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split("\n").length;
}

function previousWord(text: string, index: number): string {
  const before = text.slice(Math.max(0, index - 40), index).trimEnd();
  return (before.match(/([\p{L}°]+)$/u)?.[1] ?? "").toLowerCase();
}

/**
 * Lints one text. `firstLine` is the file line of the text's first line, so messages point
 * into the file the analyst edits.
 */
export function lintText(text: string, file: string, secrets: SecretValues, firstLine = 1): LintProblem[] {
  // References are replaced by spaces of the same length, keeping positions and lines.
  const plain = text.replace(referencePattern, (r) => r.replace(/[^\n]/g, " "));
  const problems: LintProblem[] = [];
  const at = (index: number) => firstLine + lineOf(plain, index) - 1;
  let previousWasLabel = false;
  let previousEnd = -1;
  for (const match of plain.matchAll(numberPattern)) {
    const index = match.index!;
    const end = index + match[0].length;
    const whole = Number(match[1]!.replace(/[ \u00a0\u202f]/g, ""));
    const fraction = match[2];
    const after = plain.slice(end, end + 24);
    const afterTrim = after.trimStart();
    // "GIR 1 à 4", "rangs 1 et 2": a number joined to a label by a connector is a label too.
    const continuesLabel: boolean =
      previousWasLabel && previousEnd >= 0 && connector.test(plain.slice(previousEnd, index));
    // "R123-1", "L. 262-2": the number ends a legal or administrative code.
    const endsCode = /[\p{L}\p{N}]-$/u.test(plain.slice(Math.max(0, index - 2), index));
    const isLabel: boolean = labelWords.has(previousWord(plain, index)) || continuesLabel || endsCode;
    const notAValue =
      isLabel ||
      ordinalSuffix.test(after) ||
      unitWords.test(afterTrim) ||
      // "18 à 25 ans", "18-25 ans": the unit after the range applies to both ends.
      unitWords.test(afterTrim.replace(/^(?:à|-|–)\s*\d+\s*/u, "")) ||
      (fraction === undefined && whole >= 1900 && whole <= 2100);
    const proportion = proportionWords.test(afterTrim);
    previousWasLabel = isLabel;
    previousEnd = end;
    if (notAValue) continue;
    if (fraction === undefined && whole >= 1 && whole <= 4 && !proportion) {
      problems.push({
        file,
        line: at(index),
        rule: "effectif-1-a-4",
        message: `${file}, ligne ${at(index)} : un effectif de 1 à 4 est écrit en toutes lettres dans le texte (règle effectif-1-a-4, article 7). Écrivez « moins de 5 » ou citez une case publiée avec {{indicateur|niveau|code}}.`,
      });
    } else if (fraction === undefined ? secrets.integers.has(whole) : secrets.decimals.has(`${whole},${fraction}`)) {
      problems.push({
        file,
        line: at(index),
        rule: "valeur-secrete",
        message: `${file}, ligne ${at(index)} : un nombre du texte est égal à la valeur d'une case couverte par le secret statistique (règle valeur-secrete, article 7). Remplacez-le par une référence à une case publiée {{indicateur|niveau|code}}.`,
      });
    }
  }
  for (const match of plain.matchAll(smallCountWords)) {
    problems.push({
      file,
      line: at(match.index!),
      rule: "effectif-1-a-4",
      message: `${file}, ligne ${at(match.index!)} : un effectif de 1 à 4 est écrit en toutes lettres dans le texte (règle effectif-1-a-4, article 7). Écrivez « moins de 5 ».`,
    });
  }
  return problems.sort((a, b) => a.line - b.line);
}
