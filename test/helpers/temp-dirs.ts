/**
 * The tests' temporary folders: every folder a test makes is removed by the same hook, so no
 * test file writes its own mkdtempSync / rmSync pair (and none forgets the rmSync). Both
 * functions register an afterAll: call them at the top level of a test file, inside
 * describe(), or from a helper module imported by the test file (vitest collects hooks then).
 * Folders live until the file's (or block's) tests end, so a folder made in beforeAll or by
 * a helper serves every test that follows.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/** A factory of fresh folders, all removed once the file's (or describe block's) tests end. */
export function useTempDirs(prefix = "abs-test-", parent = tmpdir()): () => string {
  const made: string[] = [];
  afterAll(() => {
    while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(parent, prefix));
    made.push(dir);
    return dir;
  };
}

/** One folder for the whole file (or describe block), made now. */
export const useTempDir = (prefix = "abs-test-", parent = tmpdir()): string => useTempDirs(prefix, parent)();
