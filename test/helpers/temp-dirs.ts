/**
 * The tests' temporary folders: every folder a test makes is removed by the same hook, so no
 * test file writes its own mkdtempSync / rmSync pair (and none forgets the rmSync). Both
 * functions register an afterAll: call them at the top level of a test file, inside
 * describe(), or from a helper module imported by the test file (vitest collects hooks then).
 * Folders live until the file's (or block's) tests end, so a folder made in beforeAll or by
 * a helper serves every test that follows.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/**
 * A factory of fresh folders, all removed once the file's (or describe block's) tests end.
 * `parent` is made when missing (the project's .tmp/ does not exist in a fresh checkout).
 */
export function useTempDirs(prefix = "abs-test-", parent = tmpdir()): () => string {
  const made: string[] = [];
  afterAll(() => {
    while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
  });
  return () => {
    mkdirSync(parent, { recursive: true });
    const dir = mkdtempSync(join(parent, prefix));
    made.push(dir);
    return dir;
  };
}

/** One folder for the whole file (or describe block), made now. */
export const useTempDir = (prefix = "abs-test-", parent = tmpdir()): string => useTempDirs(prefix, parent)();

/**
 * The project's own temporary folder (.tmp/, ignored by git): for what must resolve the
 * project's node_modules (a Framework build) or sit beside src/.
 */
// The path is computed from this file rather than taken from loaders/paths.ts: importing that
// module fixes the data folders, and some tests set ABS_DATA_DIR before they import it.
export const projectTmp = (): string => join(import.meta.dirname, "..", "..", ".tmp");

/**
 * A folder that lives only while `use` runs: for a file planted inside the tree (a page under
 * src/, a module under loaders/), which no other test or tool may see once this one is done.
 */
export function withTempDir<T>(parent: string, prefix: string, use: (dir: string) => T): T {
  const dir = mkdtempSync(join(parent, prefix));
  try {
    return use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
