/**
 * The analyst's private corrections: a CSV "adresse;correction" where the correction is a
 * corrected address or an IRIS code (9 digits). Applied on the next run; the row then has
 * match type "forced". The file is private (it holds addresses) and is never published.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { RawAddress } from "../contracts.ts";
import { InputError } from "../contracts.ts";
import type { AddressIndex } from "./address-index.ts";
import { geocodeAddress, type GeocodeOutcome } from "./geocode.ts";
import { normalizeText } from "./normalize.ts";

export type Correction = { kind: "iris"; iris: string } | { kind: "address"; address: string };
export type Corrections = ReadonlyMap<string, Correction>;

/** The key under which an address is corrected: its normalised text, so case and accents do not matter. */
export function correctionKey(address: RawAddress | string): string {
  const text =
    typeof address === "string"
      ? address
      : (address.full ?? [address.number, address.street, address.postcode, address.commune].filter(Boolean).join(" "));
  return normalizeText(text);
}

export function parseCorrections(text: string, file: string, irisCodes: ReadonlySet<string>): Corrections {
  const corrections = new Map<string, Correction>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const row = i + 1;
    const cells = line.split(";").map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
    if (row === 1 && /adresse/i.test(cells[0] ?? "") && !/\d/.test(cells[0] ?? "")) return;
    const [address, correction] = cells;
    if (!address || !correction) {
      throw new InputError(
        `Fichier ${basename(file)}, ligne ${row}, colonne ${!address ? "A (adresse)" : "B (correction)"} : cellule vide (règle : « adresse;adresse corrigée ou code IRIS »).`,
        file,
        "correction-format",
      );
    }
    if (/^\d{9}$/.test(correction)) {
      if (!irisCodes.has(correction)) {
        throw new InputError(
          `Fichier ${basename(file)}, ligne ${row}, colonne B (correction) : code IRIS ${correction} inconnu du territoire (règle : IRIS existant).`,
          file,
          "correction-iris",
        );
      }
      corrections.set(correctionKey(address), { kind: "iris", iris: correction });
    } else corrections.set(correctionKey(address), { kind: "address", address: correction });
  });
  return corrections;
}

export async function readCorrections(file: string, index: AddressIndex): Promise<Corrections> {
  return parseCorrections(await readFile(file, "utf8"), file, new Set(index.irisNames.keys()));
}

/** Geocodes an address, the analyst's correction first when there is one. */
export function geocodeWithCorrections(
  index: AddressIndex,
  corrections: Corrections,
  address: RawAddress | string | null,
  defaults: { commune: string },
): GeocodeOutcome {
  const correction = address === null ? undefined : corrections.get(correctionKey(address));
  if (!correction) return geocodeAddress(index, address, defaults);
  if (correction.kind === "iris") {
    return {
      iris: correction.iris,
      commune: correction.iris.slice(0, 5),
      matchType: "forced",
      score: 1,
      certain: true,
    };
  }
  const corrected = geocodeAddress(index, correction.address, defaults);
  if (corrected.iris === null)
    return { ...corrected, reason: `correction non géocodable : ${corrected.reason ?? ""}`.trim() };
  return { ...corrected, matchType: "forced" };
}
