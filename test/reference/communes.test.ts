import { describe, expect, it } from "vitest";
import {
  communeCodeFromLabel,
  communeCodeFromPostcode,
  communesOfDepartement,
} from "../../loaders/reference/communes.ts";

describe("communesOfDepartement", () => {
  it("lists the 119 communes of the Bouches-du-Rhône, Marseille as one", () => {
    const communes = communesOfDepartement("13");
    expect(communes).toHaveLength(119);
    const marseille = communes.find((c) => c.code === "13055")!;
    expect(marseille.name).toBe("Marseille");
    expect(marseille.postcodes).toContain("13016");
    expect(communes.some((c) => c.code.startsWith("132"))).toBe(false);
    const aix = communes.find((c) => c.code === "13001")!;
    expect(aix.postcodes).toEqual(expect.arrayContaining(["13090", "13100"]));
    expect(aix.population).toBeGreaterThan(140_000);
    expect(communes.every((c) => c.population === null || c.population > 0)).toBe(true);
  });

  it("returns copies: a caller cannot corrupt the next answer", () => {
    communesOfDepartement("13")[0]!.postcodes.push("99999");
    expect(communesOfDepartement("13")[0]!.postcodes).not.toContain("99999");
  });
});

describe("communeCodeFromLabel", () => {
  // Label as the partner writes it -> INSEE code.
  it.each(
    Object.entries({
      "AIX EN PROVENCE": "13001",
      "Aix-en-Provence": "13001",
      "  aix en  provence ": "13001",
      "AIX-EN-PROVENCE CEDEX": "13001",
      "13090 AIX EN PROVENCE": "13001",
      MARSEILLE: "13055",
      "MARSEILLE 13e": "13055",
      "MARSEILLE 13EME": "13055",
      "Marseille 1er Arrondissement": "13055",
      "13213": "13055",
      "ST CHAMAS": "13092",
      "St-Chamas": "13092",
      "STES MARIES DE LA MER": "13096",
      "Saintes-Maries-de-la-Mer": "13096",
      "PENNES MIRABEAU (LES)": "13071",
      "LES PENNES MIRABEAU": "13071",
      "LA CIOTAT": "13028",
      "SALON DE PROVENCE": "13103",
      "Salon-de-Provence": "13103",
    }),
  )("%s -> %s", (label, code) => {
    expect(communeCodeFromLabel(label)).toBe(code);
  });

  it("reads a postcode that only one commune has", () => {
    expect(communeCodeFromLabel("13290")).toBe("13001");
    expect(communeCodeFromPostcode("13016")).toBe("13055");
  });

  it("refuses to guess a bare code that is an INSEE code of one commune and a postcode of another", () => {
    expect(communeCodeFromLabel("13001")).toBeNull();
    expect(communeCodeFromLabel("13001", "13", { codeKind: "insee" })).toBe("13001");
    expect(communeCodeFromLabel("13001", "13", { codeKind: "postcode" })).toBe("13055");
    // 13100 is shared by Aix, Beaurecueil, Saint-Antonin-sur-Bayon, Saint-Marc-Jaumegarde, Le Tholonet.
    expect(communeCodeFromLabel("13100", "13", { codeKind: "postcode" })).toBeNull();
    expect(communeCodeFromLabel("13100 AIX EN PROVENCE")).toBe("13001");
  });

  it("answers null for what is not a commune of the département", () => {
    expect(communeCodeFromLabel("")).toBeNull();
    expect(communeCodeFromLabel("PARIS")).toBeNull();
    expect(communeCodeFromLabel("75056")).toBeNull();
    expect(communeCodeFromLabel("AIX")).toBeNull();
  });
});
