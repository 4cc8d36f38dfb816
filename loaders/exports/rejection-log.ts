/**
 * The rejections of one file, bounded: every one is counted (by rule, column and severity,
 * for the account, the quality report and the grouped messages), the first ones are kept
 * with their message. A file of a million bad rows gives counts and a few examples, never a
 * million messages in memory or on the screen.
 */
import type { Rejection } from "./rejection.ts";

/** Messages kept per severity; the rest are counted. */
export const REJECTIONS_KEPT = 1000;

export interface RejectionGroup {
  rule: string;
  column: string;
  severity: "error" | "warning";
  count: number;
  /** The reason of the group's first message (without the place), when the rule gives one. */
  reason?: string;
  /** Rows of the first messages of the group. */
  rows: number[];
}

export interface RejectionCounts {
  errors: number;
  warnings: number;
  groups: RejectionGroup[];
}

/** Rows named per group in a grouped message. */
const ROWS_NAMED = 10;

export class RejectionLog {
  readonly kept: Rejection[] = [];
  private readonly groups = new Map<string, RejectionGroup>();
  private readonly keptBySeverity = { error: 0, warning: 0 };
  private readonly totals = { error: 0, warning: 0 };

  add(rejections: readonly Rejection[], more = 0): void {
    for (const r of rejections) if (this.count(r)) this.kept.push(r);
    this.totals.warning += more;
  }

  /** Rejections found before the rows (stray bytes of the file): listed first. */
  addFirst(rejections: readonly Rejection[], more = 0): void {
    const kept = rejections.filter((r) => this.count(r));
    this.kept.unshift(...kept);
    this.totals.warning += more;
  }

  /** Counts one rejection; true when its message is kept. */
  private count(r: Rejection): boolean {
    this.totals[r.severity]++;
    const key = `${r.severity}|${r.rule}|${r.column}`;
    let group = this.groups.get(key);
    if (!group) {
      group = {
        rule: r.rule,
        column: r.column,
        severity: r.severity,
        count: 0,
        ...(r.reason ? { reason: r.reason } : {}),
        rows: [],
      };
      this.groups.set(key, group);
    }
    group.count++;
    if (group.rows.length < ROWS_NAMED) group.rows.push(r.row);
    if (this.keptBySeverity[r.severity] >= REJECTIONS_KEPT) return false;
    this.keptBySeverity[r.severity]++;
    return true;
  }

  counts(): RejectionCounts {
    return { errors: this.totals.error, warnings: this.totals.warning, groups: [...this.groups.values()] };
  }
}
