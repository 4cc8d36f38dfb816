/** Half away from zero, as analysts round by hand; the epsilon absorbs binary noise (2.25 -> 2.3). */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  return (Math.sign(value) * Math.round(scaled + 1e-9 * Math.max(1, scaled))) / factor;
}

export const roundingStatement = (decimals: number): string | null =>
  decimals === 0
    ? null
    : `Valeur arrondie à ${decimals} décimale${decimals > 1 ? "s" : ""} : la valeur exacte est à ± ${0.5 / 10 ** decimals} près.`;
