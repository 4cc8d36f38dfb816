import { existsSync, readdirSync, statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "../contracts.ts";

/** Project root found from this file (loaders/reference/ -> ../../), so cwd never matters. */
export const projectRoot: string = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");

export interface ResolveOptions {
  env?: NodeJS.ProcessEnv;
  /** Overrides the project root (tests). */
  root?: string;
}

const hasVisibleEntries = (dir: string): boolean =>
  existsSync(dir) && statSync(dir).isDirectory() && readdirSync(dir).some((name) => !name.startsWith("."));

/**
 * The reference directory: ABS_REFERENCE_DIR, then data/reference/ of the project, then
 * ../shared/reference/ beside it. An explicit ABS_REFERENCE_DIR that does not exist is an
 * error rather than a silent fallback: the analyst asked for that folder.
 */
export function resolveReferenceDir(options: ResolveOptions = {}): string {
  const env = options.env ?? process.env;
  const root = options.root ?? projectRoot;
  const explicit = env.ABS_REFERENCE_DIR?.trim();
  if (explicit) {
    const dir = isAbsolute(explicit) ? explicit : resolve(root, explicit);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new InputError(
        `Le dossier de référence indiqué par ABS_REFERENCE_DIR est introuvable : ${dir}. ` +
          `Corrigez la variable ou lancez « abs reference fetch » pour remplir data/reference/.`,
        dir,
        "reference-dir",
      );
    }
    return dir;
  }
  const candidates = [resolve(root, "data/reference"), resolve(root, "../shared/reference")];
  const found = candidates.find(hasVisibleEntries);
  if (found) return found;
  throw new InputError(
    `Aucune donnée de référence trouvée (cherché : ABS_REFERENCE_DIR, ${candidates.join(", ")}). ` +
      `La construction ne télécharge rien : lancez « abs reference fetch » pour remplir data/reference/.`,
    candidates[0]!,
    "reference-dir",
  );
}
