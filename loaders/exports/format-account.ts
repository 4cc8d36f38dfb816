/** The row account in French, as printed on the console and stored beside the manifest. */
import type { RowAccount } from "../contracts.ts";

export function totalRejected(account: RowAccount): number {
  return Object.values(account.rejected).reduce((s, n) => s + n, 0);
}

/** read = kept + rejected + duplicates + ignored + notGeocoded: the identity every run must satisfy. */
export function accountBalances(account: RowAccount): boolean {
  return (
    account.read === account.kept + totalRejected(account) + account.duplicates + account.ignored + account.notGeocoded
  );
}

export function formatAccount(account: RowAccount, opts: { protocol?: 1 | 2; geocoded?: boolean } = {}): string[] {
  const lines = [
    `Lignes lues : ${account.read}`,
    `  conservées : ${account.kept}`,
    `  rejetées : ${totalRejected(account)}`,
    ...Object.entries(account.rejected)
      .sort((a, b) => b[1] - a[1])
      .map(([rule, n]) => `    - ${rule} : ${n}`),
    `  doublons : ${account.duplicates}${opts.protocol === 1 ? " (retour en protocole 1 : sans identifiant, aucun dédoublonnage possible)" : ""}`,
    `  ignorées (totaux, notes, en-têtes répétés) : ${account.ignored}`,
  ];
  if (opts.geocoded) lines.push(`  non géocodées : ${account.notGeocoded}`);
  lines.push(accountBalances(account) ? "Bilan équilibré." : "ATTENTION : le bilan des lignes ne s'équilibre pas.");
  return lines;
}
