// Real public builds that fail, over one temporary copy of the data folder (its stage cache is
// shared by the four builds, so each costs the preparation only): a missing commentary, an
// analysis page not validated, a commentary citing a secret cell, an unusable export. Each
// fails in the build's preparation, before Framework runs; its last five lines are the French
// summary, with no stack trace, the published folder is left as it was, and nothing the
// analyst gave is deleted.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { projectRoot } from "../../loaders/paths.ts";
import { copyDataFolder, saveFile } from "./dev-server.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

const root = useTempDir("abs-failing-build-");
const data = copyDataFolder(join(root, "data"));
const target = join(root, "dist");
// Each test edits one file of the copy; afterEach puts it back as it was.
const restore: (() => void)[] = [];
afterEach(() => restore.splice(0).forEach((undo) => undo()));

function edit(path: string, change: (text: string | null) => string | null): void {
  const before = existsSync(path) ? readFileSync(path, "utf8") : null;
  restore.push(() => (before === null ? rmSync(path, { force: true }) : saveFile(path, before)));
  const after = change(before);
  if (after === null) rmSync(path);
  else saveFile(path, after);
}

/** `npm run build` as an analyst runs it (the same script), into `target`; its output lines. */
function failingBuild(env: NodeJS.ProcessEnv = {}): { lines: string[]; output: string } {
  const build = spawnSync(
    process.execPath,
    ["--import", "tsx", join(projectRoot, "loaders", "site", "build.ts"), "--out", target],
    {
      cwd: projectRoot,
      env: { ...process.env, ABS_DATA_DIR: data, ABS_DEBUG: "", OBSERVABLE_TELEMETRY_DISABLE: "1", ...env },
      encoding: "utf8",
      maxBuffer: 64 * 2 ** 20,
    },
  );
  const output = `${build.stdout}${build.stderr}`;
  expect(build.status, output).toBe(1);
  expect(build.stderr).not.toMatch(/^\s+at\s/m);
  // The editorial check runs in the preparation: Framework is never started.
  expect(output).not.toContain("Construction du site (Observable Framework)");
  expect(existsSync(target)).toBe(false);
  return { lines: output.trimEnd().split("\n"), output };
}

const summary = (what: string, file: string, todo: string) => [
  "── Résumé de l'échec ──",
  `Ce qui a échoué : ${what}.`,
  `Fichier : ${file}.`,
  `À faire : ${todo}.`,
  "Le site précédent (dist/) est inchangé.",
];

describe("a failing build ends with its French summary", () => {
  test("missing commentary: the visual and year named, its file, what to do", () => {
    edit(join(data, "commentary", "2016", "apa-iris-map.md"), () => null);
    const { lines, output } = failingBuild();
    expect(output).toMatch(/apa-iris-map \(page personnes-agees, .*\), 2016 : aucun fichier/);
    expect(lines.slice(-5)).toEqual(
      summary(
        "un visuel ou une analyse n'a pas de commentaire validé",
        "data/commentary/2016/apa-iris-map.md",
        "écrivez ou validez le texte (statut « validé »), ou construisez l'édition de travail avec « npm run build:review »",
      ),
    );
  }, 900_000);

  test("an analysis page without « statut: validé » is refused, naming it", () => {
    edit(join(data, "analyses", "2016", "vieillir-a-domicile.md"), (text) =>
      text!.replace("statut: validé", "statut: relu"),
    );
    const { lines, output } = failingBuild();
    expect(output).toContain("1 analyse(s) non validée(s)");
    expect(output).toContain(
      "data/analyses/2016/vieillir-a-domicile.md (« Vieillir à domicile : dépendance et fragilité économique ») : statut « relu »",
    );
    expect(lines.slice(-5)).toEqual(
      summary(
        "un visuel ou une analyse n'a pas de commentaire validé",
        "data/analyses/2016/vieillir-a-domicile.md",
        "écrivez ou validez le texte (statut « validé »), ou construisez l'édition de travail avec « npm run build:review »",
      ),
    );
  }, 900_000);

  test("secret citation: the last five lines say what failed, which file, what to do, dist/ unchanged", () => {
    // The first secret IRIS cell of the APA in the cached stage's published table (the newest
    // entry: the builds above wrote it when the copied cache was older than the code).
    const cache = join(data, "private", "cache");
    const newest = readdirSync(cache)
      .filter((f) => f.startsWith("protected-"))
      .sort((a, b) => statSync(join(cache, b)).mtimeMs - statSync(join(cache, a)).mtimeMs)[0]!;
    const cells = JSON.parse(readFileSync(join(cache, newest), "utf8")).table.cells as {
      indicator: string;
      level: string;
      code: string;
      year: number;
      breakdown: string;
      secret: boolean;
    }[];
    const secret = cells.find(
      (c) =>
        c.secret && c.indicator === "apa-beneficiaries" && c.level === "iris" && c.year === 2016 && c.breakdown === "",
    )!;
    edit(
      join(data, "commentary", "2016", "apa-iris-map.md"),
      (text) => `${text!.trimEnd()} Dans cet IRIS, {{apa-beneficiaries|iris|${secret.code}}} bénéficiaires.\n`,
    );
    expect(failingBuild().lines.slice(-5)).toEqual(
      summary(
        "un texte cite une case couverte par le secret statistique",
        "data/commentary/2016/apa-iris-map.md",
        "retirez cette référence ou citez une case publiée (non secrète), puis relancez",
      ),
    );
  }, 900_000);

  test("an unusable export: named with its folder and rule, never deleted", () => {
    const file = join(data, "exports", "2016", "apa-domicile.csv");
    const text = "Nom;Prénom;Commentaire\nexemple;fictif;aucune colonne de l'APA\n";
    edit(file, () => text);
    restore.push(() => rmSync(join(data, "exports"), { recursive: true, force: true }));
    // The fictitious address reference is allowed here: the file is refused for its columns, not for the reference.
    const { lines, output } = failingBuild({ ABS_ALLOW_FICTITIOUS_REFERENCE: "1" });
    expect(output).toContain(
      "data/exports/2016/apa-domicile.csv : aucune colonne de « APA à domicile » reconnue. Vérifiez le fichier ou fournissez un fichier de correspondance des colonnes (règle en-tete-introuvable). Ce fichier n'a pas été intégré : il est toujours dans data/exports/2016/.",
    );
    expect(lines.slice(-5)).toEqual(
      summary(
        "un export du Département est inutilisable (il n'a été ni intégré ni supprimé)",
        "data/exports/2016/apa-domicile.csv",
        "vérifiez-le avec « npm run abs -- check <fichier> --jeu <jeu> », corrigez-le ou demandez un nouvel export au Département, puis relancez",
      ),
    );
    expect(readFileSync(file, "utf8")).toBe(text);
  }, 900_000);
});
