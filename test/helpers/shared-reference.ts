import { resolve } from "node:path";
import { projectRoot } from "../../loaders/reference/resolve.ts";

/** The real open-data files of ../shared/reference (read only, never copied). */
export const sharedReferenceDir = resolve(projectRoot, "../shared/reference");
