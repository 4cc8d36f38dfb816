// A real public build that fails (a commentary citing a secret cell, over a temporary copy of
// the data folder): its last five lines are the French summary, with no stack trace, and the
// published folder is left as it was.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { projectRoot } from "../../loaders/paths.ts";
import { copyDataFolder, saveFile } from "./dev-server.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

describe("a failing build ends with its French summary", () => {
  test("secret citation: the last five lines say what failed, which file, what to do, dist/ unchanged", async () => {
    const root = useTempDir("abs-failing-build-");
    const data = copyDataFolder(join(root, "data"));
    // The preview's helper finds a secret cell in the preview files; here, in the cached stage's
    // published table: the first secret IRIS cell of the APA.
    const cache = join(data, "private", "cache");
    const stage = readFileSync(
      join(
        cache,
        (await import("node:fs")).readdirSync(cache).find((f) => f.startsWith("protected-"))!,
      ),
      "utf8",
    );
    const cells = JSON.parse(stage).table.cells as {
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
    const file = join(data, "commentary", "2016", "apa-iris-map.md");
    saveFile(
      file,
      readFileSync(file, "utf8").trimEnd() +
        ` Dans cet IRIS, {{apa-beneficiaries|iris|${secret.code}}} bénéficiaires.\n`,
    );
    const target = join(root, "dist");
    const build = spawnSync(
      process.execPath,
      ["--import", "tsx", join(projectRoot, "loaders", "site", "build.ts"), "--out", target],
      {
        cwd: projectRoot,
        env: { ...process.env, ABS_DATA_DIR: data, ABS_DEBUG: "", OBSERVABLE_TELEMETRY_DISABLE: "1" },
        encoding: "utf8",
        maxBuffer: 64 * 2 ** 20,
      },
    );
    expect(build.status).toBe(1);
    const lines = `${build.stdout}${build.stderr}`.trimEnd().split("\n");
    expect(lines.slice(-5)).toEqual([
      "── Résumé de l'échec ──",
      "Ce qui a échoué : un texte cite une case couverte par le secret statistique.",
      "Fichier : data/commentary/2016/apa-iris-map.md.",
      "À faire : retirez cette référence ou citez une case publiée (non secrète), puis relancez.",
      "Le site précédent (dist/) est inchangé.",
    ]);
    expect(build.stderr).not.toMatch(/^\s+at\s/m);
    expect(existsSync(target)).toBe(false);
  }, 900_000);
});
