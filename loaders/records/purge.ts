/**
 * `abs purge --year <YYYY>`: deletes everything the observatory keeps about one year of
 * partner data - the private store, the quarantine, the intake manifests and quality
 * reports, the analysts' corrections, the caches - when the convention ends (it lasts one
 * year, tacitly renewed: Article 8) or when the Département asks. The partner's exports
 * themselves (data/exports/<year>/) are deleted too with --exports. The published site keeps
 * only protected aggregates and is rebuilt by the next build.
 */
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { exportsDir, frameworkCacheDir, privateDir, projectRoot } from "../paths.ts";

export interface PurgeLocations {
  privateDir: string;
  exportsDir: string;
  /** Framework's loader cache: holds the last pipeline output, built from that year too. */
  loaderCacheDir: string;
  root: string;
}

const DEFAULT_LOCATIONS: PurgeLocations = {
  privateDir,
  exportsDir,
  loaderCacheDir: frameworkCacheDir,
  root: projectRoot,
};

const USAGE =
  "Usage : abs purge --year <AAAA> [--exports]\n  supprime le magasin privé, la quarantaine, les corrections et les caches de l'année (--exports : aussi les exports reçus).";

function countFiles(path: string): number {
  if (!existsSync(path)) return 0;
  if (!statSync(path).isDirectory()) return 1;
  return readdirSync(path).reduce((n, entry) => n + countFiles(join(path, entry)), 0);
}

export async function purgeCommand(
  args: string[],
  print: (line: string) => void = console.log,
  where: PurgeLocations = DEFAULT_LOCATIONS,
): Promise<number> {
  const at = args.indexOf("--year");
  const year = at >= 0 ? args[at + 1] : undefined;
  const unknown = args.filter((a, i) => a.startsWith("--") && a !== "--year" && a !== "--exports" && i !== at + 1);
  if (!year || !/^\d{4}$/.test(year) || unknown.length > 0) {
    print(USAGE);
    return 2;
  }
  const targets: { path: string; what: string }[] = [
    { path: join(where.privateDir, year), what: "magasin privé, quarantaine, manifestes, corrections et caches" },
  ];
  if (args.includes("--exports"))
    targets.push({ path: join(where.exportsDir, year), what: "exports reçus du Département" });
  // Loader outputs (everything but Framework's npm version pins) are rebuilt by the next build.
  if (existsSync(where.loaderCacheDir)) {
    for (const entry of readdirSync(where.loaderCacheDir)) {
      if (entry !== "_npm")
        targets.push({ path: join(where.loaderCacheDir, entry), what: "cache des chargeurs du site" });
    }
  }
  let removed = 0;
  for (const target of targets) {
    const files = countFiles(target.path);
    if (!existsSync(target.path)) continue;
    rmSync(target.path, { recursive: true, force: true });
    if (existsSync(target.path)) {
      print(`Échec : ${relative(where.root, target.path)} n'a pas pu être supprimé.`);
      return 1;
    }
    removed += files;
    print(`Supprimé : ${relative(where.root, target.path)} (${target.what}, ${files} fichier(s)).`);
  }
  if (removed === 0) print(`Rien à purger pour ${year}.`);
  else
    print(
      `Purge de ${year} terminée : ${removed} fichier(s) supprimé(s). Relancez « npm run build » pour republier sans ces données.`,
    );
  if (!args.includes("--exports") && existsSync(join(where.exportsDir, year))) {
    print(
      `Les exports reçus restent dans ${relative(where.root, join(where.exportsDir, year))} : ajoutez --exports pour les supprimer aussi.`,
    );
  }
  return 0;
}
