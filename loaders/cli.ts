// `npm run abs -- <commande>`: the observatory's command line, in French.
import { auditCommand } from "./disclosure/audit-command.ts";
import { checkCommand } from "./exports/cli-check.ts";
import { geocodeCommand } from "./geocode/cli-geocode.ts";
import { initCommand } from "./init/init-command.ts";
import { ingestCommand } from "./records/cli-ingest.ts";
import { purgeCommand } from "./records/purge.ts";
import { referenceFetchCommand } from "./reference/fetch.ts";

const HELP = `Observatoire ABS — commandes (abs <commande> --aide pour l'aide de chacune) :
  abs init --commune <code INSEE>                    configuration de départ pour une commune (observatory.json)
  abs check <fichier> [--jeu <jeu>]                  vérifie un export (0 propre, 1 lignes rejetées, 2 inutilisable)
  abs geocode <entrée.xlsx|csv> --sortie <sortie>    protocole 1 : identifiant + adresse → identifiant + IRIS
  abs ingest <fichier> --jeu <jeu> --annee <AAAA>    protocole 2 : export → magasin privé désidentifié
  abs audit <tables.json>                            audit du secret statistique (intervalles les plus étroits)
  abs purge --annee <AAAA> [--exports]               efface le magasin privé, la quarantaine et les caches d'une année
  abs reference fetch                                télécharge les fichiers de référence officiels
Jeux : apa-domicile, assistantes-maternelles, certificats-8e-jour, aides-financieres, aides-legales-pa-ph, ase.`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  init: initCommand,
  check: checkCommand,
  geocode: geocodeCommand,
  ingest: (args) => ingestCommand(args),
  audit: (args) => auditCommand(args),
  purge: (args) => purgeCommand(args),
  reference: (args) => (args[0] === "fetch" ? referenceFetchCommand(args.slice(1)) : Promise.resolve(usage())),
};

function usage(): number {
  console.log(HELP);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) return name === "aide" || name === "--help" || name === "-h" ? (console.log(HELP), 0) : usage();
  return command(args);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    () => {
      // Never the internal message nor the stack: English, and it may quote a cell of the file.
      console.error(
        "Erreur inattendue : la commande s'est arrêtée sans pouvoir finir. Vérifiez le fichier donné, puis signalez le problème avec la commande lancée (sans joindre de données personnelles).",
      );
      process.exit(2);
    },
  );
}
