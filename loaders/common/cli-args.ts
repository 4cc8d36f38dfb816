/**
 * The one argument parser of the `abs` commands (Node's util.parseArgs), with one flag
 * convention: French words, `--aide` (or `-h`, `--help`) for a French help of each command,
 * and the old or English spellings refused with a message that names the new flag. Every
 * message is French: util.parseArgs's own English errors never reach the user.
 */
import { parseArgs } from "node:util";
import { InputError } from "../contracts.ts";

export interface FlagSpec {
  type: "string" | "boolean";
  /** Placeholder of the value in the help, e.g. "<AAAA>". */
  value?: string;
  help: string;
}

export interface CommandSpec {
  /** "check", "reference fetch"… */
  name: string;
  /** Positional arguments as the help shows them, e.g. "<fichier.xlsx|csv>". */
  positionals: { name: string; required: boolean }[];
  summary: string;
  flags: Record<string, FlagSpec>;
}

/** The flags of a command: `flag.value("<N>", aide)` shown as `--flag <N>`, `flag.switch(aide)` without value. */
export const flag = {
  value: (value: string, help: string): FlagSpec => ({ type: "string", value, help }),
  switch: (help: string): FlagSpec => ({ type: "boolean", help }),
};

/**
 * Declares a command from its usage line as the help prints it: in "reference fetch" or
 * "audit <tables.json>", the bare words name the command, `<x>` is a required positional
 * and `[<x>]` an optional one. One line per command instead of the same object six times.
 */
export function defineCommand(usage: string, summary: string, flags: Record<string, FlagSpec>): CommandSpec {
  const words = usage.split(" ");
  const isPositional = (w: string) => w.startsWith("<") || w.startsWith("[");
  return {
    name: words.filter((w) => !isPositional(w)).join(" "),
    positionals: words
      .filter(isPositional)
      .map((w) => (w.startsWith("[") ? { name: w.slice(1, -1), required: false } : { name: w, required: true })),
    summary,
    flags,
  };
}

/** Spellings used before the convention, and English ones: each names its French flag. */
export const RENAMED_FLAGS: Record<string, string> = {
  "--sheet": "--feuille",
  "--dataset": "--jeu",
  "--year": "--annee",
  "--out": "--sortie",
  "--output": "--sortie",
  "--mapping": "--correspondance",
  "--observation": "--date-observation",
  "--threshold": "--seuil",
  "--manifest": "--manifeste",
  "--dest": "--dossier",
  "--only": "--seulement",
  "--no-header": "--sans-entete",
  "--fictitious": "--fictif",
  "--replace": "--remplacer",
};

const HELP_FLAGS = new Set(["--aide", "--help", "-h"]);

export type ParsedArgs =
  { help: string } | { values: Record<string, string | boolean | undefined>; positionals: string[] };

export function commandHelp(spec: CommandSpec): string {
  const args = spec.positionals.map((p) => (p.required ? p.name : `[${p.name}]`)).join(" ");
  const lines = [
    `Usage : abs ${spec.name}${args ? ` ${args}` : ""}${Object.keys(spec.flags).length ? " [options]" : ""}`,
  ];
  lines.push(`  ${spec.summary}`);
  const entries = Object.entries(spec.flags).map(([flag, f]) => [`--${flag}${f.value ? ` ${f.value}` : ""}`, f.help]);
  entries.push(["--aide", "affiche cette aide"]);
  const width = Math.max(...entries.map(([left]) => left!.length));
  if (entries.length) lines.push("Options :");
  for (const [left, help] of entries) lines.push(`  ${left!.padEnd(width)}  ${help}`);
  return lines.join("\n");
}

/** The French usage error of a command (exit 2): `Erreur : <why>.` followed by its help. */
export function usageError(spec: CommandSpec, why: string): InputError {
  return new InputError(`Erreur : ${why}.\n${commandHelp(spec)}`, `abs ${spec.name}`, "usage", 2);
}

/**
 * The end of a command refused for its input: its French message printed and its exit code
 * returned. Anything else is a bug of ours and is thrown on.
 */
export function printRefusal(error: unknown, print: (line: string) => void): 1 | 2 {
  if (!(error instanceof InputError)) throw error;
  print(error.message);
  return error.exitCode;
}

/** Parses or throws an InputError (exit 2) whose message is French and ends with the help. */
export function parseCommandArgs(spec: CommandSpec, args: string[]): ParsedArgs {
  for (const arg of args) {
    if (arg === "--") break;
    if (HELP_FLAGS.has(arg)) return { help: commandHelp(spec) };
    if (!arg.startsWith("-") || arg === "-") continue;
    const flag = arg.split("=")[0]!;
    const known = flag.startsWith("--") && Object.hasOwn(spec.flags, flag.slice(2));
    if (known) continue;
    const renamed = RENAMED_FLAGS[flag];
    if (renamed && Object.hasOwn(spec.flags, renamed.slice(2)))
      throw usageError(spec, `l'option ${flag} s'écrit désormais ${renamed}`);
    throw usageError(spec, `option inconnue : ${flag}`);
  }
  const options = Object.fromEntries(Object.entries(spec.flags).map(([flag, f]) => [flag, { type: f.type }]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // util.parseArgs explains in English: say it again in French, naming the flag.
    const flag = args.find((a) => a.startsWith("--") && (error as Error).message.includes(a.split("=")[0]!));
    const spelled = flag?.split("=")[0];
    const f = spelled ? spec.flags[spelled.slice(2)] : undefined;
    throw usageError(
      spec,
      f?.type === "boolean"
        ? `l'option ${spelled} ne prend pas de valeur`
        : spelled
          ? `l'option ${spelled} attend une valeur${f?.value ? ` ${f.value}` : ""}`
          : "arguments illisibles",
    );
  }
  for (const [flag, value] of Object.entries(parsed.values))
    if (typeof value === "string" && value.startsWith("--"))
      throw usageError(
        spec,
        `l'option --${flag} attend une valeur${spec.flags[flag]?.value ? ` ${spec.flags[flag].value}` : ""}`,
      );
  const required = spec.positionals.filter((p) => p.required).length;
  if (parsed.positionals.length < required)
    throw usageError(spec, `${spec.positionals[parsed.positionals.length]!.name} manquant`);
  if (parsed.positionals.length > spec.positionals.length)
    throw usageError(spec, `argument en trop : ${parsed.positionals[spec.positionals.length]}`);
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}
