import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { InputError } from "../contracts.ts";

/** Files under dir (depth-limited: IGN archives unpack five folders deep, no reference tree goes further). */
export function listFiles(dir: string, maxDepth = 7): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      if (name.startsWith(".")) continue;
      const path = join(d, name);
      const st = statSync(path);
      if (st.isDirectory()) {
        if (depth < maxDepth) walk(path, depth + 1);
      } else out.push(path);
    }
  };
  walk(dir, 0);
  return out;
}

/** Files of refDir whose path relative to refDir matches the pattern, sorted. */
export function findFiles(refDir: string, pattern: RegExp): string[] {
  return listFiles(refDir).filter((p) => pattern.test(relative(refDir, p).replace(/\\/g, "/")));
}

/** The first file matching one of the patterns (in order of preference), or a French error. */
export function requireFile(refDir: string, patterns: RegExp[], what: string): string {
  for (const pattern of patterns) {
    const found = findFiles(refDir, pattern);
    if (found.length > 0) return found[found.length - 1]!;
  }
  throw new InputError(
    `Fichier de référence manquant dans ${refDir} : ${what}. ` +
      `Lancez « abs reference fetch » ou vérifiez le dossier de référence.`,
    refDir,
    "reference-file",
  );
}
