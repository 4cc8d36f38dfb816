/**
 * Refuses real exports geocoded against the fictitious reference: their IRIS would be
 * invented. The build of the synthetic samples is the only legitimate use, unless an analyst
 * explicitly accepts it for a trial (ABS_ALLOW_FICTITIOUS_REFERENCE=1).
 */
import { InputError } from "../contracts.ts";

export function assertAddressIndexAllowed(
  index: { fictitious: boolean; source: string },
  context: { synthetic: boolean },
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (!index.fictitious || context.synthetic) return;
  if (env.ABS_ALLOW_FICTITIOUS_REFERENCE === "1") return;
  throw new InputError(
    `Des exports réels ne peuvent pas être géocodés avec la ${index.source} : les IRIS obtenus seraient faux. ` +
      `Placez le fichier BAN officiel adresses-13.csv.gz dans le dossier de référence (abs reference fetch), ` +
      `ou, pour un simple essai, définissez ABS_ALLOW_FICTITIOUS_REFERENCE=1 (règle : référence d'adresses réelle).`,
    "adresses-13.csv.gz",
    "fictitious-reference",
  );
}
