import { cellKey, type Cell, type Level, type SumRelation } from "../contracts.ts";

/**
 * What the public can see besides the tables, published as JSON beside them: the relations
 * between published cells and the public populations they use. The audit reads nothing else.
 * Cells are named by their key (cellKey); a population by its own key.
 */
export interface AuditSum {
  total: string;
  parts: string[];
  /** false: a hidden remainder exists (rows not placed in an IRIS), at least zero. */
  complete: boolean;
}

/** value = per x numerator / denominator, published rounded to `decimals`. */
export interface AuditRatio {
  cell: string;
  /** A cell key, or the key of a public population. */
  numerator: string;
  denominator: string;
  /** 100 for a rate or share in percent, 1000 for a rate per thousand. */
  per: number;
  decimals: number;
}

/** "percent": value = 100 x (to - from) / from; "difference": value = to - from. */
export interface AuditEvolution {
  cell: string;
  from: string;
  to: string;
  kind: "percent" | "difference";
  decimals: number;
}

/** A public figure used as a denominator; float populations are known within `tolerance`. */
export interface PublicPopulation {
  key: string;
  value: number;
  /** Half-width of what the public knows of it; default: the float's own precision. */
  tolerance?: number;
}

export interface AuditZone {
  level: Level;
  code: string;
  population: number | null;
}

export interface AuditCatalogue {
  version: 1;
  sums: AuditSum[];
  ratios: AuditRatio[];
  evolutions: AuditEvolution[];
  populations: PublicPopulation[];
  /** When given, the audit also checks that no zone under `minPopulation` is published. */
  zones?: AuditZone[];
  minPopulation?: number;
  /** Cells public in an older edition whose value this edition revised (editions-constraints.ts):
   * every other cell of an older edition keeps its published value here. Absent before the rule. */
  revisions?: string[];
}

/** How a derived cell is computed and rounded, for catalogue building. */
export interface DerivedRule {
  per?: number;
  decimals: number;
  kind?: "percent" | "difference";
}

/**
 * Ratios and evolutions of the derived cells, read from their `inputs` ([numerator,
 * denominator] for rates and shares, [previous year, year] for evolutions).
 */
export function derivedRelations(
  cells: readonly Cell[],
  ruleOf: (cell: Cell) => DerivedRule,
): { ratios: AuditRatio[]; evolutions: AuditEvolution[] } {
  const ratios: AuditRatio[] = [];
  const evolutions: AuditEvolution[] = [];
  for (const cell of cells) {
    if (!cell.inputs || cell.inputs.length !== 2) continue;
    const [first, second] = cell.inputs as [string, string];
    const rule = ruleOf(cell);
    if (cell.unit === "rate" || cell.unit === "share") {
      ratios.push({
        cell: cellKey(cell),
        numerator: first,
        denominator: second,
        per: rule.per ?? 100,
        decimals: rule.decimals,
      });
    } else if (cell.unit === "evolution") {
      evolutions.push({
        cell: cellKey(cell),
        from: first,
        to: second,
        kind: rule.kind ?? "percent",
        decimals: rule.decimals,
      });
    }
  }
  return { ratios, evolutions };
}

/** The catalogue published beside the tables, from the same relations protect() used. */
export function buildAuditCatalogue(input: {
  relations: readonly SumRelation[];
  ratios?: readonly AuditRatio[];
  evolutions?: readonly AuditEvolution[];
  populations?: readonly PublicPopulation[];
  zones?: readonly AuditZone[];
  minPopulation?: number;
  revisions?: readonly string[];
}): AuditCatalogue {
  const catalogue: AuditCatalogue = {
    version: 1,
    sums: input.relations.map((r) => ({ total: r.total, parts: [...r.parts], complete: r.complete })),
    ratios: [...(input.ratios ?? [])],
    evolutions: [...(input.evolutions ?? [])],
    populations: [...(input.populations ?? [])],
  };
  if (input.zones) {
    catalogue.zones = input.zones.map((z) => ({ ...z }));
    catalogue.minPopulation = input.minPopulation ?? 100;
  }
  if (input.revisions) catalogue.revisions = [...input.revisions];
  return catalogue;
}
