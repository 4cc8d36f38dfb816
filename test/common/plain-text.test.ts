import { describe, expect, test } from "vitest";
import { plainUpper, stripAccents } from "../../loaders/common/plain-text.ts";

describe("plain text", () => {
  test("stripAccents drops accents and keeps case, spaces and punctuation", () => {
    expect(stripAccents("Département des Bouches-du-Rhône, çà et là")).toBe(
      "Departement des Bouches-du-Rhone, ca et la",
    );
    expect(stripAccents("ÉLÉONORE")).toBe("ELEONORE");
  });

  test("stripAccents reads a decomposed accent as the composed one", () => {
    expect(stripAccents("e\u0301te\u0301")).toBe(stripAccents("été"));
  });

  test("plainUpper: upper case, ligatures written out, punctuation runs as one space", () => {
    const written = ["  Bouches-du-Rhône ", "rue de l'Œuvre – N° 12", "Lætitia", "Straße", "—…"];
    expect(written.map(plainUpper)).toEqual(["BOUCHES DU RHONE", "RUE DE L OEUVRE N 12", "LAETITIA", "STRASSE", ""]);
  });

  test("plainUpper makes two spellings of one label equal", () => {
    expect(plainUpper("AIX EN PROVENCE")).toBe(plainUpper("Aix-en-Provence"));
    expect(plainUpper("Saint-Étienne-du-Grès")).toBe(plainUpper("SAINT ETIENNE DU GRES"));
  });
});
