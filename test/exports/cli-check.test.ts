import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkCommand } from "../../loaders/exports/cli-check.ts";
import { writeCsv } from "./fixtures.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

const dir = useTempDir("abs-check-");

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await checkCommand(
    args,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const HEADER = ["Index", "NOM", "Adresse", "Sexe", "Date de naissance", "Situation familiale", "GIR"];

describe("abs check", () => {
  it("exits 0 on a clean file and prints the account in French", async () => {
    const path = writeCsv(join(dir, "propre.csv"), [
      HEADER,
      ["A1", "DUPONT", "1 rue A", "F", "01/01/1930", "isolée", "2"],
    ]);
    const { code, out } = await run([path, "--jeu", "apa-domicile"]);
    expect(code).toBe(0);
    expect(out).toContain("Lignes lues : 1");
    expect(out).toContain("Colonnes écartées (non lues) : « NOM »");
    expect(out).not.toContain("DUPONT");
  });

  it("exits 1 when rows are rejected, listing them without their values", async () => {
    const path = writeCsv(join(dir, "rejets.csv"), [
      HEADER,
      ["A1", "DUPONT", "1 rue A", "F", "01/01/1930", "isolée", "2"],
      ["A2", "MARTIN", "7 rue Secrète", "F", "03/04/1931", "isolée", "5"],
      ["A1", "DUPONT", "1 rue A", "F", "01/01/1930", "isolée", "2"],
    ]);
    const { code, out } = await run([path, "--jeu", "apa-domicile"]);
    expect(code).toBe(1);
    expect(out).toContain("gir-hors-plage : 1");
    expect(out).toContain("doublons : 1");
    expect(out).toContain("rejets.csv, ligne 3, colonne « GIR »");
    expect(out).not.toMatch(/MARTIN|Secrète|1931|A2/);
  });

  it("exits 2 on unusable input or bad arguments", async () => {
    const xls = join(dir, "ancien.xls");
    // Told by content: the OLE signature of Excel 97-2003, whatever the extension.
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]));
    expect((await run([xls])).code).toBe(2);
    expect((await run([xls])).err).toContain("Excel 97-2003");
    expect((await run([])).err).toContain("Usage : abs check");
    expect((await run([xls, "--jeu", "inconnu"])).code).toBe(2);
    expect((await run([join(dir, "absent.csv")])).err).toContain("introuvable");
  });
});
