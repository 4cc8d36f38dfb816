/**
 * Lays out one synthetic individual file with the mess real exports have: title rows,
 * header variants, blank lines, a stray personal column, injected errors and duplicates.
 * Every line gets its expected fate in the answer key.
 */
import type { FieldValue } from "../contracts.ts";
import type { RawCell } from "../exports/parse-value.ts";
import { isoToExcelSerial } from "../exports/parse-value.ts";
import { readObservatoryConfig } from "../config.ts";
import { observed, type CommuneInfo } from "./other-communes.ts";
import { chance, intBetween, pick, type Rng } from "../common/seeded-random.ts";
import { SheetBuilder } from "./sheet-builder.ts";

export interface SampleColumn {
  /** "identifier", "address", "postcode", "communeLabel", a field name, or "NOM" (stray). */
  key: string;
  headers: string[];
}

export interface Place {
  text: string;
  postcode: string;
  commune: CommuneInfo;
  expected?: { street: string; iris: string; postcode: string };
}

export interface IndividualRecord {
  identifier: string;
  place: Place;
  /** Field cells as the partner would type them. */
  cells: Record<string, RawCell>;
  /** Expected canonical fields. */
  fields: Record<string, FieldValue>;
  warnings?: string[];
}

export interface ErrorInjection {
  rule: string;
  rate: number;
  apply(cells: Record<string, RawCell>, rng: Rng): void;
}

export interface LayoutOptions {
  title: string;
  year: number;
  columns: SampleColumn[];
  records: IndividualRecord[];
  errors: ErrorInjection[];
  /** Fields a conflicting duplicate may change, with the alternative valid value. */
  conflict(record: IndividualRecord, rng: Rng): Record<string, RawCell>;
  strayNameColumn: boolean;
  rng: Rng;
}

/** What each individual file declares of its layout: its columns, the errors injected, how a duplicate conflicts. */
export type IndividualFile = Pick<LayoutOptions, "columns" | "errors" | "conflict">;

const SURNAMES = [
  "MARTIN",
  "BERNARD",
  "DUBOIS",
  "THOMAS",
  "ROBERT",
  "RICHARD",
  "PETIT",
  "DURAND",
  "LEROY",
  "MOREAU",
  "GARCIA",
  "ROUX",
  "FABRE",
  "BLANC",
  "GIRAUD",
];
const MONTHS_SHORT = ["janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"];

/** A date as partners type it: text dd/mm/yyyy, a real Excel date, a serial, or "3-déc-1935". */
export function partnerDate(iso: string, rng: Rng): RawCell {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const x = rng();
  if (x < 0.45) return `${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/${y}`;
  if (x < 0.75) return new Date(Date.UTC(y, m - 1, d));
  if (x < 0.9) return isoToExcelSerial(iso);
  return `${d}-${MONTHS_SHORT[m - 1]}-${y}`;
}

/** "des Bouches-du-Rhône", "du Gard", "de l'Hérault", "de la Drôme": as the Département signs. */
export function departementOf(): string {
  const name = readObservatoryConfig().territory.departementName;
  const plural = /^(Bouches|Alpes|Côtes|Hautes|Pyrénées|Deux|Yvelines|Landes|Vosges|Ardennes|Hauts)\b/.test(name);
  if (plural) return `des ${name}`;
  if (/^[AEIOUYÉÈH]/i.test(name)) return `de l'${name}`;
  return `de ${name}`;
}

/** The Département's name in a file's title: capitals, accents dropped ("DES BOUCHES-DU-RHONE"). */
function departementTitle(): string {
  return departementOf()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase();
}

export function titleRows(sheet: SheetBuilder, title: string, year: number, rng: Rng): string {
  const lastUpdate = `${year + 1}-0${intBetween(rng, 1, 4)}-${String(intBetween(rng, 10, 28))}`;
  const [uy, um, ud] = lastUpdate.split("-");
  sheet.title(`CONSEIL DEPARTEMENTAL ${departementTitle()}`);
  sheet.title(title);
  if (chance(rng, 0.5)) sheet.title("Date d'observation :", `31/12/${year}`);
  else sheet.title(`Données arrêtées au 31/12/${year}`);
  sheet.title(`Mise à jour le ${ud}/${um}/${uy}`);
  sheet.title();
  return lastUpdate;
}

export function layoutIndividual(opts: LayoutOptions): { sheet: SheetBuilder; lastUpdate: string } {
  const { rng, columns } = opts;
  const sheet = new SheetBuilder();
  const lastUpdate = titleRows(sheet, opts.title, opts.year, rng);
  const layout = opts.strayNameColumn
    ? [...columns.slice(0, 1), { key: "NOM", headers: ["NOM", "Nom"] }, ...columns.slice(1)]
    : columns;
  const chosen = layout.map((c) => pick(rng, c.headers));
  sheet.header(chosen);

  const pending: { at: number; cells: RawCell[]; record: IndividualRecord }[] = [];
  const totalRate = opts.errors.reduce((s, e) => s + e.rate, 0);
  opts.records.forEach((record, index) => {
    if (chance(rng, 0.005)) sheet.line([], { fate: "ignored" });
    const cells: Record<string, RawCell> = { ...baseCells(record, rng), ...record.cells };
    let rule: string | undefined;
    const x = rng();
    if (x < totalRate) {
      let acc = 0;
      for (const e of opts.errors) {
        acc += e.rate;
        if (x < acc) {
          e.apply(cells, rng);
          rule = e.rule;
          break;
        }
      }
    }
    const row = layout.map((c) => (c.key === "NOM" ? pick(rng, SURNAMES) : (cells[c.key] ?? null)));
    const answerBase = {
      identifier: record.identifier,
      commune: record.place.commune.code,
      ...(record.place.expected ? { expectedAddress: record.place.expected } : {}),
    };
    const label = typeof cells.communeLabel === "string" ? { communeLabel: cells.communeLabel } : {};
    if (rule) sheet.line(row, { fate: "rejected", rule, ...answerBase, ...label });
    else {
      sheet.line(row, {
        fate: "kept",
        fields: record.fields,
        ...(record.warnings?.length ? { warnings: record.warnings } : {}),
        ...answerBase,
        ...label,
      });
      if (chance(rng, 0.012)) {
        const conflicting = chance(rng, 0.5) ? opts.conflict(record, rng) : {};
        const dupCells = { ...cells, ...conflicting };
        pending.push({
          at: index + intBetween(rng, 1, 200),
          cells: layout.map((c) => (c.key === "NOM" ? pick(rng, SURNAMES) : (dupCells[c.key] ?? null))),
          record,
        });
      }
    }
    for (let p = pending.length - 1; p >= 0; p--) {
      if (pending[p]!.at > index) continue;
      const dup = pending.splice(p, 1)[0]!;
      sheet.line(dup.cells, {
        fate: "duplicate",
        identifier: dup.record.identifier,
        commune: dup.record.place.commune.code,
      });
    }
  });
  for (const dup of pending)
    sheet.line(dup.cells, {
      fate: "duplicate",
      identifier: dup.record.identifier,
      commune: dup.record.place.commune.code,
    });
  sheet.line(
    [`Source : Conseil Départemental ${departementOf()}, extraction du ${lastUpdate.split("-").reverse().join("/")}`],
    { fate: "ignored" },
  );
  return { sheet, lastUpdate };
}

/** Identifier and address cells; a few rows of the observed commune state neither postcode nor commune. */
function baseCells(record: IndividualRecord, rng: Rng): Record<string, RawCell> {
  const { place } = record;
  const isObserved = place.commune.code === observed.code;
  const bare = isObserved && chance(rng, 0.08);
  return {
    identifier: record.identifier,
    address: place.text,
    postcode: bare ? null : isObserved && chance(rng, 0.5) ? Number(place.postcode) : place.postcode,
    communeLabel: bare ? null : place.commune.label,
  };
}

/** Standard location columns of the individual files, with the header variants met in practice. */
export const LOCATION_COLUMNS: SampleColumn[] = [
  { key: "address", headers: ["Adresse complète", "ADRESSE", "Adresse", "adr. complete", "Adresse postale"] },
  { key: "postcode", headers: ["Code postal", "CP", "Code_Postal", "CODE POSTAL"] },
  {
    key: "communeLabel",
    headers: ["Libellé géographique COMMUNE", "Commune", "LIBELLE COMMUNE", "Libellé géographique"],
  },
];
