/** Whole years between a birth date and the observation date (both ISO yyyy-mm-dd). */
export function ageAt(birthDate: string, observationDate: string): number {
  const [by, bm, bd] = birthDate.slice(0, 10).split("-").map(Number);
  const [oy, om, od] = observationDate.slice(0, 10).split("-").map(Number);
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}
