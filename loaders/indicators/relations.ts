import { cellKey, type Cell, type SumRelation } from "../contracts.ts";
import type { ArrondissementIris } from "../reference/communes.ts";
import { groupBy } from "./group-by.ts";
import type { Coverage } from "./territory.ts";
import type { IndicatorDefinition } from "./types.ts";

const known = (cells: Cell[]): boolean => cells.every((c) => c.value !== null);
const sum = (cells: Cell[]): number => cells.reduce((s, c) => s + (c.value as number), 0);

function relation(total: Cell, parts: Cell[], complete: boolean): SumRelation[] {
  if (parts.length === 0 || !known([total, ...parts])) return [];
  return [{ total: cellKey(total), parts: parts.map(cellKey), complete }];
}

/**
 * Categories -> total at every area. A "checked" breakdown (the partner's own total and parts)
 * is declared only where the published values add up: a relation that does not hold would
 * mislead the audit.
 */
export function categoryRelations(definition: IndicatorDefinition, cells: Cell[]): SumRelation[] {
  const relations: SumRelation[] = [];
  const byArea = groupBy(cells, (c) => `${c.year}|${c.level}|${c.code}`);
  for (const areaCells of byArea.values()) {
    const total = areaCells.find((c) => c.breakdown === "");
    if (total === undefined) continue;
    for (const breakdown of definition.breakdowns) {
      if (breakdown.additive === false) continue;
      const parts = areaCells.filter((c) => c.breakdown === breakdown.id);
      if (
        breakdown.additive === "checked" &&
        (!known([total, ...parts]) || Math.abs(sum(parts) - (total.value as number)) > 1e-9)
      )
        continue;
      relations.push(...relation(total, parts, true));
    }
  }
  return relations;
}

/** Whether the parts hold every contributor of the total (otherwise a hidden rest exists). */
export interface Completeness {
  irisCoverCommune: boolean;
  communesCoverDepartement: boolean;
}

export const completenessOf = (coverage: Coverage): Completeness => ({
  irisCoverCommune: coverage.allCommunePlacedInIris,
  communesCoverDepartement: coverage.departementWide && coverage.allPlacedInCommunes,
});

/**
 * IRIS -> the observed commune and communes -> département, for each year, breakdown and
 * category. A commune split into arrondissements gets IRIS -> arrondissement (complete: an
 * arrondissement's cell is the sum of its IRIS) and arrondissements -> commune instead of
 * IRIS -> commune, which follows from the two.
 */
export function geographyRelations(
  cells: Cell[],
  completeness: (year: number) => Completeness,
  commune: string,
  arrondissements: readonly ArrondissementIris[] = [],
): SumRelation[] {
  const relations: SumRelation[] = [];
  const arrondissementOf = new Map(arrondissements.flatMap((a) => a.iris.map((i) => [i, a.code] as const)));
  const bySlice = groupBy(cells, (c) => `${c.year}|${c.breakdown}|${c.category}`);
  for (const slice of bySlice.values()) {
    const { year } = slice[0] as Cell;
    const complete = completeness(year);
    const observed = slice.find((c) => c.level === "commune" && c.code === commune);
    const arrondissementCells = slice.filter((c) => c.level === "arrondissement");
    const irisCells = slice.filter((c) => c.level === "iris");
    if (arrondissementCells.length > 0) {
      const irisOf = groupBy(irisCells, (c) => arrondissementOf.get(c.code) ?? "");
      for (const arrondissement of arrondissementCells)
        relations.push(...relation(arrondissement, irisOf.get(arrondissement.code) ?? [], true));
    }
    if (observed !== undefined)
      relations.push(
        ...relation(
          observed,
          arrondissementCells.length > 0 ? arrondissementCells : irisCells,
          // An IRIS of no arrondissement would be a hidden rest of the arrondissements' sum.
          complete.irisCoverCommune &&
            (arrondissementCells.length === 0 || irisCells.every((c) => arrondissementOf.has(c.code))),
        ),
      );
    const departement = slice.find((c) => c.level === "departement");
    if (departement !== undefined) {
      const communes = slice.filter((c) => c.level === "commune");
      relations.push(...relation(departement, communes, complete.communesCoverDepartement));
    }
  }
  return relations;
}
