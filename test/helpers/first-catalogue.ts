/**
 * docs/INDICATORS.md's first catalogue as indicator ids: what the catalogue must declare
 * (test/indicators/catalogue.test.ts) and what the sample build must publish for both
 * years (test/e2e/indicators-published.test.ts). Written once: a line added to the document
 * is added here, and both tests follow. The « contexte » line is reference data, published
 * apart.
 */
export const FIRST_CATALOGUE = [
  // petite enfance: one entry per row of the document's table, in its order
  ["childminders"],
  ["childminder-places"],
  ["childminder-coverage-under-3"],
  ["childminder-occupancy-under-3"],
  ["births"],
  ["births-per-1000"],
  ["births-mother-under-20-share", "births-mother-40-plus-share"],
  ["births-rank-3-plus-share"],
  // personnes âgées
  ["apa-beneficiaries", "apa-beneficiaries-75p"],
  ["apa-per-100-aged-75p"],
  ["apa-gir-1-2-share", "apa-gir-3-4-share"],
  ["apa-living-alone-share"],
  ["ash-elderly-beneficiaries", "ash-elderly-per-1000-aged-60p"],
  // handicap
  ["actp-pch-beneficiaries", "actp-pch-per-1000"],
  // enfance
  ["ase-reports", "ase-followed-at-home", "ase-in-care", "ase-placed-by-judge", "ase-monthly-allowances"],
  // aides financières
  ["faj-beneficiaries", "faj-per-1000-aged-18-24", "fsl-beneficiaries", "fsl-per-1000-households"],
].flat();
