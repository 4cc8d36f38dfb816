import { describe, expect, test } from "vitest";
import { lintText, secretValuesOf } from "../../loaders/publish/commentary-lint.ts";
import { publishedCells, rawCells } from "./fixtures.ts";

const secrets = secretValuesOf(publishedCells, rawCells);
const lint = (text: string) => lintText(text, "data/commentary/2016/apa-iris-map.md", secrets, 6);

describe("commentary lint", () => {
  test("the true values of secret cells are known to the lint, published ones are not", () => {
    expect([...secrets.integers]).toEqual([37]);
    expect(secrets.decimals.has("12,6")).toBe(true);
    expect(secrets.integers.has(57)).toBe(false);
  });

  test("a literal count of 1 to 4 fails, in digits or in words, with file and line", () => {
    const problems = lint("Premier paragraphe sans chiffre.\n\nDans cet IRIS, 3 bénéficiaires vivent seuls.");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ rule: "effectif-1-a-4", line: 8 });
    expect(problems[0]!.message).toContain("data/commentary/2016/apa-iris-map.md, ligne 8");
    expect(lint("Seules deux familles sont concernées.")).toHaveLength(1);
    expect(lint("On compte quatre bénéficiaires.")).toHaveLength(1);
    expect(lint("Il y en a 4.")).toHaveLength(1);
    expect(lint("Les cases de 1 à 4 personnes sont masquées.")).toHaveLength(2);
  });

  test("the value of a secret cell fails, without printing it", () => {
    const problems = lint("L'IRIS des Facultés compte 37 bénéficiaires ; 12,6 % en GIR 1 ou 2.");
    expect(problems.map((p) => p.rule)).toEqual(["valeur-secrete", "valeur-secrete"]);
    for (const p of problems) expect(p.message).not.toMatch(/\b37\b|12,6/);
  });

  test("numbers that are not counts pass: ages, GIR, ranks, ordinals, dates, years, percentages, references", () => {
    const text = [
      "En 2016, l'APA couvre les GIR 1 à 4 ; les GIR 1-2 et les GIR 3 ou 4 se partagent les bénéficiaires.",
      "Les enfants de moins de 3 ans, les naissances de rang 3 et plus, au 1er janvier comme au 31 décembre 2016.",
      "Une part de 2 % seulement ; l'article 7 de la convention ; la 2e année ; le 4 mars.",
      "Aix compte {{apa-beneficiaries|commune|13001}} bénéficiaires, soit 57 dans le premier IRIS.",
    ].join("\n");
    expect(lint(text)).toEqual([]);
  });
});
