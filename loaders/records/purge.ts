/**
 * `abs purge --annee <AAAA>`: deletes everything the observatory keeps about one year of
 * partner data - the private store, the quarantine, the intake manifests and quality
 * reports, the analysts' corrections, the caches (the year's, the stage cache of
 * data/private/cache/ and Framework's loader cache, which mix every year) - when the convention ends (it lasts one
 * year, tacitly renewed: Article 8) or when the Département asks. The partner's exports
 * themselves (data/exports/<year>/) are deleted too with --exports. The published site keeps
 * only protected aggregates and is rebuilt by the next build.
 */
import { defineCommand, flag, parseCommandArgs, printRefusal, usageError } from "../common/cli-args.ts";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { exportsDir, frameworkCacheDir, privateDir, projectRoot, stageCacheDir } from "../paths.ts";

export interface PurgeLocations {
  privateDir: string;
  exportsDir: string;
  /** Framework's loader cache: holds the last pipeline output, built from that year too. */
  loaderCacheDir: string;
  /** The heavy stages' cache (data/private/cache/): the protected tables of every year, that one too. */
  stageCacheDir: string;
  root: string;
}

const DEFAULT_LOCATIONS: PurgeLocations = {
  privateDir,
  exportsDir,
  loaderCacheDir: frameworkCacheDir,
  stageCacheDir,
  root: projectRoot,
};

const SPEC = defineCommand(
  "purge",
  "supprime le magasin privé, la quarantaine, les corrections et les caches d'une année, et le cache des étapes (data/private/cache/)",
  {
    annee: flag.value("<AAAA>", "année à effacer (obligatoire)"),
    exports: flag.switch("efface aussi les exports reçus du Département pour cette année"),
  },
);

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
  let year: string, withExports: boolean;
  try {
    const parsed = parseCommandArgs(SPEC, args);
    if ("help" in parsed) {
      print(parsed.help);
      return 0;
    }
    year = typeof parsed.values.annee === "string" ? parsed.values.annee : "";
    withExports = parsed.values.exports === true;
    if (!/^\d{4}$/.test(year)) throw usageError(SPEC, "--annee attend une année à quatre chiffres");
  } catch (error) {
    return printRefusal(error, print);
  }
  const targets: { path: string; what: string }[] = [
    { path: join(where.privateDir, year), what: "magasin privé, quarantaine, manifestes, corrections et caches" },
  ];
  // The stage cache mixes every year: all of it goes, and the next build recomputes it.
  targets.push({
    path: where.stageCacheDir,
    what: "cache des étapes lourdes, toutes années : recalculé à la prochaine construction",
  });
  if (withExports) targets.push({ path: join(where.exportsDir, year), what: "exports reçus du Département" });
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
  if (!withExports && existsSync(join(where.exportsDir, year))) {
    print(
      `Les exports reçus restent dans ${relative(where.root, join(where.exportsDir, year))} : ajoutez --exports pour les supprimer aussi.`,
    );
  }
  return 0;
}
