// `npm run abs -- <commande>`: the observatory's command line, in French.

const HELP = `Observatoire ABS — commandes (abs <commande> --aide pour l'aide de chacune) :
  abs init --commune <code INSEE>                    configuration de départ pour une commune (observatory.json)
  abs check <fichier> [--jeu <jeu>]                  vérifie un export (0 propre, 1 lignes rejetées, 2 inutilisable)
  abs geocode <entrée.xlsx|csv> --sortie <sortie>    protocole 1 : identifiant + adresse → identifiant + IRIS
  abs ingest <fichier> --jeu <jeu> --annee <AAAA>    protocole 2 : export → magasin privé désidentifié
  abs audit <tables.json>                            audit du secret statistique (intervalles les plus étroits)
  abs purge --annee <AAAA> [--exports]               efface le magasin privé, la quarantaine et les caches d'une année
  abs purge --site-deploye                           oublie les cases du site déployé (nouveau départ)
  abs reference fetch                                télécharge les fichiers de référence officiels
Jeux : apa-domicile, assistantes-maternelles, certificats-8e-jour, aides-financieres, aides-legales-pa-ph, ase.`;

type Command = (args: string[]) => Promise<number>;

// Each command's module is loaded only when it runs: some read data/observatory.json as they
// load (the geocoder's locality words), which `init` has not written yet.
const commands: Record<string, Command> = {
  init: async (args) => (await import("./init/init-command.ts")).initCommand(args),
  check: async (args) => (await import("./exports/cli-check.ts")).checkCommand(args),
  geocode: async (args) => (await import("./geocode/cli-geocode.ts")).geocodeCommand(args),
  ingest: async (args) => (await import("./records/cli-ingest.ts")).ingestCommand(args),
  audit: async (args) => (await import("./disclosure/audit-command.ts")).auditCommand(args),
  purge: async (args) => (await import("./records/purge.ts")).purgeCommand(args),
  reference: async (args) =>
    args[0] === "fetch" ? (await import("./reference/fetch.ts")).referenceFetchCommand(args.slice(1)) : usage(),
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
