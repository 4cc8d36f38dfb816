import { basename } from "node:path";
import type { RowAccount } from "../contracts.ts";

/** The row account of one file, in French: every row read is accounted for. */
export function describeAccount(file: string, dataset: string, year: number, account: RowAccount): string {
  const rejected = Object.values(account.rejected).reduce((a, b) => a + b, 0);
  const rules = Object.entries(account.rejected)
    .filter(([, n]) => n > 0)
    .map(([rule, n]) => `${rule} ${n}`)
    .join(", ");
  return `${basename(file)} (${dataset}, ${year}) : ${account.read} ligne(s) lue(s) = ${account.kept} gardée(s) + ${rejected} rejetée(s)${rules ? ` [${rules}]` : ""} + ${account.duplicates} doublon(s) + ${account.ignored} ignorée(s) + ${account.notGeocoded} non géocodée(s).`;
}
