import type {
  AggregateRecord,
  DatasetEdition,
  ExportRow,
  FieldValue,
  MatchType,
  PrivateRecord,
  RowAccount,
} from "../contracts.ts";
import { plainUpper } from "../common/plain-text.ts";
import { dedupeByIdentifier } from "../exports/dedupe.ts";
import type { ParsedExport } from "../exports/read-export.ts";
import { getSchema } from "../exports/registry.ts";
import type { AddressIndex } from "../geocode/address-index.ts";
import { geocodeWithCorrections, type Corrections } from "../geocode/corrections.ts";
import { communeCodeFromLabel, communeCodeFromPostcode, communesOfDepartement } from "../reference/communes.ts";
import { ageAt } from "./age.ts";

export interface Territory {
  commune: string;
  departement: string;
  departementName: string;
}

export interface IngestResult {
  records: PrivateRecord[];
  aggregates: AggregateRecord[];
  edition: DatasetEdition;
  account: RowAccount;
  /** Rows placed, by match type (territory rows only): the public geocoding quality. */
  matchTypes: Partial<Record<MatchType, number>>;
  /** Rows of the territory that could not be placed in an IRIS: kept for correction only. */
  notPlaced: ExportRow[];
}

/** Personal fields never enter the private store: the birth date becomes an age. */
function deidentify(fields: Record<string, FieldValue>, observationDate: string): Record<string, FieldValue> {
  const kept: Record<string, FieldValue> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name === "birthDate") {
      kept.age = typeof value === "string" ? ageAt(value, observationDate) : null;
    } else {
      kept[name] = value;
    }
  }
  return kept;
}

/**
 * The commune of a row from its address: the commune name when given, else the postcode. In
 * some départements a postcode can be another commune's INSEE code (in the Bouches-du-Rhône
 * 13001 is a commune's INSEE code and Marseille 1er's postcode), so postcodes are read as postcodes only. A postcode the
 * observed commune shares with neighbours (13100) counts as the observed commune: the
 * geocoder then says whether the street is there.
 */
function statedCommune(row: ExportRow, territory: Territory): string | null {
  const address = row.address;
  const label = address?.commune ?? row.communeLabel ?? null;
  if (label) {
    const code = communeCodeFromLabel(label, territory.departement);
    if (code) return code;
  }
  const postcode = address?.postcode ?? (address?.full ? /\b(\d{5})\b/.exec(address.full)?.[1] : undefined);
  if (!postcode) return null;
  if (territoryPostcodes(territory).has(postcode)) return territory.commune;
  return communeCodeFromPostcode(postcode, territory.departement);
}

const postcodesByCommune = new Map<string, Set<string>>();
function territoryPostcodes(territory: Territory): Set<string> {
  let found = postcodesByCommune.get(territory.commune);
  if (!found) {
    const commune = communesOfDepartement(territory.departement).find((c) => c.code === territory.commune);
    found = new Set(commune?.postcodes ?? []);
    postcodesByCommune.set(territory.commune, found);
  }
  return found;
}

/**
 * Turns a validated export into de-identified records: de-duplicates by identifier, places
 * each row of the observed commune in an IRIS (other communes are counted by commune), and
 * keeps neither address nor identifier nor birth date.
 */
export function ingestParsed(
  parsed: ParsedExport,
  context: {
    year: number;
    territory: Territory;
    index: AddressIndex;
    synthetic: boolean;
    corrections?: Corrections;
    progress?: (done: number) => void;
  },
): IngestResult {
  const { year, territory, index } = context;
  const observationDate = parsed.observationDate ?? `${year}-12-31`;
  const edition: DatasetEdition = {
    dataset: parsed.dataset,
    year,
    observationDate,
    lastUpdate: parsed.lastUpdate ?? null,
    synthetic: context.synthetic,
  };
  const account: RowAccount = { ...parsed.account, rejected: { ...parsed.account.rejected } };
  const result: IngestResult = { records: [], aggregates: [], edition, account, matchTypes: {}, notPlaced: [] };

  if (getSchema(parsed.dataset)?.kind === "aggregate") {
    for (const row of parsed.rows) {
      const code = aggregateCode(row.communeLabel ?? "", territory);
      if (!code) {
        account.kept--;
        account.rejected["territoire-inconnu"] = (account.rejected["territoire-inconnu"] ?? 0) + 1;
        continue;
      }
      const fields: Record<string, number | null> = {};
      for (const [name, value] of Object.entries(row.fields)) fields[name] = typeof value === "number" ? value : null;
      result.aggregates.push({
        dataset: parsed.dataset,
        year,
        observationDate,
        level: code === territory.departement ? "departement" : "commune",
        code,
        fields,
      });
    }
    return result;
  }

  const unique = parsed.protocol === 2 ? dedupeByIdentifier(parsed.rows) : { rows: parsed.rows, duplicates: 0 };
  account.duplicates += unique.duplicates;
  account.kept -= unique.duplicates;
  let done = 0;
  for (const row of unique.rows) {
    context.progress?.(++done);
    const placed = place(row, territory, index, context.corrections ?? new Map());
    if (placed.iris === null && placed.commune === territory.commune) {
      account.notGeocoded++;
      account.kept--;
      result.notPlaced.push(row);
    } else if (placed.commune === null) {
      account.notGeocoded++;
      account.kept--;
      result.notPlaced.push(row);
    }
    if (placed.commune === territory.commune)
      result.matchTypes[placed.matchType] = (result.matchTypes[placed.matchType] ?? 0) + 1;
    result.records.push({
      dataset: parsed.dataset,
      year,
      observationDate,
      iris: placed.iris,
      commune: placed.commune,
      matchType: placed.matchType,
      fields: deidentify(row.fields, observationDate),
    });
  }
  return result;
}

function place(
  row: ExportRow,
  territory: Territory,
  index: AddressIndex,
  corrections: Corrections,
): { iris: string | null; commune: string | null; matchType: MatchType } {
  if (row.iris !== undefined && row.iris !== null) {
    // Protocol 1 return: the partner already gives the IRIS.
    return { iris: row.iris, commune: row.iris.slice(0, 5), matchType: "forced" };
  }
  const commune = statedCommune(row, territory) ?? territory.commune;
  if (commune !== territory.commune) return { iris: null, commune, matchType: "commune" };
  if (!row.address) return { iris: null, commune, matchType: "not-found" };
  const found = geocodeWithCorrections(index, corrections, row.address, { commune });
  return { iris: found.iris, commune, matchType: found.matchType };
}

/** Label of an aggregated line: the département ("CD BOUCHE DU RHONE", "Département") or a commune. */
function aggregateCode(label: string, territory: Territory): string | null {
  // Word by word, a final S dropped: partners write "BOUCHE DU RHONE" as often as "BOUCHES-DU-RHÔNE".
  const words = (text: string) =>
    plainUpper(text)
      .split(" ")
      .filter((w) => w !== "")
      .map((w) => w.replace(/S$/, ""));
  const plain = words(label);
  const departement = words(territory.departementName);
  if (
    plain[0] === "DEPARTEMENT" ||
    plain.join(" ") === territory.departement ||
    (departement.length > 0 && departement.every((w) => plain.includes(w)))
  ) {
    return territory.departement;
  }
  return communeCodeFromLabel(label, territory.departement);
}
