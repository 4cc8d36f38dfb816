/**
 * `abs geocode <entrée.xlsx|csv> --sortie <sortie.xlsx|csv>` (Protocol 1 of Annex 3): the
 * partner's file has an identifier (column A) and an address (column B); the file returned
 * has the identifier, the IRIS code and name, the match type and the score, never the address.
 */
import { progressReporter } from "../common/progress.ts";
import { existsSync, statSync } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";
import type { RawAddress } from "../contracts.ts";
import { InputError } from "../contracts.ts";
import { resolveReferenceDir } from "../reference/resolve.ts";
import { readObservatoryConfig } from "../config.ts";
import { assertAddressIndexAllowed, loadAddressIndex, type AddressIndex } from "./address-index.ts";
import { geocodeWithCorrections, readCorrections, type Corrections } from "./corrections.ts";
import { MATCH_TYPE_LABELS, MATCH_TYPES, summarizeMatchQuality } from "./match-quality.ts";
import { normalizeText } from "./normalize.ts";
import { leaveAsideNobody, readTable, writeTable } from "./table-io.ts";
import { unexpectedFailure } from "../exports/sniff-format.ts";
import { identifierWarnings } from "./identifier-check.ts";
import { headerRowIndex, looksLikeAddress } from "./file-layout.ts";
import { commandHelp, defineCommand, flag, parseCommandArgs } from "../common/cli-args.ts";

const SPEC = defineCommand(
  "geocode <entrée.xlsx|csv>",
  "protocole 1 : identifiant + adresse → identifiant + code et nom d'IRIS, type de correspondance, score (jamais l'adresse) ; 0 : sortie écrite ; 1 : sortie écrite, identifiants vides ou répétés à vérifier ; 2 : fichier inutilisable",
  {
    sortie: flag.value("<sortie.xlsx|csv>", "fichier rendu (obligatoire)"),
    identifiant: flag.value("<col>", "colonne de l'identifiant (lettre ou titre ; défaut A)"),
    adresse: flag.value("<col>", "colonne de l'adresse complète (défaut B)"),
    numero: flag.value("<col>", "adresse répartie : colonne du numéro (remplace --adresse)"),
    voie: flag.value("<col>", "adresse répartie : colonne de la voie"),
    "code-postal": flag.value("<col>", "adresse répartie : colonne du code postal"),
    ville: flag.value("<col>", "adresse répartie : colonne de la ville"),
    commune: flag.value(
      "<INSEE>",
      "commune des adresses sans code postal ni ville (défaut : celle de data/observatory.json)",
    ),
    corrections: flag.value("<csv>", "corrections de l'analyste (adresse;adresse corrigée ou code IRIS)"),
    feuille: flag.value("<nom>", "feuille du classeur (défaut : la première visible)"),
    "sans-entete": flag.switch("la première ligne est une donnée, pas un titre"),
  },
);

interface Options {
  input: string;
  out: string;
  columns: Partial<Record<"identifier" | "full" | "number" | "street" | "postcode" | "commune", string>>;
  commune: string;
  corrections?: string;
  sheet?: string;
  header: boolean;
}

const FLAG_TO_COLUMN: Record<string, keyof Options["columns"]> = {
  identifiant: "identifier",
  adresse: "full",
  numero: "number",
  voie: "street",
  "code-postal": "postcode",
  ville: "commune",
};

function geocodeArgs(args: string[]): Options | { help: string } {
  const parsed = parseCommandArgs(SPEC, args);
  if ("help" in parsed) return parsed;
  const v = parsed.values;
  const text = (flag: string) => (typeof v[flag] === "string" ? (v[flag] as string) : undefined);
  const columns: Options["columns"] = {};
  for (const [flag, key] of Object.entries(FLAG_TO_COLUMN)) if (text(flag) !== undefined) columns[key] = text(flag);
  const out = text("sortie");
  if (!out) throw new InputError(`Erreur : --sortie est obligatoire.\n${commandHelp(SPEC)}`, "", "usage", 2);
  const commune = text("commune") ?? readObservatoryConfig().territory.commune;
  if (!/^\d[0-9AB]\d{3}$/.test(commune))
    throw new InputError(`Erreur : --commune attend un code INSEE à 5 caractères (ex. 13001).`, "", "usage", 2);
  if (!columns.full && !columns.street) columns.full = "B";
  columns.identifier ??= "A";
  return {
    input: parsed.positionals[0]!,
    out,
    columns,
    commune,
    ...(text("corrections") ? { corrections: text("corrections")! } : {}),
    ...(text("feuille") ? { sheet: text("feuille")! } : {}),
    header: v["sans-entete"] !== true,
  };
}

/**
 * Refuses, before any work, an output the command could not write or that would surprise:
 * another format than .csv or .xlsx, a folder that does not exist, the input file itself.
 */
function checkOutput(out: string, input: string): void {
  const name = basename(out);
  const ext = extname(out).toLowerCase();
  if (ext !== ".csv" && ext !== ".xlsx")
    throw new InputError(
      `Fichier de sortie ${name} : extension ${ext || "absente"} refusée, attendu .csv ou .xlsx (règle : sortie au format csv ou xlsx).`,
      out,
      "usage",
    );
  const folder = dirname(resolve(out));
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new InputError(
      `Fichier de sortie ${name} : le dossier ${folder} n'existe pas ; créez-le ou choisissez un autre dossier (règle : dossier de sortie existant).`,
      out,
      "usage",
    );
  if (resolve(out) === resolve(input))
    throw new InputError(
      `Fichier de sortie ${name} : c'est le fichier d'entrée, il serait remplacé ; choisissez un autre nom (règle : l'entrée n'est jamais écrasée).`,
      out,
      "usage",
    );
}

/** The index of a column letter: A = 0, Z = 25, AA = 26. */
function letterIndex(spec: string): number {
  const letters = spec.toUpperCase();
  return letters.length === 1
    ? letters.charCodeAt(0) - 65
    : (letters.charCodeAt(0) - 64) * 26 + letters.charCodeAt(1) - 65;
}

function columnIndex(spec: string, header: string[] | null, file: string, width: number): number {
  // A title wins over a letter: a column titled "id" is not column ID.
  const titled = header ? header.findIndex((h) => normalizeText(h) === normalizeText(spec)) : -1;
  if (titled >= 0) return titled;
  if (/^[A-Z]{1,2}$/i.test(spec)) {
    const letters = spec.toUpperCase();
    const at = letterIndex(letters);
    // Past the last column, a letter names nothing: not an empty column.
    if (at >= width)
      throw new InputError(
        `Fichier ${basename(file)}, colonne ${letters} : colonne absente, le fichier a ${width} colonne(s)${width > 0 ? ` (A à ${columnName(width - 1)})` : ""} (règle : colonne désignée par une lettre ou par son titre).`,
        file,
        "column",
      );
    return at;
  }
  const wanted = normalizeText(spec);
  const at = header ? header.findIndex((h) => normalizeText(h) === wanted) : -1;
  if (at < 0) {
    throw new InputError(
      `Fichier ${basename(file)}, ligne 1, colonne « ${spec} » : colonne introuvable (règle : colonne désignée par une lettre ou par son titre).`,
      file,
      "column",
    );
  }
  return at;
}

/**
 * Refuses, in French, the files that would give a wrong output silently: no data row, an
 * address column that is empty everywhere, a first row that is a person and not a header.
 */
function checkShape(
  file: string,
  header: string[] | null,
  rows: string[][],
  firstLine: number,
  at: Partial<Record<keyof Options["columns"], number>>,
): void {
  const name = basename(file);
  if (!rows.length)
    throw new InputError(
      `Fichier ${name} : aucune ligne de données${header ? " sous l'en-tête" : ""} (règle : au moins une personne).`,
      file,
      "aucune-ligne",
    );
  const addressAt = at.full ?? at.street!;
  const what = at.full !== undefined ? "adresse" : "voie";
  if (rows.every((r) => (r[addressAt] ?? "").trim() === ""))
    throw new InputError(
      `Fichier ${name}, colonne ${columnName(addressAt)} : colonne ${what} vide sur toutes les lignes ; désignez la bonne colonne avec --adresse (règle : colonne d'adresse renseignée).`,
      file,
      "column",
    );
  // Names or identifiers in the address column would be "geocoded" as addresses, all not found.
  const written = rows.map((r) => (r[addressAt] ?? "").trim()).filter(Boolean);
  if (at.full !== undefined && !written.some(looksLikeAddress))
    throw new InputError(
      `Fichier ${name}, colonne ${columnName(addressAt)}${header?.[addressAt] ? ` (« ${header[addressAt]!.trim()} »)` : ""} : aucune ligne ne ressemble à une adresse (ni numéro, ni code postal, ni type de voie) ; désignez la colonne de l'adresse avec --adresse (règle : colonne d'adresse).`,
      file,
      "column",
    );
  // A header has no house number; a first person taken for a header would vanish from the output.
  if (header && /\d/.test(header[addressAt] ?? "") && /[a-z]{3}/i.test(header[addressAt] ?? ""))
    throw new InputError(
      `Fichier ${name}, ligne ${firstLine}, colonne ${columnName(addressAt)} : la première ligne ressemble à une adresse, pas à un titre de colonne ; si le fichier n'a pas d'en-tête, relancez avec --sans-entete (règle : en-tête en ligne 1).`,
      file,
      "header",
    );
}

const columnName = (index: number) =>
  index < 26
    ? String.fromCharCode(65 + index)
    : String.fromCharCode(64 + Math.floor(index / 26)) + String.fromCharCode(65 + (index % 26));

/** `deps.index`: an address reference already in memory (tests run the command many times). */
export async function geocodeCommand(args: string[], deps: { index?: AddressIndex } = {}): Promise<number> {
  let input = "entrée";
  try {
    const parsedOptions = geocodeArgs(args);
    if ("help" in parsedOptions) {
      process.stdout.write(`${parsedOptions.help}\n`);
      return 0;
    }
    const options = parsedOptions;
    input = options.input;
    checkOutput(options.out, options.input);
    const specs = Object.values(options.columns) as string[];
    const lettered = specs.filter((spec) => /^[A-Z]{1,2}$/i.test(spec));
    const read = await readTable(resolve(options.input), options.sheet, {
      header: options.header,
      // The header may sit under a title block: the first row that fills the columns used.
      headerIndex: (rows) => {
        const headWidth = rows.reduce((w, row) => Math.max(w, row.length), 0);
        return headerRowIndex(
          rows,
          // A two-letter spec may be a title ("id"): only letters inside the table count here.
          lettered.map(letterIndex).filter((at) => at < headWidth),
          specs.filter((spec) => !lettered.includes(spec)),
        );
      },
    });
    const width = Math.max(
      read.header?.length ?? 0,
      read.rows.reduce((w, row) => Math.max(w, row.length), 0),
    );
    const header = read.header;
    const at = Object.fromEntries(
      Object.entries(options.columns).map(([k, spec]) => [k, columnIndex(spec!, header, read.file, width)]),
    ) as Partial<Record<keyof Options["columns"], number>>;
    const addressColumns = [at.full, at.number, at.street].filter((c): c is number => c !== undefined);
    const table = leaveAsideNobody(read, Object.values(at) as number[], addressColumns, at.identifier);
    const dataRows = table.rows;
    checkShape(table.file, header, dataRows, table.headerLine, at);
    if (header && table.headerLine > 1)
      process.stderr.write(
        `${basename(options.input)} : en-tête lu ligne ${table.headerLine} ; ${table.headerLine - 1} ligne(s) au-dessus (titres ou vides), hors bilan.\n`,
      );
    for (const note of table.notes) process.stderr.write(`${basename(options.input)} : ${note}\n`);
    const dataLines = table.rowNumbers;
    const idWarnings = identifierWarnings(
      basename(options.input),
      dataRows.map((row) => row[at.identifier!] ?? ""),
      dataLines,
    );
    for (const warning of idWarnings) process.stderr.write(`${warning}\n`);

    const index = deps.index ?? (await loadAddressIndex(resolveReferenceDir()));
    // Protocol 1 files come from the partner: real addresses.
    assertAddressIndexAllowed(index, { synthetic: false });
    const corrections: Corrections = options.corrections
      ? await readCorrections(resolve(options.corrections), index)
      : new Map();

    // A quoted address over several lines is one address: its line breaks are spaces.
    const cell = (row: string[], key: keyof Options["columns"]) =>
      at[key] === undefined ? undefined : (row[at[key]!] ?? "").replace(/\s+/g, " ").trim();
    const results = [];
    const out: Array<Array<string | number>> = [];
    const progress = progressReporter("géocodage", dataRows.length);
    for (let i = 0; i < dataRows.length; i++) {
      const row = dataRows[i]!;
      const address: RawAddress =
        at.full !== undefined
          ? { full: cell(row, "full") }
          : {
              number: cell(row, "number"),
              street: cell(row, "street"),
              postcode: cell(row, "postcode"),
              commune: cell(row, "commune"),
            };
      const result = geocodeWithCorrections(index, corrections, address, { commune: options.commune });
      results.push(result);
      out.push([
        // The identifier exactly as sent (the partner joins on it); writeTable neutralises formulas.
        row[at.identifier!] ?? "",
        result.iris ?? "",
        result.iris ? (index.irisNames.get(result.iris) ?? "") : "",
        MATCH_TYPE_LABELS[result.matchType],
        result.score,
      ]);
      progress(i + 1);
    }
    await writeTable(
      resolve(options.out),
      ["identifiant", "code_iris", "nom_iris", "type_correspondance", "score"],
      out,
    );
    const quality = summarizeMatchQuality(results);
    const shares = MATCH_TYPES.filter((t) => quality.shares[t] > 0)
      .map((t) => `${MATCH_TYPE_LABELS[t]} ${(quality.shares[t] * 100).toFixed(1)} %`)
      .join(", ");
    process.stderr.write(
      `${quality.total} adresse(s) géocodée(s) depuis ${basename(options.input)} vers ${basename(options.out)} ` +
        `(référence : ${index.source}) — placées dans un IRIS : ${(quality.placedShare * 100).toFixed(1)} %, ` +
        `dont certaines : ${(quality.certainShare * 100).toFixed(1)} % ; ${shares}.\n`,
    );
    if (idWarnings.length)
      process.stderr.write(
        "Sortie écrite, mais des identifiants sont à vérifier (voir ci-dessus) : code de sortie 1.\n",
      );
    return idWarnings.length ? 1 : 0;
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`${unexpectedFailure(basename(input), "le géocodage")}\n`);
    return 2;
  }
}
