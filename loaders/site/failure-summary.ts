/**
 * The last lines of a failing build: a short French summary an analyst can act on (what
 * failed, which file, what to do, and that the published site is unchanged), after the
 * detailed messages. Framework's transcript buries the pipeline's French message among
 * module-resolution lines, stack traces and advice to file an issue upstream: those are
 * dropped unless ABS_DEBUG=1.
 */

interface Advice {
  test: RegExp;
  what: string;
  todo: string;
}

// Most specific first: a message may mention several rules.
const ADVICE: Advice[] = [
  {
    test: /reference-secrete/,
    what: "un texte cite une case couverte par le secret statistique",
    todo: "retirez cette référence ou citez une case publiée (non secrète), puis relancez",
  },
  {
    test: /reference-(?:inconnue|syntaxe|sans-valeur)/,
    what: "un texte cite une case qui n'existe pas ou est mal écrite",
    todo: "corrigez la référence {{indicateur|niveau|code}} (voir les fichiers téléchargeables), puis relancez",
  },
  {
    test: /effectif-1-a-4|valeur-secrete/,
    what: "un texte publié contient un effectif de 1 à 4 ou une valeur secrète",
    todo: "écrivez « moins de 5 » ou citez une case publiée avec {{…}}, puis relancez",
  },
  {
    test: /commentaire\(s\) validé\(s\) manquant|analyse\(s\) non validée/,
    what: "un visuel ou une analyse n'a pas de commentaire validé",
    todo: "écrivez ou validez le texte (statut « validé »), ou construisez l'édition de travail avec « npm run build:review »",
  },
  {
    test: /sans l'accord du Département/,
    what: "un jeu de données n'a pas l'accord du Département",
    todo: "enregistrez l'accord dans data/approvals.json, ou construisez l'édition de travail avec « npm run build:review »",
  },
  {
    test: /exports\/\d{4}\/[^\s,;:)]+.*(?:\(règle [a-z0-9-]+\)|ligne \d+, colonne)/,
    what: "un export du Département est inutilisable (il n'a été ni intégré ni supprimé)",
    todo: "vérifiez-le avec « npm run abs -- check <fichier> --jeu <jeu> », corrigez-le ou demandez un nouvel export au Département, puis relancez",
  },
  {
    test: /\(règle [a-z0-9-]+\)|ligne \d+, colonne/,
    what: "un fichier d'entrée est invalide",
    todo: "corrigez le fichier à l'endroit indiqué, puis relancez",
  },
  {
    test: /donnée personnelle/,
    what: "une donnée personnelle a été retrouvée dans le site construit",
    todo: "ne publiez pas ; signalez-le au responsable du traitement avec ce journal",
  },
];

// The files an analyst edits, as the messages name them.
const FILE = /(?:data\/[\w./-]+\.(?:md|json|csv|xlsx|xls)|src\/[\w./-]+\.md|[\w./-]+\/exports\/\d{4}\/[^\s,;:)]+)/;

/** Drops the noise of a transcript (stack frames, code frames, Framework's advice), unless ABS_DEBUG=1. */
export function withoutNoise(text: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.ABS_DEBUG === "1") return text;
  return text
    .split("\n")
    .filter(
      (line) =>
        !/^\s+at\s/.test(line) &&
        !/^\s*\d+\s*\|/.test(line) &&
        !/^\s*\|?\s*\^+\s*$/.test(line) &&
        !/^\s*Node\.js v\d/.test(line) &&
        !/github\.com\/observablehq|file an issue|report this|ERR_[A-Z_]+|^\s*code: '/i.test(line) &&
        !/^\s*[{}]\s*$/.test(line),
    )
    .join("\n");
}

/** The five summary lines for a failure whose full message is `text`. */
export function failureSummary(text: string): string[] {
  const advice = ADVICE.find((a) => a.test.test(text));
  // The file the French message names on the line of its rule; Framework's own lines name the
  // loader's members (data/observatoire/…), which the analyst never edits.
  const ruleLine = advice ? text.split("\n").find((line) => advice.test.test(line) && FILE.test(line)) : undefined;
  const edited = text
    .split("\n")
    .map((line) => line.match(FILE)?.[0])
    .find((f) => f !== undefined && !f.startsWith("data/observatoire/"));
  const file = ruleLine?.match(FILE)?.[0] ?? edited;
  return [
    "── Résumé de l'échec ──",
    `Ce qui a échoué : ${advice?.what ?? "la construction du site (voir le message ci-dessus)"}.`,
    `Fichier : ${file ?? "voir le message ci-dessus"}.`,
    `À faire : ${advice?.todo ?? "corrigez la cause indiquée ci-dessus (ABS_DEBUG=1 pour le détail technique), puis relancez"}.`,
    "Le site précédent (dist/) est inchangé.",
  ];
}
