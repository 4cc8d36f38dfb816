import { beforeAll, describe, expect, it } from "vitest";
import {
  streetIdentity,
  buildRealWritingReference,
  evaluateRealWriting,
  readRealWriting,
  scoreRealWriting,
  withheld,
  type RealEvaluated,
  type RealWritingReference,
} from "./real-writing.ts";
import { readFantoir } from "../../loaders/geocode/fantoir.ts";
import { findFantoirFile } from "../../loaders/geocode/address-index.ts";
import { resolveReferenceDir } from "../../loaders/reference/resolve.ts";

const cases = readRealWriting();
let reference: RealWritingReference;
let evaluated: RealEvaluated[];

beforeAll(async () => {
  reference = await buildRealWritingReference(resolveReferenceDir(), cases);
  evaluated = evaluateRealWriting(reference.index, cases);
}, 60_000);

describe("real-writing set: public places of Aix as agents and publishers write them", () => {
  it("holds at least 200 addresses of public places, each street a FANTOIR street of Aix, each position in an IRIS", async () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    const fantoir = await readFantoir(findFantoirFile(resolveReferenceDir(), "13001")!);
    const known = new Set(fantoir.map((s) => streetIdentity(`${s.type} ${s.name}`)));
    expect(
      cases.filter((c) => !known.has(streetIdentity(c.street))).map((c) => `ligne ${c.line} : ${c.street}`),
    ).toEqual([]);
    expect(evaluated.filter((e) => e.expectedIris === null).map((e) => `ligne ${e.line}`)).toEqual([]);
    // The reference exercises interpolation and near-homonyms, or the bar below means little.
    expect(cases.filter(withheld).length).toBeGreaterThanOrEqual(30);
    expect(reference.homonyms.length).toBeGreaterThanOrEqual(30);
  });

  it("places at least 97 % in the right IRIS, none wrong with a certain match type", () => {
    const score = scoreRealWriting(evaluated);
    const missed = evaluated
      .filter((e) => e.verdict !== "right")
      .map(
        (e) =>
          `ligne ${e.line} ${e.verdict} ${e.result.matchType}${e.result.certain ? " certain" : ""} « ${e.written} » -> ${e.result.street ?? "-"} ${e.result.iris ?? ""} (attendu ${e.street} ${e.expectedIris}) ${e.result.reason ?? ""}`,
      );
    console.log(
      `${score.right}/${score.decidable} justes (${score.undecidable} indécidables sans numéro), ${score.wrong} fausses dont ${score.wrongCertain} certaines, ${score.notPlaced} non placées\n${missed.join("\n")}`,
    );
    // Undecidable addresses are few, or the bar would say little.
    expect(score.undecidable / score.total).toBeLessThan(0.05);
    expect(score.right / score.decidable).toBeGreaterThanOrEqual(0.97);
    expect(evaluated.filter((e) => e.verdict === "wrong" && e.result.certain).map((e) => `ligne ${e.line}`)).toEqual(
      [],
    );
  });
});

describe("real-writing set: what was guessed is never certain, and says so", () => {
  const byStyle = (style: string) => evaluated.filter((e) => e.style === style && e.result.iris !== null);
  it("places the first of several addresses as « première de plusieurs adresses »", () => {
    expect(byStyle("ou").length).toBeGreaterThanOrEqual(2);
    for (const e of byStyle("ou")) expect(e.result).toMatchObject({ matchType: "alternative", certain: false });
  });
  it("gives a range, a list of numbers or a street type that differs a weaker type than « numéro exact »", () => {
    const ranges = [...byStyle("plage"), ...byStyle("liste")];
    expect(ranges.length).toBeGreaterThanOrEqual(4);
    expect(byStyle("type-faux").length).toBeGreaterThanOrEqual(4);
    for (const e of ranges) expect(e.result).toMatchObject({ matchType: "range", certain: false });
    for (const e of byStyle("type-faux")) expect(e.result).toMatchObject({ matchType: "approximate", certain: false });
  });
  it("never calls a missing first name certain", () => {
    expect(byStyle("prenom-absent").length).toBeGreaterThanOrEqual(6);
    for (const e of byStyle("prenom-absent")) expect(e.result.certain).toBe(false);
  });
});
