/**
 * `abs init --commune <code>`: a starting data/observatory.json for another commune (name,
 * département, thresholds, the source mention written from the commune's name, to be checked
 * against its own convention), the demonstration commentary and approvals of the sample, and
 * the list of the reference files still missing. Nothing the user wrote is overwritten
 * without --remplacer.
 */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { ObservatoryConfig } from "../config.ts";
import { ANNEX1_DATASETS, InputError } from "../contracts.ts";
import { approvalsPath, commentaryDir, dataDir } from "../paths.ts";
import { readIrisContours } from "../reference/iris-contours.ts";
import { resolveReferenceDir } from "../reference/resolve.ts";
import { findFiles } from "../reference/files.ts";
import { ofCommune } from "../common/commune-phrases.ts";
import { defineCommand, flag, parseCommandArgs, printRefusal, usageError } from "../common/cli-args.ts";
import { writeDemoCommentary } from "../sample/demo-commentary.ts";

interface EtalabEntry {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  population?: number;
  codesPostaux?: string[];
}

const SPEC = defineCommand(
  "init",
  "écrit data/observatory.json (ou ABS_DATA_DIR/observatory.json) pour la commune donnée, les commentaires et accords de démonstration des données fictives, puis liste les fichiers de référence encore nécessaires",
  {
    commune: flag.value("<code INSEE>", "commune observée (obligatoire ; par exemple 13004 pour Arles)"),
    remplacer: flag.switch("écrase un observatory.json existant"),
  },
);

function etalab(): EtalabEntry[] {
  return createRequire(import.meta.url)("@etalab/decoupage-administratif/data/communes.json") as EtalabEntry[];
}

function departementName(code: string): string {
  const list = createRequire(import.meta.url)("@etalab/decoupage-administratif/data/departements.json") as {
    code: string;
    nom: string;
  }[];
  return list.find((d) => d.code === code)?.nom ?? code;
}

/** The starting configuration of a commune; the mention is to be checked against its convention. */
export function initialConfig(code: string): { config: ObservatoryConfig; population: number } {
  const commune = etalab().find((c) => c.code === code && c.type === "commune-actuelle");
  if (!commune || !commune.departement)
    throw new InputError(
      `Commune ${code} inconnue de @etalab/decoupage-administratif (règle : code INSEE d'une commune actuelle, ex. 13004 pour Arles).`,
      code,
      "usage",
      2,
    );
  const config: ObservatoryConfig = {
    territory: {
      commune: commune.code,
      communeName: commune.nom,
      departement: commune.departement,
      departementName: departementName(commune.departement),
    },
    ccas: {
      name: `CCAS de la Ville ${ofCommune(commune.nom)}`,
      address: `Hôtel de ville, ${commune.codesPostaux?.[0] ?? ""} ${commune.nom}`.replace(/\s+/g, " "),
    },
    secrecy: { threshold: 5, minPopulation: 100 },
    sources: {
      departement: `Source Le Conseil Départemental – Analyse des Besoins Sociaux du CCAS de la Ville ${ofCommune(commune.nom)}`,
    },
    sample: { seed: 20151231, years: [2015, 2016] },
  };
  return { config, population: commune.population ?? 0 };
}

/** Reference files the commune still needs, each with what it is for. */
export async function missingReference(config: ObservatoryConfig, refDir: string | null): Promise<string[]> {
  const { commune, departement, communeName } = config.territory;
  if (!refDir) return ["aucun dossier de référence (data/reference/ ou ABS_REFERENCE_DIR)"];
  const missing: string[] = [];
  try {
    const iris = await readIrisContours(refDir, { commune });
    if (iris.features.length === 0) missing.push(`contours IRIS ${ofCommune(communeName)} (IGN CONTOURS-IRIS)`);
  } catch {
    missing.push(`contours IRIS ${ofCommune(communeName)} (IGN CONTOURS-IRIS)`);
  }
  const has = (pattern: RegExp) => findFiles(refDir, pattern).length > 0;
  if (!has(/population[^/]*\.(csv|xlsx|zip)$/i) && !has(/base-ic-evol-struct-pop/i))
    missing.push("population par IRIS (INSEE, base-ic-evol-struct-pop)");
  if (!has(new RegExp(`(^|/)adresses-${departement}\\.csv(\\.gz)?$`, "i")))
    missing.push(
      has(new RegExp(`fantoir[^/]*${commune}`, "i"))
        ? `Base Adresse Nationale adresses-${departement}.csv.gz (sans elle : référence d'adresses fictive, données fictives seulement)`
        : `Base Adresse Nationale adresses-${departement}.csv.gz, ou au moins la liste FANTOIR des voies ${ofCommune(communeName)} (sans elles : noms de voies inventés, données fictives seulement)`,
    );
  return missing;
}

export async function initCommand(args: string[]): Promise<number> {
  let code: string, replace: boolean;
  try {
    // The one parser of the abs commands: --aide, French errors, old spellings named.
    const parsed = parseCommandArgs(SPEC, args);
    if ("help" in parsed) return (console.log(parsed.help), 0);
    code = typeof parsed.values.commune === "string" ? parsed.values.commune : "";
    replace = parsed.values.remplacer === true;
    if (!/^\d[0-9AB]\d{3}$/.test(code))
      throw usageError(
        SPEC,
        code
          ? `--commune attend un code INSEE à cinq caractères, pas « ${code} »`
          : "--commune <code INSEE> est obligatoire",
      );
  } catch (error) {
    return printRefusal(error, console.error);
  }
  const { config, population } = initialConfig(code);
  const target = join(dataDir, "observatory.json");
  if (existsSync(target) && !replace) {
    console.error(
      `${target} existe déjà : il n'est pas remplacé. Relancez avec --remplacer pour l'écraser (il décrit le territoire observé).`,
    );
    return 1;
  }
  writeFileSync(target, JSON.stringify(config, null, 2) + "\n");
  console.log(
    `Configuration écrite : ${target} (${config.territory.communeName}, ${config.territory.departementName}).`,
  );
  console.log(`Adresse du CCAS à vérifier : « ${config.ccas.address} ».`);
  console.log(`Mention de source à vérifier dans votre convention : « ${config.sources.departement} ».`);
  const hasCommentary = existsSync(commentaryDir) && readdirSync(commentaryDir).length > 0;
  if (!hasCommentary) {
    const files = writeDemoCommentary(commentaryDir, config.territory, population, config.sample.years);
    console.log(`${files.length} commentaires de démonstration écrits dans ${commentaryDir} (à réécrire).`);
  } else console.log(`Commentaires existants gardés dans ${commentaryDir}.`);
  if (!existsSync(approvalsPath)) {
    const approbations = config.sample.years.flatMap((annee) =>
      ANNEX1_DATASETS.map((jeu) => ({ jeu, annee, date: `${annee + 1}-05-15`, par: "Démonstration", fictif: true })),
    );
    writeFileSync(approvalsPath, JSON.stringify({ approbations }, null, 2) + "\n");
    console.log(`Accords de démonstration écrits dans ${approvalsPath}.`);
  }
  let refDir: string | null;
  try {
    refDir = resolveReferenceDir();
  } catch {
    refDir = null;
  }
  const missing = await missingReference(config, refDir);
  if (missing.length === 0) console.log(`Fichiers de référence présents dans ${refDir}.`);
  else {
    console.log("Fichiers de référence encore nécessaires (à télécharger avec « npm run abs -- reference fetch ») :");
    for (const line of missing) console.log(`  - ${line}`);
  }
  console.log("Le site se construit dès maintenant sur des données fictives : npm run build.");
  return 0;
}
