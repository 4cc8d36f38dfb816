/** Upper case, no accents, every run of non-alphanumeric characters as one space. */
export function normalizeForScan(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, " ")
    .trim();
}

export function scanTokens(text: string): string[] {
  const normal = normalizeForScan(text);
  return normal ? normal.split(" ") : [];
}
