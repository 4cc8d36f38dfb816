/**
 * Geocoder throughput: 100,000 messy addresses drawn from the reference, geocoded on one core;
 * the real-writing set (public places of Aix as agents and publishers write them, against its
 * BAN-format reference: right IRIS, wrong, wrong and certain, not placed);
 * then the first 5,000 (BENCH_FUSE_COUNT; fuse.js is about a thousand times slower) through a
 * plain fuse.js fuzzy search over all street names, for
 * comparison. Prints addresses per second, accuracy and peak memory (RSS).
 */
import Fuse from "fuse.js";
import { loadAddressIndex } from "../loaders/geocode/address-index.ts";
import { drawAddress } from "../loaders/geocode/draw-address.ts";
import { geocodeAddress } from "../loaders/geocode/geocode.ts";
import { seededRandom } from "../loaders/common/seeded-random.ts";
import { resolveReferenceDir } from "../loaders/reference/resolve.ts";
import {
  buildRealWritingReference,
  evaluateRealWriting,
  readRealWriting,
  scoreRealWriting,
} from "../test/geocode/real-writing.ts";

const COUNT = Number(process.env.BENCH_COUNT ?? 100_000);
let peak = process.memoryUsage().rss;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().rss);
};
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} Mo`;

const t0 = performance.now();
const index = await loadAddressIndex(resolveReferenceDir());
console.log(
  `index chargé en ${(performance.now() - t0).toFixed(0)} ms : ${index.streets.length} voies, ${index.places.length} lieux-dits (${index.fictitious ? "référence fictive" : index.source})`,
);
sample();

const rng = seededRandom(2015);
const drawn = Array.from({ length: COUNT }, () => drawAddress(index, rng, { noise: 0.5 }));
sample();

let right = 0,
  certainWrong = 0;
const t1 = performance.now();
// CPU time as well as wall time: on a shared, loaded machine only the former measures the geocoder.
const cpu1 = process.cpuUsage();
for (let i = 0; i < drawn.length; i++) {
  const d = drawn[i]!;
  const r = geocodeAddress(index, d.text, { commune: "13001" });
  if (r.iris === d.expected.iris) right++;
  else if (r.iris && r.certain) certainWrong++;
  if (i % 10_000 === 0) sample();
}
const geocodeSeconds = (performance.now() - t1) / 1000;
const cpuUsed = process.cpuUsage(cpu1);
const cpuSeconds = (cpuUsed.user + cpuUsed.system) / 1e6;
sample();
console.log(
  `géocodeur : ${COUNT} adresses en ${geocodeSeconds.toFixed(2)} s = ${Math.round(COUNT / geocodeSeconds)} adresses/s ` +
    `(temps CPU ${cpuSeconds.toFixed(2)} s = ${Math.round(COUNT / cpuSeconds)} adresses/s de CPU) ; ` +
    `IRIS juste ${((100 * right) / COUNT).toFixed(2)} %, faux et « certain » ${((100 * certainWrong) / COUNT).toFixed(3)} % ; pic mémoire ${mb(peak)}`,
);

const realCases = readRealWriting();
const real = scoreRealWriting(
  evaluateRealWriting((await buildRealWritingReference(resolveReferenceDir(), realCases)).index, realCases),
);
const pct = (n: number) => `${((100 * n) / real.decidable).toFixed(1)} %`;
console.log(
  `écriture réelle (${real.total} adresses de lieux publics d'Aix, dont ${real.undecidable} sans numéro sur une voie à cheval sur plusieurs IRIS, indécidables) : ` +
    `sur ${real.decidable}, IRIS juste ${real.right} (${pct(real.right)}), faux ${real.wrong} (${pct(real.wrong)}), ` +
    `faux et « certain » ${real.wrongCertain}, non placé ${real.notPlaced} (${pct(real.notPlaced)})`,
);
sample();

const fuse = new Fuse(
  index.streets.map((s) => ({ name: s.name, id: s.id })),
  { keys: ["name"], includeScore: true, threshold: 0.4 },
);
let fuseRight = 0;
const fuseCount = Math.min(COUNT, Number(process.env.BENCH_FUSE_COUNT ?? 5_000));
const t2 = performance.now();
for (let i = 0; i < fuseCount; i++) {
  const d = drawn[i]!;
  const hit = fuse.search(d.text, { limit: 1 })[0];
  if (hit && hit.item.name === d.expected.street) fuseRight++;
  if (i % 10_000 === 0) sample();
}
const fuseSeconds = (performance.now() - t2) / 1000;
sample();
console.log(
  `fuse.js (recherche floue simple sur ${index.streets.length} noms de voies, sans numéro ni IRIS) : ${fuseCount} adresses en ${fuseSeconds.toFixed(2)} s = ${Math.round(fuseCount / fuseSeconds)} adresses/s ; ` +
    `voie juste ${((100 * fuseRight) / fuseCount).toFixed(2)} % ; pic mémoire ${mb(peak)}`,
);
