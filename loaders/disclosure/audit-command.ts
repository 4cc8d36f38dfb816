import { readFile } from "node:fs/promises";
import { InputError, type PublishedCell } from "../contracts.ts";
import { defineCommand, flag, parseCommandArgs, printRefusal, usageError } from "../common/cli-args.ts";
import { audit, type AuditInterval } from "./audit.ts";
import type { AuditCatalogue } from "./catalogue.ts";

const SPEC = defineCommand(
  "audit <tables.json>",
  'rejoue l\'attaquant sur des tables publiées ; <tables.json> contient { "cells": [...cases publiées], "catalogue": {...catalogue d\'audit} }',
  {
    seuil: flag.value("<N>", "effectif en dessous duquel une case est secrète (5 par défaut)"),
    cache: flag.value("<dossier>", "dossier de cache des bornes déjà calculées"),
    nombre: flag.value("<N>", "nombre d'intervalles les plus étroits affichés (20 par défaut)"),
  },
);

const describe = (i: AuditInterval) => {
  const end = (x: number) => (Number.isFinite(x) ? String(x) : x > 0 ? "+∞" : "-∞");
  return `  [${end(i.low)} ; ${end(i.high)}]${i.atLeast ? " (au moins)" : ""}  ${i.kind === "group" ? "somme " : ""}${i.cell}`;
};

async function readPublication(file: string): Promise<{ cells: PublishedCell[]; catalogue: AuditCatalogue }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new InputError(`Fichier illisible : ${file}.`, file, "fichier-lisible", 2);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file} n'est pas un JSON valide (${(error as Error).message}).`, file, "json-valide", 2);
  }
  const d = data as { cells?: unknown; catalogue?: { sums?: unknown } };
  if (
    !Array.isArray(d.cells) ||
    typeof d.catalogue !== "object" ||
    d.catalogue === null ||
    !Array.isArray(d.catalogue.sums)
  ) {
    throw new InputError(
      `${file} doit contenir "cells" (tableau des cases publiées) et "catalogue" (relations publiées).`,
      file,
      "structure-audit",
      2,
    );
  }
  const catalogue = {
    ratios: [],
    evolutions: [],
    populations: [],
    ...(d.catalogue as object),
  } as unknown as AuditCatalogue;
  return { cells: d.cells as PublishedCell[], catalogue };
}

/**
 * `abs audit`: replays the attacker on published tables and prints the narrowest intervals.
 * Returns the exit code: 0 when nothing can be recovered, 1 when the audit fails, 2 on bad input.
 */
export async function auditCommand(args: string[], print: (line: string) => void = console.log): Promise<number> {
  let publication: Awaited<ReturnType<typeof readPublication>>;
  let threshold: number, keep: number, cacheDir: string | undefined;
  try {
    const parsed = parseCommandArgs(SPEC, args);
    if ("help" in parsed) {
      print(parsed.help);
      return 0;
    }
    const { seuil, nombre, cache } = parsed.values;
    threshold = Number(seuil ?? 5);
    keep = Number(nombre ?? 20);
    cacheDir = typeof cache === "string" ? cache : undefined;
    if (!Number.isInteger(threshold) || threshold < 1 || !Number.isInteger(keep) || keep < 0)
      throw usageError(SPEC, "--seuil et --nombre attendent des entiers positifs");
    publication = await readPublication(parsed.positionals[0]!);
  } catch (error) {
    return printRefusal(error, print);
  }
  const report = await audit(publication.cells, publication.catalogue, {
    threshold,
    cacheDir,
    keep,
  });
  print(
    `Audit du secret statistique (seuil ${threshold}) : ${report.components} composante(s), dont ${report.cached} lue(s) dans le cache.`,
  );
  if (report.narrowest.length > 0) {
    print("Intervalles les plus étroits qu'un attaquant peut établir :");
    for (const interval of report.narrowest) print(describe(interval));
  }
  if (report.ok) {
    print("Audit réussi : aucune case secrète ne peut être recalculée.");
    return 0;
  }
  print(`Audit en échec : ${report.failures.length} problème(s).`);
  for (const f of report.failures) print(`  - ${f.cell} : ${f.reason}`);
  return 1;
}
