// `abs purge --annee`: the whole year goes (store, quarantine, manifests, corrections, caches),
// the other years stay, the exports go only when asked; French messages, exit codes.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { purgeCommand, type PurgeLocations } from "../../loaders/records/purge.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";

// A fresh project folder for each test: a purge deletes what the next test needs.
const freshRoot = useTempDirs("abs-purge-");

let root: string;
let where: PurgeLocations;
const put = (path: string) => {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, "x");
};

beforeEach(() => {
  root = freshRoot();
  where = {
    root,
    privateDir: join(root, "data", "private"),
    exportsDir: join(root, "data", "exports"),
    loaderCacheDir: join(root, "src", ".observablehq", "cache"),
    stageCacheDir: join(root, "data", "private", "cache"),
    deployedDir: join(root, "data", "editions", "deployed"),
  };
  for (const year of ["2015", "2016"]) {
    for (const file of [
      "store/apa-domicile.json",
      "store/apa-domicile.manifest.json",
      "quarantine/apa.json",
      "intake/apa.manifest.json",
      "quality/apa.md",
      "corrections/adresses.csv",
      "cache/audit/c1.json",
    ]) {
      put(join(where.privateDir, year, file));
    }
    put(join(where.exportsDir, year, "apa-domicile.xlsx"));
  }
  put(join(where.loaderCacheDir, "data", "observatoire.zip"));
  put(join(where.stageCacheDir, "protected-0123.json"));
  mkdirSync(join(where.loaderCacheDir, "_npm", "d3@7.9.0"), { recursive: true });
});

describe("abs purge --site-deploye", () => {
  const recordDeployed = () => {
    put(join(where.deployedDir, "personnes-agees.parquet"));
    writeFileSync(join(where.deployedDir, "deployed.json"), JSON.stringify({ year: 2016, builtAt: "2017-06-30" }));
  };

  it("a year's purge keeps the deployed site's cells: they are online, not partner data", async () => {
    recordDeployed();
    expect(await purgeCommand(["--annee", "2015"], () => {}, where)).toBe(0);
    expect(readdirSync(where.deployedDir).sort()).toEqual(["deployed.json", "personnes-agees.parquet"]);
  });

  it("forgets the deployed site only when asked, saying in French what is forgotten and what it means", async () => {
    recordDeployed();
    const lines: string[] = [];
    expect(await purgeCommand(["--site-deploye"], (l) => lines.push(l), where)).toBe(0);
    expect(existsSync(where.deployedDir)).toBe(false);
    // Nothing of a year was touched.
    expect(existsSync(join(where.privateDir, "2015", "store"))).toBe(true);
    const text = lines.join("\n");
    expect(text).toContain("Oublié : les cases publiées du site déployé (édition 2016, construite le 2017-06-30");
    expect(text).toContain("2 fichier(s)");
    expect(text).toMatch(/ne sera plus contrainte par ce site/);
    expect(text).toMatch(/nouveau départ/);
    const again: string[] = [];
    expect(await purgeCommand(["--site-deploye"], (l) => again.push(l), where)).toBe(0);
    expect(again).toEqual(["Aucun site déployé n'est enregistré (data/editions/deployed absent) : rien à oublier."]);
  });
});

describe("abs purge", () => {
  it("deletes the year's private files, the stage cache and the loader cache, keeps the other year, the npm pins and the exports", async () => {
    const lines: string[] = [];
    expect(await purgeCommand(["--annee", "2015"], (l) => lines.push(l), where)).toBe(0);
    expect(existsSync(join(where.privateDir, "2015"))).toBe(false);
    expect(readdirSync(join(where.privateDir, "2016")).sort()).toEqual([
      "cache",
      "corrections",
      "intake",
      "quality",
      "quarantine",
      "store",
    ]);
    expect(readdirSync(where.loaderCacheDir)).toEqual(["_npm"]);
    // The stage cache holds every year's protected tables: it goes whole, and the output says so.
    expect(existsSync(where.stageCacheDir)).toBe(false);
    expect(lines).toContain(
      "Supprimé : data/private/cache (cache des étapes lourdes, toutes années : recalculé à la prochaine construction, 1 fichier(s)).",
    );
    expect(existsSync(join(where.exportsDir, "2015", "apa-domicile.xlsx"))).toBe(true);
    expect(lines.join("\n")).toMatch(/Purge de 2015 terminée : 9 fichier\(s\) supprimé\(s\)/);
    expect(lines.join("\n")).toMatch(/ajoutez --exports/);
  });

  it("with --exports, the partner's files of that year go too", async () => {
    expect(await purgeCommand(["--annee", "2015", "--exports"], () => {}, where)).toBe(0);
    expect(existsSync(join(where.exportsDir, "2015"))).toBe(false);
    expect(existsSync(join(where.exportsDir, "2016", "apa-domicile.xlsx"))).toBe(true);
  });

  it("is idempotent, and refuses a missing or malformed year", async () => {
    await purgeCommand(["--annee", "2015"], () => {}, where);
    const lines: string[] = [];
    expect(await purgeCommand(["--annee", "2015"], (l) => lines.push(l), where)).toBe(0);
    expect(lines).toContain("Rien à purger pour 2015.");
    for (const args of [[], ["--annee"], ["--annee", "15"], ["--annee", "2015", "--tout"], ["--year", "2015"]]) {
      const out: string[] = [];
      expect(await purgeCommand(args, (l) => out.push(l), where)).toBe(2);
      expect(out[0]).toMatch(/^Erreur : .*\nUsage : abs purge \[options\]/s);
    }
    // The old spelling is refused with a message that names the new flag.
    const old: string[] = [];
    await purgeCommand(["--year", "2015"], (l) => old.push(l), where);
    expect(old[0]).toContain("l'option --year s'écrit désormais --annee");
    expect(existsSync(join(where.privateDir, "2016", "store", "apa-domicile.json"))).toBe(true);
  });
});
