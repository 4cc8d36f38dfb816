/**
 * Placing a house number on a recognised street: the exact number; else between the nearest
 * numbers of the same side (odd or even), interpolated; else the street itself when it lies
 * in a single IRIS. A number far beyond the street's last is not placed at all: it is more
 * likely a wrong street than a new house.
 */
import type { IndexedStreet } from "./address-index.ts";
import type { MatchType } from "../contracts.ts";

/**
 * An interpolated position is certain when this close to a known address (metres) and its two
 * neighbours lie in the same IRIS; otherwise it is only « estimé », and says so.
 */
export const CERTAIN_INTERPOLATION_METERS = 50;
/** Beyond the last number, within this many numbers on the same side, the nearest is used (estimated). */
export const EXTRAPOLATION_NUMBERS = 6;

export interface NumberPlacement {
  matchType: Extract<MatchType, "exact" | "interpolated" | "estimated" | "street" | "ambiguous" | "not-found">;
  iris: string | null;
  /** Multiplies the street name score. */
  factor: number;
  certain: boolean;
  reason?: string;
}

const METERS_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;
function distanceMeters(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const kx = Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180);
  return Math.hypot((lon2 - lon1) * kx, lat2 - lat1) * METERS_PER_DEGREE;
}

function streetLevel(street: IndexedStreet, reason: string): NumberPlacement {
  if (street.iris.length === 1)
    return { matchType: "street", iris: street.iris[0]!, factor: 0.8, certain: false, reason };
  return {
    matchType: "ambiguous",
    iris: null,
    factor: 0.5,
    certain: false,
    reason: `${reason} ; voie à cheval sur ${street.iris.length} IRIS`,
  };
}

export function placeNumber(
  street: IndexedStreet,
  number: number | null,
  suffix: string | null,
  locate: (lon: number, lat: number) => string | null,
): NumberPlacement {
  if (number === null) return streetLevel(street, "numéro absent");
  const { numbers, reps } = street;
  let exactAt = -1;
  for (let i = 0; i < numbers.length; i++) {
    if (numbers[i] !== number) continue;
    if (reps[i] === (suffix ?? "")) {
      exactAt = i;
      break;
    }
    if (exactAt < 0 || reps[i] === "") exactAt = i;
  }
  if (exactAt >= 0) {
    const suffixFound = reps[exactAt] === (suffix ?? "");
    return { matchType: "exact", iris: street.irisOf[exactAt]!, factor: suffixFound ? 1 : 0.98, certain: true };
  }
  const last = numbers[numbers.length - 1]!;
  if (number > last + Math.max(20, last)) {
    return {
      matchType: "not-found",
      iris: null,
      factor: 0,
      certain: false,
      reason: "numéro très au-delà du dernier numéro connu de la voie",
    };
  }
  let below = -1,
    above = -1;
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i]!;
    if (n % 2 !== number % 2 || reps[i] !== "") continue;
    if (n < number) below = i;
    else if (n > number && above < 0) above = i;
  }
  if (below >= 0 && above >= 0) {
    const lo = numbers[below]!,
      hi = numbers[above]!;
    const t = (number - lo) / (hi - lo);
    const lon = street.lon[below]! + t * (street.lon[above]! - street.lon[below]!);
    const lat = street.lat[below]! + t * (street.lat[above]! - street.lat[below]!);
    const nearest = Math.min(
      distanceMeters(lon, lat, street.lon[below]!, street.lat[below]!),
      distanceMeters(lon, lat, street.lon[above]!, street.lat[above]!),
    );
    const sameIris = street.irisOf[below] === street.irisOf[above];
    const iris = sameIris ? street.irisOf[below]! : (locate(lon, lat) ?? street.irisOf[t < 0.5 ? below : above]!);
    if (sameIris && nearest <= CERTAIN_INTERPOLATION_METERS)
      return { matchType: "interpolated", iris, factor: 0.95, certain: true };
    // The label must not claim what the position cannot: a weaker type (the geocoder caps its score).
    return {
      matchType: "estimated",
      iris,
      factor: 0.95,
      certain: false,
      reason: sameIris
        ? `numéro estimé à plus de ${CERTAIN_INTERPOLATION_METERS} m des numéros connus`
        : "numéro estimé entre deux numéros d'IRIS différents",
    };
  }
  const neighbour = below >= 0 ? below : above;
  if (neighbour >= 0 && Math.abs(numbers[neighbour]! - number) <= 2 * EXTRAPOLATION_NUMBERS) {
    return {
      matchType: "estimated",
      iris: street.irisOf[neighbour]!,
      factor: 0.85,
      certain: false,
      reason: "numéro hors des numéros connus, rattaché au plus proche",
    };
  }
  return streetLevel(street, "numéro inconnu sur la voie");
}
