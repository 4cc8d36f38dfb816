import { describe, expect, test } from "vitest";
import { failureSummary, withoutNoise } from "../../loaders/site/failure-summary.ts";

describe("the French summary that ends a failing build", () => {
  test("a secret citation: what failed, the file, what to do, the previous site unchanged", () => {
    const lines = failureSummary(
      "data/commentary/2016/apa-iris-map.md, ligne 7 : la référence {{apa-beneficiaries|iris|130010101}} désigne une case couverte par le secret statistique (article 7) : elle ne peut pas être citée (règle reference-secrete).",
    );
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/secret statistique/);
    expect(lines[2]).toBe("Fichier : data/commentary/2016/apa-iris-map.md.");
    expect(lines[3]).toMatch(/^À faire : /);
    expect(lines[4]).toBe("Le site précédent (dist/) est inchangé.");
  });

  test("Framework's lines naming the loader's members never pass for the file at fault", () => {
    // What a real failing build printed (test/e2e/failing-build.test.ts found it): Framework
    // names data/observatoire/catalogue.json before the pipeline's French message.
    const lines = failureSummary(
      [
        "load /data/observatoire/catalogue.json → data/observatoire.zip.ts",
        "data/commentary/2016/apa-iris-map.md, ligne 7 : la référence {{apa-beneficiaries|iris|130010203}} désigne une case couverte par le secret statistique (article 7) : elle ne peut pas être citée (règle reference-secrete).",
      ].join("\n"),
    );
    expect(lines[2]).toBe("Fichier : data/commentary/2016/apa-iris-map.md.");
  });

  test("a missing commentary and a bad export get their own advice", () => {
    expect(
      failureSummary(
        "Publication refusée : 1 commentaire(s) validé(s) manquant(s).\n- apa-iris-map (page personnes-agees), 2016 : aucun fichier data/commentary/2016/apa-iris-map.md",
      )[1],
    ).toMatch(/commentaire validé/);
    const bad = failureSummary(
      "/srv/abs/data/exports/2016/apa-domicile.csv, ligne 12, colonne « GIR » : valeur hors de 1 à 6 (règle gir-hors-plage).",
    );
    expect(bad[1]).toMatch(/export du Département est inutilisable/);
    expect(bad[3]).toContain("npm run abs -- check <fichier> --jeu <jeu>");
    expect(bad[2]).toMatch(/exports\/2016\/apa-domicile\.csv/);
  });

  test("stack frames and Framework's advice are dropped unless ABS_DEBUG=1", () => {
    const text = "Erreur : x (règle y).\n    at foo (file.js:1:2)\n  12 | const a = 1;\nNode.js v20.20.2";
    expect(withoutNoise(text, {})).toBe("Erreur : x (règle y).");
    expect(withoutNoise(text, { ABS_DEBUG: "1" })).toBe(text);
  });
});
