// The same observatory for other communes, by configuration alone: `abs init --commune`
// writes a data folder of its own (ABS_DATA_DIR), and the site builds from it on the shared
// reference data. CPU-heavy (one full build per commune): opt-in with ABS_OTHER_COMMUNES=1,
// or ABS_OTHER_COMMUNES=13004,13060 for a few.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../loaders/paths.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";
import { walkFiles } from "./site-files.ts";

const ALL = [
  { code: "13004", name: "Arles", iris: 25 },
  { code: "13060", name: "Meyreuil", iris: 0 },
  { code: "13055", name: "Marseille", iris: 393 },
];
const asked = process.env.ABS_OTHER_COMMUNES;
const communes = !asked ? [] : asked === "1" ? ALL : ALL.filter((c) => asked.split(",").includes(c.code));
const dataFolder = useTempDirs("abs-commune-");

function run(args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync("npx", ["tsx", ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe.skipIf(communes.length === 0)("the observatory of another commune (ABS_OTHER_COMMUNES)", () => {
  for (const commune of communes) {
    it(`${commune.name} (${commune.code}): init, then a site that names it and never Aix`, () => {
      const data = dataFolder();
      const dist = join(data, "dist");
      const env = { ABS_DATA_DIR: data };
      const init = run(["loaders/cli.ts", "init", "--commune", commune.code], env);
      expect(init.status, init.output).toBe(0);
      expect(init.output).toContain(commune.name);
      const config = JSON.parse(readFileSync(join(data, "observatory.json"), "utf8"));
      expect(config.territory.commune).toBe(commune.code);
      const built = run(["loaders/site/build.ts", "--out", dist], env);
      expect(built.status, built.output.slice(-4000)).toBe(0);
      expect(built.output).toContain("Audit du secret statistique réussi");

      const files = walkFiles(dist);
      const texts = files.filter((f) => /\.(html|json|csv|js)$/.test(f) && !f.includes("_npm") && !f.includes("_node"));
      const index = readFileSync(join(dist, "index.html"), "utf8");
      expect(index).toContain("Observatoire");
      const catalogueFile = files.find((f) => /catalogue\.[0-9a-f]+\.json$/.test(f))!;
      const catalogue = JSON.parse(readFileSync(catalogueFile, "utf8"));
      expect(catalogue.territory.communeName).toBe(commune.name);
      expect(catalogue.territory.irisCount).toBe(commune.iris);
      // Every Département source line of the catalogue opens with the configured mention, word for word.
      const strings = JSON.stringify(catalogue).match(/"Source [^"]*"/g) ?? [];
      expect(strings.length).toBeGreaterThan(0);
      for (const s of strings)
        expect(JSON.parse(s)).toMatch(
          new RegExp(`^${config.sources.departement.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
        );
      for (const file of texts) expect(readFileSync(file, "utf8"), file).not.toMatch(/Aix|13001\d{4}/);
      const topology = files.find((f) => /iris\.[0-9a-f]+\.json$/.test(f));
      if (commune.iris > 0) {
        const iris = JSON.parse(readFileSync(topology!, "utf8"));
        expect(Object.values(iris.objects)[0]).toMatchObject({ type: "GeometryCollection" });
        expect((Object.values(iris.objects)[0] as { geometries: unknown[] }).geometries).toHaveLength(commune.iris);
      }
      expect(existsSync(dist) && readdirSync(dist).length).toBeGreaterThan(5);
    }, 1_200_000);
  }
});
