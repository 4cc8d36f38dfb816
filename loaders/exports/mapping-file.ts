/**
 * A mapping file (« fichier de correspondance ») tells how a partner's unusual headers read:
 * { "en-tête du fichier": "champ" }. The check command and the build read the same shape, so
 * they share the test of it and the words that describe it.
 */

/** What a user is told a mapping file must look like. */
export const MAPPING_SHAPE = '(JSON attendu : { "en-tête du fichier": "champ" })';

/** An object whose every value is a field name: anything else is refused, never half-read. */
export function isHeaderMapping(data: unknown): data is Record<string, string> {
  return (
    !!data &&
    typeof data === "object" &&
    !Array.isArray(data) &&
    Object.values(data).every((v) => typeof v === "string")
  );
}
