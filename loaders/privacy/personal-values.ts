import { scanTokens } from "./normalize.ts";

export type PersonalKind = "identifier" | "address" | "birth-date";

/** A value that must never be published, with where it came from (never printed itself). */
export interface PersonalValue {
  kind: PersonalKind;
  origin: { file: string; row: number };
  /** The written forms to look for (e.g. ISO, French and Excel-serial forms of a date). */
  forms: string[];
}

/** Every written form of a birth date: ISO, French (with and without leading zeros), Excel serial. */
export function birthDateForms(iso: string): string[] {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return [iso];
  const [, y, m, d] = match;
  const serial = Math.round((Date.UTC(+y, +m - 1, +d) - Date.UTC(1899, 11, 30)) / 86_400_000);
  return [`${y}-${m}-${d}`, `${d}/${m}/${y}`, `${+d}/${+m}/${y}`, `${d}-${m}-${y}`, `${d}.${m}.${y}`, String(serial)];
}

/**
 * An address is looked for whole and as "number + street" (the part that identifies a home);
 * a street name without number is public (it is in FANTOIR) and is not a needle.
 */
export function addressForms(address: string): string[] {
  const tokens = scanTokens(address);
  const forms = [address];
  const numberAt = tokens.findIndex((t) => /^\d+[A-Z]?$/.test(t));
  if (numberAt >= 0) {
    const street = tokens.slice(numberAt, numberAt + 4);
    if (street.length >= 3) forms.push(street.join(" "));
  }
  return forms;
}
