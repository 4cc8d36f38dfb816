/**
 * The IRIS profile pages (src/iris/[code].md) Framework generates: one per IRIS of the
 * commune, listed from the public contours the pipeline draws the maps with.
 */
import { readObservatoryConfig } from "../config.ts";
import { readIrisContours } from "../reference/iris-contours.ts";
import { resolveReferenceDir } from "../reference/resolve.ts";

export async function irisCodes(): Promise<string[]> {
  const { territory } = readObservatoryConfig();
  const contours = await readIrisContours(resolveReferenceDir(), { commune: territory.commune });
  // A commune not split into IRIS has one pseudo-IRIS (type Z), which gets no profile page.
  return contours.features
    .filter((f) => f.properties.type !== "Z")
    .map((f) => f.properties.code)
    .sort();
}

/** Framework's dynamicPaths: /iris/<code> for every IRIS. */
export async function* irisProfilePaths(): AsyncGenerator<string> {
  for (const code of await irisCodes()) yield `/iris/${code}`;
}
