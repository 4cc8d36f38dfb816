import { beforeAll, describe, expect, it } from "vitest";
import { loadAddressIndex, type AddressIndex } from "../../loaders/geocode/address-index.ts";
import { geocodeAddress } from "../../loaders/geocode/geocode.ts";
import { resolveReferenceDir } from "../../loaders/reference/resolve.ts";
import { evaluate, readFixture, streetNamed, type Evaluated } from "./fixture-evaluation.ts";

let index: AddressIndex;
let evaluated: Evaluated[];

beforeAll(async () => {
  index = await loadAddressIndex(resolveReferenceDir());
  evaluated = evaluate(index, readFixture());
});

function table(by: (e: Evaluated) => string): string {
  const groups = new Map<string, Evaluated[]>();
  for (const e of evaluated) groups.set(by(e), [...(groups.get(by(e)) ?? []), e]);
  return [...groups]
    .map(([key, list]) => {
      const held = list.filter((e) => e.verdict !== "not-in-reference");
      const right = held.filter((e) => e.verdict === "right").length;
      const wrong = held.filter((e) => e.verdict === "wrong").length;
      return `${key.padEnd(16)} ${String(list.length).padStart(4)} adresses, justes ${((100 * right) / Math.max(1, held.length)).toFixed(1)} %, fausses ${wrong}`;
    })
    .join("\n");
}

describe("hand-written messy addresses of Aix (test/geocode/fixtures/addresses-aix.csv)", () => {
  it("holds at least 300 addresses whose expected street exists in the reference", () => {
    expect(evaluated.length).toBeGreaterThanOrEqual(300);
    const unknown = evaluated.filter((e) => !streetNamed(index, e.expectedStreet)).map((e) => `ligne ${e.line}`);
    expect(unknown).toEqual([]);
  });

  it("places at least 98 % right among the addresses the reference holds, under 0.5 % wrong with a certain match", () => {
    const held = evaluated.filter((e) => e.verdict !== "not-in-reference");
    const right = held.filter((e) => e.verdict === "right");
    const certainWrong = held.filter((e) => e.verdict === "wrong" && e.result.certain);
    console.log(
      `par type de bruit :\n${table((e) => e.noise)}\npar type de correspondance :\n${table((e) => e.result.matchType)}`,
    );
    expect(held.length).toBeGreaterThan(0.9 * evaluated.length);
    expect(right.length / held.length).toBeGreaterThanOrEqual(0.98);
    expect(certainWrong.length / held.length).toBeLessThan(0.005);
  });
});

describe("negative set: never a certain match", () => {
  const negatives = [
    "12 rue de la République 13300 Salon-de-Provence",
    "4 avenue du Prado 13008 Marseille",
    "15 cours Gambetta 13400 Aubagne",
    "3 rue des Licornes Bleues 13100 Aix-en-Provence",
    "8 impasse du Dragon Violet",
    "21 boulevard Imaginaire 13090 Aix",
    "7 chemin des Soucoupes Volantes",
    "9999 rue Cardinale 13100 Aix-en-Provence",
    "4500 avenue Pasteur",
    "8000 cours Mirabeau",
    "14 rue du Château Imaginaire",
    "12 place de la Lune Rousse",
  ];
  it.each(negatives)("%s", (address) => {
    const result = geocodeAddress(index, address, { commune: "13001" });
    expect(result.certain).toBe(false);
    expect(["not-found", "ambiguous", "commune"]).toContain(result.matchType);
    expect(result.iris).toBeNull();
  });

  it("counts an address of another commune at that commune", () => {
    expect(
      geocodeAddress(index, "12 rue de la République 13300 Salon-de-Provence", { commune: "13001" }),
    ).toMatchObject({ matchType: "commune", commune: "13103" });
  });
});
