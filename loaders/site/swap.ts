import { existsSync, renameSync, rmSync } from "node:fs";

/**
 * Replaces the published folder by the freshly built one. Both live in the project folder,
 * so the renames are atomic on one file system; the previous site is removed only once the
 * new one is in place.
 */
export function swapIntoPlace(built: string, target: string): void {
  const previous = `${target}.previous-${process.pid}`;
  if (existsSync(target)) renameSync(target, previous);
  try {
    renameSync(built, target);
  } catch (error) {
    if (existsSync(previous)) renameSync(previous, target);
    throw error;
  }
  rmSync(previous, { recursive: true, force: true });
}
