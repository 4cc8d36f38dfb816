/**
 * `abs check <fichier> --dataset <id>`: validation only, nothing is written.
 * Exit 0 clean, 1 rows rejected, 2 unusable input. Never prints a personal value.
 */
import { readFile } from "node:fs/promises";
import { InputError, type DatasetId } from "../contracts.ts";
import { dedupeByIdentifier } from "./dedupe.ts";
import { formatAccount, totalRejected } from "./format-account.ts";
import { readExport, type ReadExportOptions } from "./read-export.ts";
import { allSchemas } from "./registry.ts";

const USAGE =
  "Usage : abs check <fichier.xlsx|fichier.csv> [--dataset <jeu>] [--mapping <correspondance.json>] [--sheet <feuille>] [--commune <commune par défaut>] [--observation <aaaa-mm-jj>]";
const MAX_LISTED = 50;

interface CheckArgs {
  file: string;
  opts: ReadExportOptions;
  mappingFile?: string;
}

function parseArgs(args: string[]): CheckArgs | string {
  let file: string | undefined;
  const opts: ReadExportOptions = {};
  let mappingFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`option ${a} sans valeur`);
      return v;
    };
    try {
      if (a === "--dataset") opts.dataset = value() as DatasetId;
      else if (a === "--mapping") mappingFile = value();
      else if (a === "--sheet") opts.sheet = value();
      else if (a === "--commune") opts.defaultCommune = value();
      else if (a === "--observation") opts.observationDate = value();
      else if (a.startsWith("--")) return `option inconnue : ${a}`;
      else if (file) return "un seul fichier à la fois";
      else file = a;
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (!file) return "fichier manquant";
  if (opts.dataset && !allSchemas().some((s) => s.id === opts.dataset))
    return `jeu de données inconnu « ${opts.dataset} » (connus : ${allSchemas()
      .map((s) => s.id)
      .join(", ")})`;
  return { file, opts, mappingFile };
}

async function readMapping(path: string): Promise<Record<string, string>> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, "utf8"));
  } catch {
    throw new InputError(
      `${path} : fichier de correspondance illisible (JSON attendu : { "en-tête du fichier": "champ" }).`,
      path,
      "correspondance-illisible",
    );
  }
  if (
    !data ||
    typeof data !== "object" ||
    Array.isArray(data) ||
    Object.values(data).some((v) => typeof v !== "string")
  )
    throw new InputError(
      `${path} : fichier de correspondance invalide (JSON attendu : { "en-tête du fichier": "champ" }).`,
      path,
      "correspondance-invalide",
    );
  return data as Record<string, string>;
}

export async function checkCommand(
  args: string[],
  out: (line: string) => void = (l) => console.log(l),
  err: (line: string) => void = (l) => console.error(l),
): Promise<number> {
  const parsedArgs = parseArgs(args);
  if (typeof parsedArgs === "string") {
    err(`Erreur : ${parsedArgs}.`);
    err(USAGE);
    return 2;
  }
  try {
    const opts = { ...parsedArgs.opts };
    if (parsedArgs.mappingFile) opts.mapping = await readMapping(parsedArgs.mappingFile);
    const parsed = await readExport(parsedArgs.file, opts);
    const deduped = dedupeByIdentifier(parsed.rows);
    const account = { ...parsed.account, kept: deduped.rows.length, duplicates: deduped.duplicates };
    out(`Vérification de ${parsed.file}${parsed.sheet ? ` (feuille « ${parsed.sheet} »)` : ""}`);
    out(
      `Jeu de données : ${parsed.dataset} — protocole ${parsed.protocol}${parsed.format === "csv" ? ` — CSV ${parsed.encoding}, séparateur « ${parsed.separator === "\t" ? "tabulation" : parsed.separator} »` : ""}`,
    );
    out(
      `Date d'observation : ${parsed.observationDate ?? "non précisée"} ; dernière mise à jour : ${parsed.lastUpdate ?? "non précisée"}`,
    );
    out("Colonnes reconnues :");
    for (const [h, f] of Object.entries(parsed.headerMap)) out(`  « ${h} » → ${f}`);
    if (parsed.droppedColumns.length)
      out(`Colonnes écartées (non lues) : ${parsed.droppedColumns.map((c) => `« ${c} »`).join(", ")}`);
    if (parsed.notes.length) {
      out("À savoir :");
      for (const note of parsed.notes) out(`  ${note}`);
    }
    for (const line of formatAccount(account, { protocol: parsed.protocol })) out(line);
    if (deduped.conflicts) out(`Doublons aux valeurs différentes de la première occurrence : ${deduped.conflicts}`);
    const errors = parsed.rejections.filter((r) => r.severity === "error");
    const warnings = parsed.rejections.filter((r) => r.severity === "warning");
    for (const [title, list] of [
      ["Erreurs", errors],
      ["Avertissements (lignes conservées)", warnings],
    ] as const) {
      if (!list.length) continue;
      out(`${title} (${list.length}) :`);
      for (const r of list.slice(0, MAX_LISTED)) out(`  ${r.message}`);
      if (list.length > MAX_LISTED) out(`  … et ${list.length - MAX_LISTED} autres.`);
    }
    return totalRejected(account) > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof InputError) {
      err(`Fichier inutilisable : ${e.message}`);
      return e.exitCode;
    }
    // No internal message or stack: they are English and may quote a cell.
    err(`Fichier inutilisable : ${parsedArgs.file} : erreur inattendue à la lecture, le fichier n'a pas pu être lu.`);
    return 2;
  }
}
