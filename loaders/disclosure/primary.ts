import { cellKey, type Cell, type Level } from "../contracts.ts";

/** Population of a zone; null when unknown (an activity IRIS), which counts as too small. */
export interface ZonePopulation {
  level: Level;
  code: string;
  population: number | null;
}

export interface PrimaryRules {
  /** Smallest publishable number of individuals (Article 7: "inférieur à 5"). */
  threshold: number;
  /** Smallest publishable zone population (Article 7: "moins de 100 habitants"). */
  minPopulation: number;
}

const derivedUnits = new Set(["rate", "share", "evolution"]);

export const isDerived = (cell: Cell): boolean => derivedUnits.has(cell.unit);

/**
 * Number of individuals behind a cell, or null when it is unknown. An amount (places) is
 * protected through the childminders behind it, so without `contributors` it is unknown.
 */
const individualsBehind = (cell: Cell): number | null => {
  if (cell.contributors !== null) return cell.contributors;
  return cell.unit === "count" ? cell.value : null;
};

const tooFewIndividuals = (cell: Cell, threshold: number): boolean => {
  if (isDerived(cell)) return false;
  const n = individualsBehind(cell);
  // Zero is publishable (Annex 1: "1 - 4"); an unknown number fails closed.
  if (n === null) return cell.value !== null && cell.value !== 0;
  return n > 0 && n < threshold;
};

const zoneIndex = (zones: readonly ZonePopulation[]) =>
  new Map(zones.map((z) => [`${z.level}|${z.code}`, z.population]));

const zoneTooSmall = (cell: Cell, zones: Map<string, number | null>, minPopulation: number): boolean => {
  const key = `${cell.level}|${cell.code}`;
  if (!zones.has(key)) return cell.level !== "departement";
  const population = zones.get(key) ?? null;
  return population === null || population < minPopulation;
};

/**
 * Primary suppression: cells of 1 to threshold-1 individuals, every cell of a zone too small
 * or of unknown population. Derived cells (rates, shares, evolutions) follow their inputs
 * later, once the secondary suppression is known (see propagateToDerived).
 */
export function primarySecrets(
  cells: readonly Cell[],
  zones: readonly ZonePopulation[],
  rules: PrimaryRules,
): Set<string> {
  const index = zoneIndex(zones);
  const secret = new Set<string>();
  for (const cell of cells) {
    if (tooFewIndividuals(cell, rules.threshold) || zoneTooSmall(cell, index, rules.minPopulation)) {
      secret.add(cellKey(cell));
    }
  }
  return secret;
}

/**
 * A rate, share or evolution is secret when any of its inputs is (inputs that are not cells
 * are public reference values). Repeats until stable, since a share may be built on a rate.
 * Returns the keys newly made secret.
 */
export function propagateToDerived(cells: readonly Cell[], secret: Set<string>): string[] {
  const added: string[] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (const cell of cells) {
      if (!cell.inputs?.length) continue;
      const key = cellKey(cell);
      if (secret.has(key)) continue;
      if (cell.inputs.some((input) => secret.has(input))) {
        secret.add(key);
        added.push(key);
        changed = true;
      }
    }
  }
  return added;
}
