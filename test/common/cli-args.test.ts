// The one flag convention of the `abs` commands, through the real commands' parsers.
import { describe, expect, it, vi } from "vitest";
import { checkCommand } from "../../loaders/exports/cli-check.ts";
import { ingestCommand } from "../../loaders/records/cli-ingest.ts";
import { auditCommand } from "../../loaders/disclosure/audit-command.ts";
import { referenceFetchCommand } from "../../loaders/reference/fetch.ts";
import { initCommand } from "../../loaders/init/init-command.ts";
import { commandHelp, defineCommand, flag, printRefusal } from "../../loaders/common/cli-args.ts";
import { InputError } from "../../loaders/contracts.ts";

async function run(command: typeof ingestCommand, args: string[]) {
  const lines: string[] = [];
  const code = await command(args, (l) => lines.push(l));
  return { code, text: lines.join("\n") };
}

/** `abs init` writes to the console: caught here as lines (nothing is written on a refusal). */
async function initPrinting(args: string[], print: (line: string) => void = console.log): Promise<number> {
  const log = vi.spyOn(console, "log").mockImplementation((line: string) => print(line));
  const error = vi.spyOn(console, "error").mockImplementation((line: string) => print(line));
  try {
    return await initCommand(args);
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** `abs reference fetch` writes to the standard streams: caught here as lines. */
async function fetchPrinting(args: string[], print: (line: string) => void = console.log): Promise<number> {
  const write = [process.stdout.write, process.stderr.write];
  const capture = ((chunk: string) => (print(String(chunk).trimEnd()), true)) as typeof process.stdout.write;
  process.stdout.write = process.stderr.write = capture;
  try {
    return await referenceFetchCommand(args);
  } finally {
    [process.stdout.write, process.stderr.write] = write as [typeof capture, typeof capture];
  }
}

describe("abs command flags", () => {
  it("--aide, --help and -h print the command's help in French, exit 0", async () => {
    for (const flag of ["--aide", "--help", "-h"]) {
      const { code, text } = await run(ingestCommand, [flag]);
      expect(code).toBe(0);
      expect(text).toMatch(/^Usage : abs ingest <fichier\.xlsx\|csv> \[options\]/);
      expect(text).toContain("--annee <AAAA>");
      expect(text).toContain("--aide");
    }
  });

  it("every command answers --aide with its French help: audit and reference fetch too", async () => {
    for (const [command, usage] of [
      [auditCommand, "Usage : abs audit <tables.json> [options]"],
      [fetchPrinting, "Usage : abs reference fetch [options]"],
      [initPrinting, "Usage : abs init [options]"],
    ] as const) {
      const { code, text } = await run(command, ["--aide"]);
      expect(code).toBe(0);
      expect(text.startsWith(usage)).toBe(true);
      expect(text).toContain("--aide");
    }
  });

  it("old spellings are refused with a message naming the new flag", async () => {
    const cases: [typeof ingestCommand, string[], string][] = [
      [ingestCommand, ["f.csv", "--dataset", "apa-domicile", "--annee", "2015"], "--dataset s'écrit désormais --jeu"],
      [ingestCommand, ["f.csv", "--jeu", "apa-domicile", "--year", "2015"], "--year s'écrit désormais --annee"],
      [(a, p) => checkCommand(a, p, p), ["f.csv", "--sheet", "F1"], "--sheet s'écrit désormais --feuille"],
      [
        (a, p) => checkCommand(a, p, p),
        ["f.csv", "--mapping", "m.json"],
        "--mapping s'écrit désormais --correspondance",
      ],
      [auditCommand, ["tables.json", "--threshold", "3"], "--threshold s'écrit désormais --seuil"],
      [fetchPrinting, ["--only", "iris"], "--only s'écrit désormais --seulement"],
      [fetchPrinting, ["--dest", "ailleurs"], "--dest s'écrit désormais --dossier"],
      [initPrinting, ["--commune", "13004", "--replace"], "--replace s'écrit désormais --remplacer"],
      [initPrinting, ["--commune", "1300"], "--commune attend un code INSEE à cinq caractères, pas « 1300 »"],
      [initPrinting, ["--commune"], "l'option --commune attend une valeur <code INSEE>"],
    ];
    for (const [command, args, message] of cases) {
      const { code, text } = await run(command, args);
      expect(code).toBe(2);
      expect(text).toContain(message);
      expect(text).not.toMatch(/Unknown|option '|ERR_/);
    }
  });

  it("a flag without its value, an unknown flag or a value given to a switch: French, exit 2", async () => {
    for (const [args, message] of [
      [["f.csv", "--jeu"], "l'option --jeu attend une valeur <jeu>"],
      [["f.csv", "--jeu", "--annee", "2015"], "l'option --jeu attend une valeur"],
      [["f.csv", "--tout"], "option inconnue : --tout"],
      [
        ["f.csv", "--fictif=oui", "--jeu", "apa-domicile", "--annee", "2015"],
        "l'option --fictif ne prend pas de valeur",
      ],
    ] as [string[], string][]) {
      const { code, text } = await run(ingestCommand, args);
      expect(code, text).toBe(2);
      expect(text).toContain(message);
    }
  });
});

describe("defineCommand", () => {
  it("reads the command's words and its positionals from the usage line the help prints", () => {
    const spec = defineCommand("reference fetch", "résumé", {});
    expect(spec).toMatchObject({ name: "reference fetch", positionals: [] });
    const optional = defineCommand("exemple <entrée.csv> [<sortie.csv>]", "résumé", {
      seuil: flag.value("<N>", "seuil"),
    });
    expect(optional.name).toBe("exemple");
    expect(optional.positionals).toEqual([
      { name: "<entrée.csv>", required: true },
      { name: "<sortie.csv>", required: false },
    ]);
    expect(commandHelp(optional).split("\n")[0]).toBe("Usage : abs exemple <entrée.csv> [<sortie.csv>] [options]");
  });
});

describe("printRefusal", () => {
  it("prints a refusal's French message and returns its exit code; a bug is thrown on", () => {
    const lines: string[] = [];
    const refusal = new InputError("Erreur : fichier illisible.", "f.csv", "fichier-lisible", 1);
    expect(printRefusal(refusal, (l) => lines.push(l))).toBe(1);
    expect(lines).toEqual(["Erreur : fichier illisible."]);
    expect(() => printRefusal(new TypeError("bug"), (l) => lines.push(l))).toThrow(TypeError);
    expect(lines).toHaveLength(1);
  });
});
