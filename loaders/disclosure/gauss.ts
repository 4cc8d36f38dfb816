/**
 * Sparse Gaussian elimination over the hidden unknowns of a set of linear equalities
 * (the GaussSuppression idea of Statistics Norway): an unknown is exactly recoverable when
 * the unit vector of its column lies in the row space, i.e. when the reduced row echelon
 * form holds a row with that single column.
 */
export type SparseRow = Map<number, number>;

const tolerance = 1e-9;

/**
 * Sets aside rows holding a column found in no other row: such a column (a hidden
 * remainder, a cell of one relation only) absorbs any change, so the row tells nothing
 * about the others. Repeated until stable; this is what keeps hierarchies cheap to eliminate.
 * The rows set aside are returned in the order they left, to recover their own columns.
 */
function withoutFreeRows(rows: readonly SparseRow[]): { kept: SparseRow[]; aside: SparseRow[] } {
  let kept = rows.filter((row) => row.size > 0);
  const aside: SparseRow[] = [];
  for (;;) {
    const count = new Map<number, number>();
    for (const row of kept) for (const col of row.keys()) count.set(col, (count.get(col) ?? 0) + 1);
    const free = (row: SparseRow) => row.size > 1 && [...row.keys()].some((col) => count.get(col) === 1);
    const next = kept.filter((row) => !free(row));
    if (next.length === kept.length) return { kept, aside };
    aside.push(...kept.filter(free));
    kept = next;
  }
}

/** Columns (unknowns) whose value the equalities determine exactly, ascending. */
export function determinedColumns(input: readonly SparseRow[]): number[] {
  const { kept: rows, aside } = withoutFreeRows(input);
  const pivotRows: SparseRow[] = [];
  const pivotOf = new Map<number, number>(); // column -> index in pivotRows
  const rowsWithCol = new Map<number, Set<number>>(); // column -> pivot rows holding it

  const link = (rowIndex: number, row: SparseRow) => {
    for (const col of row.keys()) {
      let set = rowsWithCol.get(col);
      if (!set) rowsWithCol.set(col, (set = new Set()));
      set.add(rowIndex);
    }
  };
  // target -= factor * source, keeping the column index up to date when target is a pivot row.
  const subtract = (target: SparseRow, source: SparseRow, factor: number, targetIndex: number | null) => {
    for (const [col, value] of source) {
      const next = (target.get(col) ?? 0) - factor * value;
      if (Math.abs(next) < tolerance) {
        target.delete(col);
        if (targetIndex !== null) rowsWithCol.get(col)?.delete(targetIndex);
      } else {
        if (targetIndex !== null && !target.has(col)) {
          let set = rowsWithCol.get(col);
          if (!set) rowsWithCol.set(col, (set = new Set()));
          set.add(targetIndex);
        }
        target.set(col, next);
      }
    }
  };

  // Rows set aside are eliminated last, in reverse order of leaving: each pivots on its own
  // free column (in no earlier pivot row, so no fill), and a combination of them — two
  // breakdowns sharing a sub-total — still gives a column back exactly.
  for (const original of [...rows, ...aside.slice().reverse()]) {
    const row: SparseRow = new Map(original);
    // Pivot rows are fully reduced, so one pass over the incoming columns clears them all.
    for (const col of [...row.keys()]) {
      const p = pivotOf.get(col);
      const factor = row.get(col);
      if (p === undefined || factor === undefined) continue;
      subtract(row, pivotRows[p]!, factor, null);
    }
    if (row.size === 0) continue;
    // The pivot is the column least shared with earlier pivot rows: less back-substitution fill.
    let pivot = -1;
    let best = Infinity;
    for (const col of row.keys()) {
      const shared = rowsWithCol.get(col)?.size ?? 0;
      if (shared < best || (shared === best && col < pivot)) {
        best = shared;
        pivot = col;
      }
    }
    const scale = row.get(pivot)!;
    for (const [col, value] of row) row.set(col, value / scale);
    const index = pivotRows.length;
    for (const other of [...(rowsWithCol.get(pivot) ?? [])]) {
      const target = pivotRows[other]!;
      const factor = target.get(pivot);
      if (factor !== undefined) subtract(target, row, factor, other);
    }
    pivotRows.push(row);
    pivotOf.set(pivot, index);
    link(index, row);
  }

  const determined = new Set<number>();
  for (const [col, index] of pivotOf) if (pivotRows[index]!.size === 1) determined.add(col);
  return [...determined].sort((a, b) => a - b);
}
