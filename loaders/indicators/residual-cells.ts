import type { Cell } from "../contracts.ts";
import { groupBy } from "./group-by.ts";
import type { IndicatorDefinition } from "./types.ts";

/** The part of a total its declared parts leave out ("dont" relations: places not split by age). */
export const residualCategory = { id: "non-ventile", label: "Non ventilé (total moins les parts)" } as const;

/**
 * A breakdown the partner sends as a total "dont" parts (additive "checked") gives its
 * remainder away by subtraction: 77 places - 50 under 3 - 26 aged 3 or more = 1 place, on one
 * childminder. The remainder becomes a cell of its own, so that the sum relation is declared
 * everywhere and the remainder is protected like any cell. Its contributors are unknown (an
 * amount of places could rest on one childminder): protection keeps it secret unless zero.
 * Only where every area's remainder is at least zero: parts above their total are the
 * partner's inconsistency, and no relation is declared for that indicator, year and breakdown.
 */
export function residualCells(definition: IndicatorDefinition, cells: readonly Cell[]): Cell[] {
  const out: Cell[] = [];
  for (const breakdown of definition.breakdowns) {
    if (breakdown.additive !== "checked") continue;
    for (const yearCells of groupBy(
      cells.filter((c) => c.breakdown === "" || c.breakdown === breakdown.id),
      (c) => c.year,
    ).values()) {
      const residuals: Cell[] = [];
      let consistent = true;
      for (const area of groupBy(yearCells, (c) => `${c.level}|${c.code}`).values()) {
        const total = area.find((c) => c.breakdown === "");
        const parts = area.filter((c) => c.breakdown === breakdown.id);
        if (total?.value == null || parts.length === 0 || parts.some((p) => p.value === null)) continue;
        const rest = total.value - parts.reduce((s, p) => s + (p.value as number), 0);
        if (rest < -1e-9) consistent = false;
        residuals.push({
          ...total,
          breakdown: breakdown.id,
          category: residualCategory.id,
          value: Math.max(0, Math.round(rest * 1e6) / 1e6),
          contributors: definition.unit === "count" ? Math.max(0, Math.round(rest)) : rest === 0 ? 0 : null,
        });
      }
      if (consistent) out.push(...residuals);
    }
  }
  return out;
}
