import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** Files under dir (depth-limited: IGN archives unpack five folders deep, no reference tree goes further). */
function listFiles(dir: string, maxDepth = 7): string[] {
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
