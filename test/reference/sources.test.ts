import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { OPEN_LICENCE, referenceSources as sourcesOf } from "../../loaders/reference/sources.ts";
import { sharedReferenceDir } from "../helpers/shared-reference.ts";

describe("referenceSources", () => {
  const referenceSources = sourcesOf(sharedReferenceDir);
  it("gives producer, vintage, the Etalab licence and a file for every source, ids unique", () => {
    expect(OPEN_LICENCE).toBe("Licence Ouverte / Open Licence 2.0 (Etalab)");
    expect(new Set(referenceSources.map((s) => s.id)).size).toBe(referenceSources.length);
    for (const s of referenceSources) {
      expect(s.licence).toBe(OPEN_LICENCE);
      expect(s.producer.length).toBeGreaterThan(3);
      expect(s.vintage).toMatch(/\d{4}|fetch/);
    }
  });

  it("names files that exist in the shared reference directory (AAAA standing for each year)", () => {
    const files = referenceSources
      .flatMap((s) => s.file.split(", "))
      .filter((f) => /^(geo|insee|caf|fantoir)\//.test(f));
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const f of files) {
      if (f.includes("AAAA")) {
        const pattern = new RegExp(`^${f.split("/")[1]!.replace("AAAA", "\\d{4}").replace(/\./g, "\\.")}$`);
        expect(readdirSync(join(sharedReferenceDir, dirname(f))).some((n) => pattern.test(n))).toBe(true);
      } else expect(existsSync(join(sharedReferenceDir, f))).toBe(true);
    }
  });

  it("cites FANTOIR only when the reference directory holds the commune's list", () => {
    expect(referenceSources.find((s) => s.id === "fantoir")?.title).toBe("Voies et lieux-dits d'Aix-en-Provence");
    expect(sourcesOf(null).some((s) => s.id === "fantoir")).toBe(false);
  });

  it("cites the populations légales vintage of the installed package", () => {
    expect(referenceSources.find((s) => s.id === "populations-legales")!.vintage).toMatch(
      /^populations légales 20\d\d \(paquet \d+\.\d+\.\d+\)$/,
    );
  });
});
