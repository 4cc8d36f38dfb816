/**
 * The IRIS profile pages (src/iris/[code].md): one per IRIS of the commune, listed from the
 * public contours the pipeline draws the maps with.
 *
 * The pages are all the same page: it reads its IRIS from its own address and draws it in the
 * browser. Framework takes about 0.2 s a page (a DOM per page), so Marseille's 393 pages cost it
 * more than a minute: it renders the first IRIS only, and the build copies that page for the
 * others (copyIrisProfilePages), byte for byte.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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

/** Framework's dynamicPaths: the first IRIS's profile, /iris/<code>, which the build copies for the others. */
export async function* irisProfilePaths(): AsyncGenerator<string> {
  const [first] = await irisCodes();
  if (first) yield `/iris/${first}`;
}

export class IrisPagesError extends Error {}

/**
 * Writes iris/<code>.html for every IRIS from the one page Framework built into `output`;
 * returns the number of pages written. Nothing to do where Framework built no profile (a
 * commune not split into IRIS, a fixture project).
 */
export function copyIrisProfilePages(output: string, codes: readonly string[]): number {
  const dir = join(output, "iris");
  if (!existsSync(dir)) return 0;
  const built = readdirSync(dir).filter((f) => f.endsWith(".html"));
  if (built.length !== 1)
    throw new IrisPagesError(
      `Framework devait construire une seule page de portrait d'IRIS, il en a construit ${built.length}.`,
    );
  const templateCode = built[0]!.slice(0, -".html".length);
  const html = readFileSync(join(dir, built[0]!), "utf8");
  // A page holding its own code would show that IRIS under every other address.
  if (html.includes(templateCode))
    throw new IrisPagesError(
      `La page de portrait iris/${built[0]} contient son propre code : elle ne peut pas servir aux autres IRIS (src/iris/[code].md doit lire le code dans l'adresse).`,
    );
  for (const code of codes) writeFileSync(join(dir, `${code}.html`), html);
  return codes.length;
}
