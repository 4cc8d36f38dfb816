// The one flag convention of the `abs` commands, through the real commands' parsers.
import { describe, expect, it } from "vitest";
import { checkCommand } from "../../loaders/exports/cli-check.ts";
import { ingestCommand } from "../../loaders/records/cli-ingest.ts";

async function run(command: typeof ingestCommand, args: string[]) {
  const lines: string[] = [];
  const code = await command(args, (l) => lines.push(l));
  return { code, text: lines.join("\n") };
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
