// Fail closed: whatever fails (a data loader, an invalid export, the secrecy audit, the leak
// scan, a step that throws), the build stops with a French message naming the file and the
// rule, the published folder stays byte-identical and no temporary folder is left behind.
// Real Framework builds of a one-page fixture project, not of the whole observatory.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { BuildError, buildSite, runFramework, type BuildSteps } from "../../loaders/site/build.ts";
import type { PersonalValue } from "../../loaders/privacy/personal-values.ts";
import { jsonPage, useFixtureSites } from "../helpers/fixture-site.ts";
import { projectTmp, useTempDir } from "../helpers/temp-dirs.ts";

const work = useTempDir("fail-closed-", projectTmp());
const target = join(work, "dist");
const site = useFixtureSites();

function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

const leftovers = () => readdirSync(work).filter((name) => name !== "dist");

const CANARY: PersonalValue = {
  kind: "address",
  origin: { file: "apa-domicile.xlsx", row: 7 },
  forms: ["17 bis rue Mignet"],
};
const quietSteps = (root: string, values: PersonalValue[] = [CANARY]): Partial<BuildSteps> => ({
  prepare: async () => ({ files: [], synthetic: true }),
  framework: (output) => runFramework(output, root),
  personalValues: async () => values,
});

let published: Record<string, string>;
beforeEach(() => {
  // A previous site, as published last year.
  rmSync(target, { recursive: true, force: true });
  mkdirSync(join(target, "_file"), { recursive: true });
  writeFileSync(join(target, "index.html"), "<!doctype html><title>Site de l'an dernier</title>");
  writeFileSync(join(target, "_file", "cases.parquet"), new Uint8Array([80, 65, 82, 49, 0, 1, 2]));
  published = fingerprint(target);
});

async function failingBuild(steps: Partial<BuildSteps>): Promise<BuildError | Error> {
  const lines: string[] = [];
  const error = await buildSite({ target, steps, log: (l) => lines.push(l) }).then(
    () => null,
    (e: Error) => e,
  );
  expect(error, "la construction aurait dû échouer").not.toBeNull();
  expect(fingerprint(target)).toEqual(published);
  expect(leftovers()).toEqual([]);
  expect(lines.join("\n")).not.toContain("Site publié");
  return error!;
}

describe("fail closed", () => {
  it("a data loader that fails (e.g. the pipeline's secrecy audit) stops the build with its French message", async () => {
    const root = site({
      "index.md": jsonPage("Essai"),
      "data/valeurs.json.js": `process.stderr.write("L'audit du secret statistique a échoué : des cases secrètes peuvent être recalculées.\\n- apa|2015|iris|130010101 : règle secret-recalculable\\n"); process.exit(1);\n`,
    });
    const error = await failingBuild(quietSteps(root));
    expect(error).toBeInstanceOf(BuildError);
    expect(error.message).toMatch(/La construction du site a échoué/);
    expect(error.message).toMatch(/L'audit du secret statistique a échoué/);
    expect(error.message).toMatch(/secret-recalculable/);
  });

  it("an invalid export named by the pipeline (file, rule) stops the build the same way", async () => {
    const root = site({
      "index.md": jsonPage("Essai"),
      "data/valeurs.json.js": `process.stderr.write("apa-domicile.xlsx : ligne 12, colonne « GIR » : règle gir-hors-plage.\\n"); process.exit(2);\n`,
    });
    const error = await failingBuild(quietSteps(root));
    expect(error.message).toContain("apa-domicile.xlsx : ligne 12, colonne « GIR » : règle gir-hors-plage");
  });

  it("a personal value in the built site stops the build and names the page and the input row, not the value", async () => {
    const root = site({
      "index.md": jsonPage("Essai"),
      "data/valeurs.json.js": `process.stdout.write(JSON.stringify({ n: 42, note: "17 BIS rue Mignet" }));\n`,
    });
    const error = await failingBuild(quietSteps(root));
    expect(error).toBeInstanceOf(BuildError);
    expect(error.message).toMatch(/Fuite de données personnelles détectée/);
    expect(error.message).toMatch(/_file\/data\/valeurs\.[0-9a-f]+\.json : une adresse de apa-domicile\.xlsx, ligne 7/);
    expect(error.message).not.toMatch(/Mignet/i);
  });

  it("a failing loader that printed a personal value: the message masks the line, naming the input row", async () => {
    const root = site({
      "index.md": jsonPage("Essai"),
      "data/valeurs.json.js": `process.stderr.write("ligne illisible : 17 bis rue Mignet\\n"); process.exit(1);\n`,
    });
    const error = await failingBuild(quietSteps(root));
    expect(error.message).toMatch(
      /\[ligne masquée : elle contenait une donnée personnelle de apa-domicile\.xlsx, ligne 7\]/,
    );
    expect(error.message).not.toMatch(/Mignet/i);
  });

  it("a loader that succeeds but logs a personal value stops the build too", async () => {
    const root = site({
      "index.md": jsonPage("Essai"),
      "data/valeurs.json.js": `console.error("traitement de 17 BIS RUE MIGNET"); process.stdout.write('{"n":1}');\n`,
    });
    const error = await failingBuild(quietSteps(root));
    expect(error.message).toMatch(/Le journal de construction contient 1 ligne\(s\) avec une donnée personnelle/);
    expect(error.message).not.toMatch(/Mignet/i);
  });

  it("a step that throws (post-processing, preparation) leaves everything in place", async () => {
    const root = site({ "index.md": jsonPage("Essai"), "data/valeurs.json.js": `process.stdout.write('{"n":1}');\n` });
    await failingBuild({
      ...quietSteps(root),
      postProcess: () => {
        throw new Error("disque plein");
      },
    });
    await failingBuild({
      ...quietSteps(root),
      prepare: async () => {
        throw new Error("export illisible");
      },
    });
    await failingBuild({ ...quietSteps(root), postProcess: () => 0 });
  });

  it("the same fixture without a leak is published, replacing the previous site", async () => {
    const root = site({ "index.md": jsonPage("Essai"), "data/valeurs.json.js": `process.stdout.write('{"n":42}');\n` });
    await buildSite({ target, steps: quietSteps(root), log: () => {} });
    expect(readdirSync(target)).toContain("index.html");
    expect(readFileSync(join(target, "index.html"), "utf8")).toMatch(/<html lang="fr"/);
    expect(readFileSync(join(target, "index.html"), "utf8")).toMatch(/Content-Security-Policy/);
    expect(leftovers()).toEqual([]);
  });
});
