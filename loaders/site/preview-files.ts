/**
 * The preview's copy of the loader's members, written as plain files under
 * src/data/observatoire/. Framework resolves FileAttachment("data/observatoire/x.json") to a
 * static file before it looks for the zip's loader, serves it, and watches it: rewriting a file
 * is enough for the open page to update (Framework's own hot reload), with no loader to spawn
 * and no restart. A build removes them first, so that the public site always comes from the
 * loader and its gate.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { srcDir } from "../paths.ts";

export const previewFilesDir = join(srcDir, "data", "observatoire");

/** Writes the members that changed (same bytes: untouched, so the page does not reload them). */
export function writePreviewFiles(members: Map<string, Uint8Array | string>, dir = previewFilesDir): string[] {
  const changed: string[] = [];
  for (const [name, content] of members) {
    const path = join(dir, name);
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
    if (existsSync(path) && readFileSync(path).equals(bytes)) continue;
    mkdirSync(dirname(path), { recursive: true });
    // Written beside and renamed: Framework never hashes half a file.
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
    changed.push(name);
  }
  return changed;
}

/** Removes the preview's files (end of `npm run dev`, start of every build). */
export function clearPreviewFiles(dir = previewFilesDir): void {
  rmSync(dir, { recursive: true, force: true });
}
