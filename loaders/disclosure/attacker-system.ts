import { zoneOfCellKey, type PublishedCell } from "../contracts.ts";
import type { AuditCatalogue } from "./catalogue.ts";

/**
 * The attacker's view of the published tables: every hidden number becomes a variable, every
 * published relation a linear constraint. Rounded values and float populations enter as
 * intervals, never as equalities. Written apart from the suppression on purpose: the audit
 * must not share its blind spots.
 */
export interface Variable {
  name: string;
  integer: boolean;
  lower: number;
  upper: number;
}

export interface LinearRow {
  vars: number[];
  coefs: number[];
  lower: number;
  upper: number;
}

/** A linear expression of the hidden numbers: sum of coefs x vars, plus a constant. */
export interface LinearForm {
  vars: number[];
  coefs: number[];
  constant: number;
}

/** A secret derived cell: value = per x numerator / denominator + offset. */
export interface RatioForm {
  numerator: LinearForm;
  denominator: LinearForm;
  per: number;
  offset: number;
}

/**
 * A secret cell, a group of secret cells of one sum relation, or a secret rate, share or
 * evolution whose denominator is hidden, to bound. (Over a public denominator a derived cell
 * is an affine image of its numerator, already bounded as a cell.)
 */
export interface Target {
  kind: "cell" | "group" | "ratio";
  cells: string[];
  /** Every variable the target reads (numerator and denominator for a ratio). */
  vars: number[];
  ratio?: RatioForm;
  /** Bounded only to bound a ratio over two independent pieces: never a failure of its own. */
  probe?: boolean;
  /** A probe's smallest value at least this (a denominator of at least 1). */
  floor?: number;
}

/**
 * Width, in points (of percentage, or per thousand), under which a secret rate, share or
 * evolution over a HIDDEN denominator counts as recovered: a share of 100 % or an evolution
 * of -100 % pinned by published zeros is width 0; one point is what rounding to one decimal
 * never reaches. Over a PUBLISHED denominator it does not apply: the derived cell is its
 * numerator's interval divided by the denominator, and the numerator's width of at least the
 * threshold (a count) is the protection. So a rate per 100 aged 75+ over 802 people may be
 * seen within [0 ; 0,75]: 0 to 5 beneficiaries, as wide as the count itself.
 */
export const pinnedDerivedWidth = 1;

export interface DirectFailure {
  cell: string;
  reason: string;
}

/** A zero published beside a secret total of a complete relation (see attributeBeside). */
export interface ZeroBeside {
  part: string;
  total: string;
  /** Every part but one of a breakdown of the total's own zone is a published zero: all its
   * people share the last category, however many they are. */
  oneCategory: boolean;
}

export interface AttackerSystem {
  variables: Variable[];
  rows: LinearRow[];
  targets: Target[];
  /** Leaks seen without solving anything. */
  direct: DirectFailure[];
  /** Published zeros beside a secret total: a leak unless the total is proven large. */
  zerosBeside: ZeroBeside[];
  /**
   * Secret counts the public may prove to be no primary cell: in a zone of at least the
   * minimum population, so that only their value can make them primary (1 to threshold-1, or
   * a protected zero); proven at least the threshold, a secret count hides no small group. An
   * amount (places) is never among them: the contributors behind it are not public.
   */
  countsInLargeZones: Set<string>;
}

type Interval = [number, number];
const derivedUnits = new Set(["rate", "share", "evolution"]);
const infinity = Number.POSITIVE_INFINITY;

/** Decimals actually shown by a number (a value published unrounded shows them all). */
function shownDecimals(value: number): number {
  for (let k = 0; k <= 15; k++) {
    const scaled = value * 10 ** k;
    if (Math.abs(scaled - Math.round(scaled)) <= 1e-9 * Math.max(1, Math.abs(scaled))) return k;
  }
  return 15;
}

/** What a reader knows of a rounded value: the rounding interval of its declared decimals,
 * or a narrower one when the value carries more decimals than declared. */
export function roundingInterval(value: number, decimals: number): Interval {
  const half = 0.5 * 10 ** -Math.max(decimals, shownDecimals(value));
  return [value - half, value + half];
}

/** The half-width a float population is known within when none is declared. */
const floatTolerance = (value: number) => 0.5 * 10 ** -shownDecimals(value);

class RowBuilder {
  vars: number[] = [];
  coefs: number[] = [];
  constLow = 0;
  constHigh = 0;
  add(coef: number, term: number | Interval) {
    if (typeof term === "number") {
      const at = this.vars.indexOf(term);
      if (at >= 0) this.coefs[at]! += coef;
      else {
        this.vars.push(term);
        this.coefs.push(coef);
      }
    } else {
      const [a, b] = [coef * term[0], coef * term[1]];
      this.constLow += Math.min(a, b);
      this.constHigh += Math.max(a, b);
    }
  }
  /** The row "terms within [lower, upper]", constants moved to the bounds. */
  build(lower: number, upper: number): LinearRow | null {
    const keep = this.coefs.map((c, i) => (Math.abs(c) > 1e-12 ? i : -1)).filter((i) => i >= 0);
    if (keep.length === 0) return null;
    return {
      vars: keep.map((i) => this.vars[i]!),
      coefs: keep.map((i) => this.coefs[i]!),
      lower: lower - this.constHigh,
      upper: upper - this.constLow,
    };
  }
}

export function buildAttackerSystem(
  cells: readonly PublishedCell[],
  catalogue: AuditCatalogue,
  threshold: number,
): AttackerSystem {
  const variables: Variable[] = [];
  const varOf = new Map<string, number>();
  const rows: LinearRow[] = [];
  const direct: DirectFailure[] = [];
  const byKey = new Map(
    cells.map((c) => [[c.indicator, c.year, c.level, c.code, c.breakdown, c.category].join("|"), c]),
  );
  const populations = new Map(catalogue.populations.map((p) => [p.key, p]));

  const newVariable = (name: string, integer: boolean, lower: number) => {
    variables.push({ name, integer, lower, upper: infinity });
    return variables.length - 1;
  };
  /** A published number as an interval, a hidden one as a variable. */
  const term = (key: string): number | Interval => {
    const cell = byKey.get(key);
    if (cell && !cell.secret && cell.value !== null) return [cell.value, cell.value];
    if (!cell) {
      const population = populations.get(key);
      if (population) {
        const tolerance = population.tolerance ?? floatTolerance(population.value);
        return [population.value - tolerance, population.value + tolerance];
      }
    }
    let v = varOf.get(key);
    if (v === undefined) {
      const counted = cell !== undefined && !derivedUnits.has(cell.unit);
      v = newVariable(key, counted, cell?.unit === "evolution" ? -infinity : 0);
      varOf.set(key, v);
    }
    return v;
  };
  const known = (key: string) => typeof term(key) !== "number";
  const formOf = (key: string): LinearForm => {
    const t = term(key);
    return typeof t === "number"
      ? { vars: [t], coefs: [1], constant: 0 }
      : { vars: [], coefs: [], constant: (t[0] + t[1]) / 2 };
  };
  const ratioTargets: Target[] = [];
  /** A secret derived cell whose denominator is hidden is bounded as a ratio. */
  const ratioTarget = (cell: string, numerator: string, denominator: string, per: number, offset: number) => {
    if (known(denominator)) return;
    const ratio = { numerator: formOf(numerator), denominator: formOf(denominator), per, offset };
    ratioTargets.push({
      kind: "ratio",
      cells: [cell],
      vars: [...ratio.numerator.vars, ...ratio.denominator.vars],
      ratio,
    });
  };
  const publishedValue = (key: string) => {
    const cell = byKey.get(key);
    return cell && !cell.secret && cell.value !== null ? cell.value : null;
  };

  // Attribute disclosure: a zero published beside a secret total tells something of every
  // hidden individual (none has that category; all share the last one when every other part
  // is zero). In a complete relation whose total is secret, no zero part may be public,
  // unless the total is proven to hold at least the threshold (judged once bounded, in audit.ts).
  const zerosBeside: ZeroBeside[] = [];
  for (const sum of catalogue.sums) {
    if (!sum.complete || !byKey.get(sum.total)?.secret) continue;
    const parts = [...new Set(sum.parts)];
    const zeros = parts.filter((part) => publishedValue(part) === 0);
    const ownZone = parts.every((part) => zoneOfCellKey(part) === zoneOfCellKey(sum.total));
    const oneCategory = ownZone && parts.length >= 2 && zeros.length === parts.length - 1;
    for (const part of zeros) zerosBeside.push({ part, total: sum.total, oneCategory });
  }

  for (const sum of catalogue.sums) {
    const row = new RowBuilder();
    row.add(1, term(sum.total));
    for (const part of sum.parts) row.add(-1, term(part));
    if (!sum.complete)
      row.add(-1, newVariable(`reste de ${sum.total} (après ${sum.parts[0] ?? "aucune partie"})`, true, 0));
    const built = row.build(0, 0);
    if (built) rows.push(built);
  }

  for (const ratio of catalogue.ratios) {
    const value = publishedValue(ratio.cell);
    if (value === null) {
      // A cell that is not secret but has no value is "not available" (e.g. a rate over 0):
      // there is nothing hidden to recover.
      if (byKey.get(ratio.cell)?.secret && known(ratio.numerator) && known(ratio.denominator)) {
        direct.push({
          cell: ratio.cell,
          reason: "taux secret recalculable : son numérateur et son dénominateur sont publiés",
        });
      }
      if (byKey.get(ratio.cell)?.secret) ratioTarget(ratio.cell, ratio.numerator, ratio.denominator, ratio.per, 0);
      continue;
    }
    const [low, high] = roundingInterval(value, ratio.decimals);
    const den = term(ratio.denominator);
    if (typeof den !== "number" && den[1] <= 0) continue;
    const upperRow = new RowBuilder();
    upperRow.add(ratio.per, term(ratio.numerator));
    upperRow.add(-high, den);
    const a = upperRow.build(-infinity, 0);
    const lowerRow = new RowBuilder();
    lowerRow.add(ratio.per, term(ratio.numerator));
    lowerRow.add(-low, den);
    const b = lowerRow.build(0, infinity);
    if (a) rows.push(a);
    if (b) rows.push(b);
  }

  for (const evolution of catalogue.evolutions) {
    const value = publishedValue(evolution.cell);
    if (value === null) {
      if (byKey.get(evolution.cell)?.secret && known(evolution.from) && known(evolution.to)) {
        direct.push({ cell: evolution.cell, reason: "évolution secrète recalculable : les deux années sont publiées" });
      }
      if (byKey.get(evolution.cell)?.secret && evolution.kind === "percent")
        ratioTarget(evolution.cell, evolution.to, evolution.from, 100, -100);
      continue;
    }
    const [low, high] = roundingInterval(value, evolution.decimals);
    const from = term(evolution.from);
    const to = term(evolution.to);
    if (evolution.kind === "difference") {
      const row = new RowBuilder();
      row.add(1, to);
      row.add(-1, from);
      const built = row.build(low, high);
      if (built) rows.push(built);
      continue;
    }
    // to = from x (1 + value/100): two linear inequalities since from >= 0.
    const upperRow = new RowBuilder();
    upperRow.add(100, to);
    upperRow.add(-(100 + high), from);
    const lowerRow = new RowBuilder();
    lowerRow.add(100, to);
    lowerRow.add(-(100 + low), from);
    for (const built of [upperRow.build(-infinity, 0), lowerRow.build(0, infinity)]) if (built) rows.push(built);
  }

  const targets: Target[] = [];
  for (const cell of cells) {
    const key = [cell.indicator, cell.year, cell.level, cell.code, cell.breakdown, cell.category].join("|");
    if (!cell.secret) {
      if (cell.unit === "count" && cell.value !== null && cell.value > 0 && cell.value < threshold) {
        direct.push({ cell: key, reason: `effectif de 1 à ${threshold - 1} publié` });
      }
      // An amount of 1 to 4 whole units (places, children) rests on 1 to 4 contributors at most.
      if (cell.unit === "amount" && cell.value !== null && cell.value > 0 && cell.value < threshold) {
        direct.push({
          cell: key,
          reason: `montant de 1 à ${threshold - 1} publié : il repose sur moins de ${threshold} contributeurs`,
        });
      }
      continue;
    }
    if (derivedUnits.has(cell.unit)) continue;
    const v = varOf.get(key);
    if (v !== undefined) targets.push({ kind: "cell", cells: [key], vars: [v] });
  }
  for (const sum of catalogue.sums) {
    const secretParts = [...new Set(sum.parts)].filter(
      (k) => byKey.get(k)?.secret && !derivedUnits.has(byKey.get(k)!.unit),
    );
    if (secretParts.length >= 2)
      targets.push({ kind: "group", cells: secretParts, vars: secretParts.map((k) => varOf.get(k)!) });
  }

  targets.push(...ratioTargets);

  const minPopulation = catalogue.minPopulation ?? 100;
  const zones = catalogue.zones && new Map(catalogue.zones.map((z) => [`${z.level}|${z.code}`, z.population]));
  const smallZone = (cell: PublishedCell) => {
    if (!zones) return false; // no zones published: the tables are judged on their values only
    const zone = `${cell.level}|${cell.code}`;
    if (!zones.has(zone) && cell.level === "departement") return false;
    const population = zones.get(zone) ?? null;
    return population === null || population < minPopulation;
  };
  const countsInLargeZones = new Set<string>();
  for (const [key, cell] of byKey)
    if (cell.secret && cell.unit === "count" && !smallZone(cell)) countsInLargeZones.add(key);

  if (zones) {
    for (const [key, cell] of byKey) {
      if (cell.secret || cell.value === null) continue;
      if (smallZone(cell)) {
        direct.push({
          cell: key,
          reason: `zone de moins de ${minPopulation} habitants (ou de population inconnue) publiée`,
        });
      }
    }
  }
  return { variables, rows, targets, direct, zerosBeside, countsInLargeZones };
}
