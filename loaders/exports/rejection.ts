import type { RowLocation } from "../contracts.ts";

/** One rejected row or cell: French message, never the personal value itself. */
export interface Rejection extends RowLocation {
  column: string;
  rule: string;
  message: string;
  /** The reason alone, without the place: for messages grouping many rows. */
  reason?: string;
  severity: "error" | "warning";
}
