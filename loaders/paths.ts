import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root, found from this file rather than from the working directory. */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
export const srcDir = join(projectRoot, "src");
export const frameworkCacheDir = join(srcDir, ".observablehq", "cache");
export const distDir = join(projectRoot, "dist");
/**
 * The observatory's data folder: data/ of the project, or ABS_DATA_DIR, so that a CCAS can keep
 * its confidential exports and private store outside the code checkout.
 */
export const dataDir = process.env.ABS_DATA_DIR ? resolve(process.env.ABS_DATA_DIR) : join(projectRoot, "data");
export const exportsDir = join(dataDir, "exports");
export const sampleDir = join(dataDir, "sample");
export const privateDir = join(dataDir, "private");
export const commentaryDir = join(dataDir, "commentary");
export const approvalsPath = join(dataDir, "approvals.json");
/** Cache of the heavy pipeline stages (aggregated cells with their true values): private. */
export const stageCacheDir = join(privateDir, "cache");
