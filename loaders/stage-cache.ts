/**
 * A cache for the heavy stages of the pipeline (ingestion, indicators, protection, audit),
 * keyed by a content hash of everything the stage reads: data files, reference files,
 * configuration and the stage's own code. Framework caches a data loader's output by the
 * loader's source only, so an editorial change (a commentary) would otherwise re-run the
 * whole chain; with this cache only the editorial stage runs again, and a change of data
 * re-runs what depends on it.
 * The cache holds aggregated cells with their true values and contributor counts: it lives in
 * the private folder (0700, files 0600) and never reaches dist/.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { privateFolder, writePrivateFile } from "./records/store.ts";

/** Files under `roots` (files or folders, recursively), sorted, hidden files and caches excluded. */
export function filesUnder(roots: readonly string[], skip: (path: string) => boolean = () => false): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    if (!existsSync(path) || skip(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) if (!name.startsWith(".")) visit(join(path, name));
    } else found.push(path);
  };
  for (const root of roots) visit(root);
  return found;
}

/** SHA-256 of the names (relative to `base`) and bytes of the files, in a stable order. */
export function contentHash(files: readonly string[], base: string, extra: readonly string[] = []): string {
  const hash = createHash("sha256");
  for (const part of extra) hash.update(`${part}\0`);
  for (const file of [...files].sort()) {
    hash.update(`${relative(base, file)}\0`);
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

export interface StageResult<T> {
  value: T;
  /** True when the value came from the cache (the stage did not run). */
  cached: boolean;
}

/**
 * The stage's value for `key`: read from `<cacheDir>/<stage>-<key>.json`, or computed and
 * stored there (older entries of the same stage are removed: one per stage is enough).
 */
/** How a stage's value is written to its cache file. */
export interface StageCodec<T> {
  extension: string;
  encode: (value: T) => string | Uint8Array;
  decode: (bytes: Buffer) => T;
}

const jsonCodec: StageCodec<unknown> = {
  extension: "json",
  encode: (value) => JSON.stringify(value),
  decode: (bytes) => JSON.parse(bytes.toString("utf8")),
};

/**
 * The last value of each stage, kept in memory: a long-lived process (`npm run dev`) re-runs
 * the editorial stage on every save, and decoding the protected stage's file again would cost
 * most of the 2 s an analyst waits. Keyed like the files, so a change of input still re-runs.
 * Callers treat stage values as read-only.
 */
const inMemory = new Map<string, { key: string; value: unknown }>();

export async function cachedStage<T>(
  cacheDir: string,
  stage: string,
  key: string,
  compute: () => Promise<T>,
  codec: StageCodec<T> = jsonCodec as StageCodec<T>,
): Promise<StageResult<T>> {
  const path = join(cacheDir, `${stage}-${key}.${codec.extension}`);
  const remembered = inMemory.get(join(cacheDir, stage));
  if (remembered?.key === key && existsSync(path)) return { value: remembered.value as T, cached: true };
  const remember = (value: T) => (inMemory.set(join(cacheDir, stage), { key, value }), value);
  if (existsSync(path)) {
    try {
      return { value: remember(codec.decode(readFileSync(path))), cached: true };
    } catch {
      // A truncated entry (interrupted write of an older version) is recomputed.
    }
  }
  const value = remember(await compute());
  privateFolder(join(cacheDir, ".."), cacheDir);
  for (const name of existsSync(cacheDir) ? readdirSync(cacheDir) : [])
    if (name.startsWith(`${stage}-`)) rmSync(join(cacheDir, name), { force: true });
  // Written beside and renamed, so that a concurrent reader never sees half a file.
  const temporary = `${path}.${process.pid}.tmp`;
  writePrivateFile(temporary, codec.encode(value));
  renameSync(temporary, path);
  return { value, cached: false };
}
