import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every .html file below a built site, for the post-processing and the review marking. */
export function htmlFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...htmlFiles(path));
    else if (entry.endsWith(".html")) found.push(path);
  }
  return found;
}
