/**
 * Prints how long computeIndicators takes on a département-sized synthetic input
 * (run: npx tsx bench/indicators.ts [scale]). Figures only, no assertion.
 */
import type { AggregateRecord, Denominators, PrivateRecord } from "../loaders/contracts.ts";
import { pick as pickWith, seededRandom } from "../loaders/common/seeded-random.ts";
import { computeIndicators } from "../loaders/indicators/compute.ts";

const scale = Number(process.argv[2] ?? 1);
const random = seededRandom(42);
const pick = <T>(items: readonly T[]): T => pickWith(random, items);

const aixIris = Array.from({ length: 54 }, (_, i) => `13001${String(101 + i).padStart(4, "0")}`);
const communes = Array.from({ length: 119 }, (_, i) => `13${String(i + 1).padStart(3, "0")}`);

function place(): { iris: string | null; commune: string | null } {
  const r = random();
  if (r < 0.08) return { iris: random() < 0.95 ? pick(aixIris) : null, commune: "13001" };
  if (r < 0.995) return { iris: null, commune: pick(communes) };
  return { iris: null, commune: null };
}

const records: PrivateRecord[] = [];
const aggregates: AggregateRecord[] = [];
for (const year of [2015, 2016, 2017]) {
  const at = { year, observationDate: `${year}-12-31`, matchType: "exact" as const };
  for (let i = 0; i < 30_000 * scale; i++) {
    records.push({
      ...at,
      ...place(),
      dataset: "apa-domicile",
      fields: {
        sex: pick(["F", "M"]),
        age: 60 + Math.floor(random() * 40),
        livingAlone: random() < 0.5,
        gir: pick([1, 2, 3, 4]),
      },
    });
  }
  for (let i = 0; i < 10_000 * scale; i++) {
    const under3 = Math.floor(random() * 4);
    const plus3 = Math.floor(random() * 2);
    records.push({
      ...at,
      ...place(),
      dataset: "assistantes-maternelles",
      fields: {
        placesTotal: under3 + plus3,
        placesUnder3: under3,
        places3Plus: plus3,
        childrenUnder3: Math.floor(random() * 4),
        children3Plus: null,
      },
    });
  }
  for (let i = 0; i < 25_000 * scale; i++) {
    records.push({
      ...at,
      ...place(),
      dataset: "certificats-8e-jour",
      fields: {
        motherAge: random() < 0.02 ? null : 16 + Math.floor(random() * 30),
        birthRank: 1 + Math.floor(random() * 4),
      },
    });
  }
  for (const [level, code] of [
    ["commune", "13001"],
    ["departement", "13"],
  ] as const) {
    const n = level === "commune" ? 1 : 12;
    aggregates.push(
      {
        dataset: "aides-financieres",
        year,
        observationDate: at.observationDate,
        level,
        code,
        fields: { faj: 30 * n, fslTotal: 50 * n, fslAccess: 20 * n, fslUpkeep: 40 * n },
      },
      {
        dataset: "aides-legales-pa-ph",
        year,
        observationDate: at.observationDate,
        level,
        code,
        fields: {
          ashElderly: 10 * n,
          ashElderlyMen: 4 * n,
          ashElderlyWomen: 6 * n,
          actpPch: 20 * n,
          actpPchMen: 9 * n,
          actpPchWomen: 11 * n,
          actpPchUnder40: 5 * n,
          actpPch40Plus: 15 * n,
        },
      },
      {
        dataset: "ase",
        year,
        observationDate: at.observationDate,
        level,
        code,
        fields: {
          reports: 15 * n,
          followedAtHome: 25 * n,
          inCare: 35 * n,
          placedByJudge: 5 * n,
          monthlyAllowances: 45 * n,
        },
      },
    );
  }
}

const denominators: Denominators = {
  get: (measure, level, code) =>
    code === "130010906"
      ? null
      : {
          value: level === "iris" ? 2000 : 20000,
          source: "INSEE RP 2016",
          vintage: 2016,
          ...(measure === "population0_17" ? { approximation: "estimation" } : {}),
        },
};

const started = performance.now();
const memoryBefore = process.memoryUsage().rss;
const output = await computeIndicators({
  records,
  aggregates,
  editions: [],
  denominators,
  commune: "13001",
  departement: "13",
  communeIris: aixIris,
  communes,
});
const elapsed = performance.now() - started;
console.log(`computeIndicators : ${records.length} lignes individuelles, 3 années`);
console.log(
  `  ${output.cells.length} cellules, ${output.relations.length} relations, ${output.catalogue.length} lignes de catalogue`,
);
console.log(
  `  durée ${(elapsed / 1000).toFixed(2)} s, mémoire +${((process.memoryUsage().rss - memoryBefore) / 2 ** 20).toFixed(0)} Mo`,
);
