/**
 * The private answer key written beside each synthetic export: the expected fate of every
 * line and, for kept rows, the expected fields, so that intake and indicators can be checked.
 */
import type { DatasetId, FieldValue, RowAccount } from "../contracts.ts";

/** "outside": title and blank lines, which the reader tells apart from the account (lues). */
export type Fate = "kept" | "rejected" | "duplicate" | "ignored" | "outside";

export interface AnswerRow {
  /** 1-based line of the sheet. */
  row: number;
  fate: Fate;
  /** First error rule for rejected rows. */
  rule?: string;
  /** Warning rules raised on a kept row. */
  warnings?: string[];
  identifier?: string;
  /** Kept and duplicate rows: canonical fields as the reader must output them. */
  fields?: Record<string, FieldValue>;
  communeLabel?: string;
  /** INSEE code of the commune the row belongs to. */
  commune?: string;
  /** Rows of the observed commune: what the geocoder should find. */
  expectedAddress?: { street: string; iris: string; postcode: string };
}

export interface AnswerKey {
  dataset: DatasetId;
  year: number;
  file: string;
  sheet: string;
  synthetic: true;
  protocol: 1 | 2;
  observationDate: string;
  lastUpdate: string;
  /** After readExport and dedupeByIdentifier, before geocoding (notGeocoded = 0). */
  account: RowAccount;
  rows: AnswerRow[];
}

export function accountOf(rows: AnswerRow[]): RowAccount {
  const account: RowAccount = { read: 0, kept: 0, rejected: {}, duplicates: 0, ignored: 0, notGeocoded: 0 };
  for (const r of rows) {
    if (r.fate === "outside") continue;
    account.read++;
    if (r.fate === "kept") account.kept++;
    else if (r.fate === "duplicate") account.duplicates++;
    else if (r.fate === "ignored") account.ignored++;
    else account.rejected[r.rule!] = (account.rejected[r.rule!] ?? 0) + 1;
  }
  return account;
}
