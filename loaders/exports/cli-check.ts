/**
 * `abs check <fichier> --jeu <id>`: validation only, nothing is written.
 * Exit 0 clean, 1 rows rejected, 2 unusable input. Never prints a personal value.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { unexpectedFailure } from "./sniff-format.ts";
import { InputError, type DatasetId } from "../contracts.ts";
import { conflictMessages, dedupeByIdentifier } from "./dedupe.ts";
import { formatAccount, totalRejected } from "./format-account.ts";
import { describeLayout, readExport, type ReadExportOptions } from "./read-export.ts";
import { rejectionLines } from "./rejection-lines.ts";
import { allSchemas } from "./registry.ts";
import { commandHelp, defineCommand, flag, parseCommandArgs } from "../common/cli-args.ts";
import { referenceIris } from "./reference-iris.ts";

const SPEC = defineCommand(
  "check <fichier.xlsx|csv>",
  "vérifie un export sans rien écrire (0 : propre ; 1 : lignes rejetées ou doublons discordants ; 2 : fichier inutilisable), sans afficher de valeur personnelle",
  {
    jeu: flag.value(
      "<jeu>",
      `jeu de données (${allSchemas()
        .map((s) => s.id)
        .join(", ")})`,
    ),
    correspondance: flag.value("<fichier.json>", "correspondance des en-têtes { « en-tête » : « champ » }"),
    feuille: flag.value("<nom>", "feuille du classeur à lire (défaut : la meilleure feuille visible)"),
    commune: flag.value("<commune>", "commune des adresses sans code postal ni commune"),
    "date-observation": flag.value("<aaaa-mm-jj>", "date des âges quand le fichier ne la dit pas"),
  },
);
const MAX_LISTED = 50;
const listed = (messages: string[]) =>
  messages.length > MAX_LISTED
    ? [...messages.slice(0, MAX_LISTED), `… et ${messages.length - MAX_LISTED} autres.`]
    : messages;

interface CheckArgs {
  file: string;
  opts: ReadExportOptions;
  mappingFile?: string;
}

function checkArgs(args: string[]): CheckArgs | { help: string } {
  const parsed = parseCommandArgs(SPEC, args);
  if ("help" in parsed) return parsed;
  const v = parsed.values as Record<string, string | undefined>;
  const opts: ReadExportOptions = {};
  if (v.jeu !== undefined) opts.dataset = v.jeu as DatasetId;
  if (v.feuille !== undefined) opts.sheet = v.feuille;
  if (v.commune !== undefined) opts.defaultCommune = v.commune;
  if (v["date-observation"] !== undefined) opts.observationDate = v["date-observation"];
  if (opts.dataset && !allSchemas().some((s) => s.id === opts.dataset))
    throw new InputError(
      `Erreur : jeu de données inconnu « ${opts.dataset} » (connus : ${allSchemas()
        .map((s) => s.id)
        .join(", ")}).\n${commandHelp(SPEC)}`,
      "abs check",
      "usage",
    );
  return { file: parsed.positionals[0]!, opts, ...(v.correspondance ? { mappingFile: v.correspondance } : {}) };
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
  let parsedArgs: CheckArgs;
  try {
    const parsed = checkArgs(args);
    if ("help" in parsed) {
      out(parsed.help);
      return 0;
    }
    parsedArgs = parsed;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    err(e.message);
    return 2;
  }
  try {
    const opts = { ...parsedArgs.opts };
    if (parsedArgs.mappingFile) opts.mapping = await readMapping(parsedArgs.mappingFile);
    opts.knownIris ??= await referenceIris();
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
    out(describeLayout(parsed.layout).replace(/^h/, "H"));
    const conflicts = conflictMessages(parsed.file, deduped, parsed.sheet);
    const { errors, warnings } = parsed.rejectionCounts;
    for (const [title, count, lines] of [
      ["Erreurs", errors, () => rejectionLines(parsed, "error", MAX_LISTED)],
      ["Doublons aux valeurs différentes de la première occurrence", conflicts.length, () => listed(conflicts)],
      ["Avertissements (lignes conservées)", warnings, () => rejectionLines(parsed, "warning", MAX_LISTED)],
    ] as const) {
      if (!count) continue;
      out(`${title} (${count}) :`);
      for (const line of lines()) out(`  ${line}`);
    }
    // A second table in the sheet is not read: the partner must split the file.
    if (parsed.layout.stackedTable) return 1;
    // A conflicting duplicate is not a clean file: which row is right is the partner's call.
    return totalRejected(account) > 0 || deduped.conflicts > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof InputError) {
      err(`Fichier inutilisable : ${e.message}`);
      return e.exitCode;
    }
    // No internal message or stack: they are English and may quote a cell.
    err(`Fichier inutilisable : ${unexpectedFailure(basename(parsedArgs.file), "la vérification")}`);
    return 2;
  }
}
