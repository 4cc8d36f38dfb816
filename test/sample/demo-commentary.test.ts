// The demonstration commentary `abs init` writes must pass the publication gate's text rules
// for any commune (a template word like « à venir » reads as a placeholder and refuses the build).
import { describe, expect, it } from "vitest";
import { readCommentaries } from "../../loaders/publish/commentary.ts";
import { rejectionReason } from "../../loaders/publish/gate.ts";
import { writeDemoCommentary } from "../../loaders/sample/demo-commentary.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";

const tempDir = useTempDirs("abs-demo-commentary-");
const communes = [
  { commune: "13004", communeName: "Arles", population: 52_000 },
  { commune: "13060", communeName: "Meyreuil", population: 5_500 },
  { commune: "13055", communeName: "Marseille", population: 870_000 },
];

describe("demonstration commentary of another commune", () => {
  for (const c of communes) {
    it(`${c.communeName}: every text passes the gate's rules and names the commune, never Aix`, () => {
      const dir = tempDir();
      const territory = { ...c, departement: "13", departementName: "Bouches-du-Rhône" };
      const files = writeDemoCommentary(dir, territory, c.population, [2015, 2016]);
      expect(files.length).toBeGreaterThan(20);
      const texts = readCommentaries(dir);
      expect(texts).toHaveLength(files.length);
      for (const text of texts) {
        const previous = texts.find((t) => t.visual === text.visual && t.year === text.year - 1);
        expect(rejectionReason(text, previous, true), text.file).toBeNull();
        expect(text.markdown, text.file).not.toMatch(/Aix|13001/);
      }
      expect(texts.some((t) => t.markdown.includes(c.communeName))).toBe(true);
    });
  }
});
