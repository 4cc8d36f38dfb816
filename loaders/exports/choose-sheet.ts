/**
 * Which sheet of a workbook is the export: visible sheets only (a hidden « 2014 (ancien) »
 * must never be read as the current year), the best header among them, and a note naming
 * the hidden sheets and the other sheets that would also fit.
 */
import { InputError } from "../contracts.ts";
import { locateHeader, type HeaderLocation } from "./locate-header.ts";
import type { Sheet } from "./read-table.ts";

const STATE_LABEL = { hidden: "masquée", veryHidden: "très masquée" } as const;

export function chooseSheet(
  file: string,
  sheets: Sheet[],
  explicit: boolean,
  locate: (sheets: Sheet[]) => HeaderLocation,
  notes: string[],
): { location: HeaderLocation; sheets: Sheet[] } {
  const visible = explicit ? sheets : sheets.filter((s) => (s.state ?? "visible") === "visible");
  const hidden = explicit ? [] : sheets.filter((s) => (s.state ?? "visible") !== "visible");
  for (const s of explicit ? sheets : hidden)
    if (s.state && s.state !== "visible")
      notes.push(
        explicit
          ? `feuille ${STATE_LABEL[s.state]} « ${s.name} » lue parce qu'elle est demandée.`
          : `feuille ${STATE_LABEL[s.state]} « ${s.name} » non lue (les feuilles masquées ne sont jamais préférées).`,
      );
  if (!visible.length)
    throw new InputError(
      `${file} : aucune feuille visible ; feuille(s) masquée(s) non lue(s) : ${hidden.map((s) => `« ${s.name} »`).join(", ")}. Affichez la bonne feuille dans Excel ou désignez-la avec --feuille.`,
      file,
      "feuille-masquee",
    );
  const location = locate(visible);
  const chosen = visible[location.sheetIndex]!;
  if (chosen.name !== undefined && visible.length > 1) {
    const others = visible.filter(
      (s, i) => i !== location.sheetIndex && locateHeader([s], [location.schema])?.match.fieldHits,
    );
    if (others.length)
      notes.push(
        `feuille « ${chosen.name} » lue : son en-tête (ligne ${chosen.rowNumbers[location.rowIndex]}) reconnaît le plus de colonnes (${location.match.columns.length}) ; feuille(s) ${others.map((s) => `« ${s.name} »`).join(", ")} également compatible(s), non lue(s) (désignez-la avec --feuille).`,
      );
  }
  return { location, sheets: visible };
}
