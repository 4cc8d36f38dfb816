/** A sheet under construction: lines of cells and, line by line, their expected fate. */
import type { RawCell } from "../exports/parse-value.ts";
import type { AnswerRow } from "./answer-key.ts";

export class SheetBuilder {
  readonly lines: RawCell[][] = [];
  readonly answers: AnswerRow[] = [];
  headerLine = 0;

  /** Title or blank lines above the header: outside the account. */
  title(...cells: RawCell[]): this {
    this.lines.push(cells);
    this.answers.push({ row: this.lines.length, fate: "outside" });
    return this;
  }

  header(cells: RawCell[]): this {
    this.lines.push(cells);
    this.headerLine = this.lines.length;
    return this;
  }

  /** A data line (or a blank / footer line when fate is "ignored"). */
  line(cells: RawCell[], answer: Omit<AnswerRow, "row">): this {
    this.lines.push(cells);
    // A blank line is not a row of the export: the reader counts it outside the account.
    const blank = cells.every((c) => c === null || c === undefined || String(c).trim() === "");
    this.answers.push({ row: this.lines.length, ...answer, ...(blank ? { fate: "outside" as const } : {}) });
    return this;
  }
}
