/**
 * The identifiers of a Protocol 1 file are the partner's only way to join the IRIS back to
 * its people: an empty one cannot be joined, a repeated one joins two IRIS to one person.
 * Both are named by row in French (the identifiers themselves are never printed), and the
 * command exits 1: the output is written, but those rows need the partner's eye.
 */
const LISTED = 20;

const lineList = (lines: number[]) =>
  `${lines.slice(0, LISTED).join(", ")}${lines.length > LISTED ? `, … (${lines.length} en tout)` : ""}`;

export function identifierWarnings(file: string, identifiers: string[], lines: number[]): string[] {
  const empty: number[] = [];
  const byId = new Map<string, number[]>();
  identifiers.forEach((raw, i) => {
    // As the de-duplication of exports compares them (dedupe.ts): case and edges aside.
    const id = raw.trim().toUpperCase();
    if (!id) {
      empty.push(lines[i]!);
      return;
    }
    const seen = byId.get(id);
    if (seen) seen.push(lines[i]!);
    else byId.set(id, [lines[i]!]);
  });
  const warnings: string[] = [];
  if (empty.length)
    warnings.push(
      `Fichier ${file}, ligne(s) ${lineList(empty)} : identifiant vide ; l'adresse est géocodée mais le résultat ne pourra pas être rapproché de la personne (règle identifiant-renseigne).`,
    );
  const repeated = [...byId.values()].filter((rows) => rows.length > 1);
  for (const rows of repeated.slice(0, LISTED))
    warnings.push(
      `Fichier ${file}, lignes ${lineList(rows)} : même identifiant sur ${rows.length} lignes ; chacune reçoit son IRIS, le rapprochement sera ambigu (règle identifiant-unique).`,
    );
  if (repeated.length > LISTED)
    warnings.push(`Fichier ${file} : … et ${repeated.length - LISTED} autre(s) identifiant(s) répété(s).`);
  return warnings;
}
