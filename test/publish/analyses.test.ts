// Analysis pages (data/analyses/<year>/<slug>.md) through the editorial rules: directives
// become visuals, citations are rendered from the protected cells, and the same gate applies
// (validated status, lint naming file and line, no secret citation). Focused commentary: the
// gate still wants the general text; the page picks the most specific one for the selection.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readAnalyses } from "../../loaders/publish/analyses.ts";
import { readCommentaries } from "../../loaders/publish/commentary.ts";
import { prepareEditorial, type EditorialInput } from "../../loaders/publish/commentary-publication.ts";
import { ReferenceError } from "../../loaders/publish/commentary-references.ts";
import { chooseCommentary } from "../../src/components/commentary.js";
import { analysis, editorialInput, publishedCells, refusal, writeCommentaryFolder } from "./fixtures.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";

const tempRoot = useTempDirs("abs-analyses-");

const front = (status = "validé") =>
  `---\ntitre: "Les quartiers nord : vieillissement et pauvreté"\nauteur: Service observation sociale\ndate: 2017-06-22\nstatut: ${status}\nthème: Personnes âgées\n---\n`;

/** Writes data/analyses/2016/quartiers-nord.md in a fresh project folder; returns data/analyses. */
function analysesFolder(text: string, status = "validé"): string {
  const folder = join(tempRoot(), "data", "analyses");
  mkdirSync(join(folder, "2016"), { recursive: true });
  writeFileSync(join(folder, "2016", "quartiers-nord.md"), `${front(status)}${text}\n`);
  return folder;
}

const input = (analysesDir: string, overrides: Partial<EditorialInput> = {}): EditorialInput =>
  editorialInput([{ visual: "apa-iris-map", year: 2016, text: analysis(2016) }], {
    analyses: readAnalyses(analysesDir),
    ...overrides,
  });

const BODY = [
  "Au nord, Aix compte {{apa-beneficiaries|commune|13001}} bénéficiaires de l'APA à domicile en 2016.",
  "",
  "::carte indicateur=apa-beneficiaries niveau=iris",
  "",
  "La comparaison situe la commune entre ses IRIS et le département.",
  "",
  "::comparaison indicateurs=apa-beneficiaries",
].join("\n");

describe("analysis pages", () => {
  test("directives become visuals, citations are rendered from the protected cells, only their cells go with them", () => {
    const editorial = prepareEditorial(input(analysesFolder(BODY)));
    const [page] = editorial.analyses;
    expect(page!.slug).toBe("quartiers-nord");
    expect(page!.title).toBe("Les quartiers nord\u00a0: vieillissement et pauvreté");
    expect(page!.blocks.map((b) => (b.type === "prose" ? "prose" : b.kind))).toEqual([
      "prose",
      "carte",
      "prose",
      "comparaison",
    ]);
    expect(page!.blocks[0]!.type === "prose" && page!.blocks[0]!.html).toContain("Aix compte 2\u202f345 bénéficiaires");
    expect(new Set(page!.cells.map((c) => c.indicator))).toEqual(new Set(["apa-beneficiaries"]));
    // A secret cell travels with its flag, never its value.
    expect(page!.cells.filter((c) => c.secret).every((c) => c.value === null)).toBe(true);
    expect(page!.cells.some((c) => c.secret)).toBe(true);
  });

  test("key figures and a table are directives too: the key figures carry their one-year change", () => {
    const body = `${BODY}\n\n::chiffres-cles indicateurs=apa-beneficiaries\n\n::tableau indicateur=apa-beneficiaries niveau=commune ventilation=sex=F`;
    const [page] = prepareEditorial(input(analysesFolder(body))).analyses;
    const [figures, table] = page!.blocks.slice(-2);
    expect(figures).toMatchObject({ type: "visual", kind: "chiffres-cles", visual: { kind: "key-figures" } });
    expect(figures!.type === "visual" && figures!.visual.indicators).toEqual([
      "apa-beneficiaries",
      "apa-beneficiaries-evolution",
    ]);
    expect(table).toMatchObject({ type: "visual", kind: "tableau", level: "commune", category: "sex|F" });
    expect(table!.type === "visual" && table!.visual).toMatchObject({
      kind: "table",
      indicators: ["apa-beneficiaries"],
    });
    expect(() =>
      prepareEditorial(input(analysesFolder("Texte.\n\n::tableau indicateurs=apa-beneficiaries,births"))),
    ).toThrow(/quartiers-nord\.md, ligne 10 : un tableau montre un seul indicateur.*directive-invalide/);
  });

  test("without « statut: validé » the public build fails naming the file; the review edition shows it", () => {
    const folder = analysesFolder(BODY, "relu");
    const error = refusal(() => prepareEditorial(input(folder)));
    expect(error.message).toContain("1 analyse(s) non validée(s)");
    expect(error.message).toMatch(/data\/analyses\/2016\/quartiers-nord\.md .*statut « relu »/);
    expect(prepareEditorial(input(folder, { mode: "review", approvals: [] })).analyses).toHaveLength(1);
  });

  test("« 3 bénéficiaires » in an analysis page fails the lint naming file and line", () => {
    const folder = analysesFolder(`${BODY}\n\nEn 2016, seuls 3 bénéficiaires vivent dans l'IRIS Mazarin.`);
    const error = refusal(() => prepareEditorial(input(folder)));
    // Front matter: lines 1-7; the body starts on line 8 and the sentence is its 9th line.
    expect(error.message).toMatch(/data\/analyses\/2016\/quartiers-nord\.md, ligne 16 : .*effectif-1-a-4/);
  });

  test("a citation of a secret cell or a bad directive is refused, naming file and rule", () => {
    const secret = publishedCells.find((c) => c.secret)!;
    expect(() =>
      prepareEditorial(input(analysesFolder(`${BODY}\n\n{{apa-beneficiaries|iris|${secret.code}}} personnes.`))),
    ).toThrow(ReferenceError);
    expect(() => prepareEditorial(input(analysesFolder("Texte.\n\n::carte indicateur=inconnu")))).toThrow(
      /quartiers-nord\.md, ligne 10 : l'indicateur « inconnu » n'existe pas .*directive-invalide/,
    );
  });
});

describe("commentary that follows the selection", () => {
  function focusedFolder(): string {
    const folder = writeCommentaryFolder([{ visual: "apa-iris-map", year: 2016, text: analysis(2016) }]);
    writeFileSync(
      join(folder, "2016", "apa-iris-map.femmes.md"),
      `---\nauteur: Service observation sociale\ndate: 2017-06-01\nstatut: validé\nventilation: sex=F\n---\nLes femmes sont la grande majorité des bénéficiaires : elles vivent plus longtemps et plus souvent seules au grand âge.\n`,
    );
    return folder;
  }

  test("a focused file is published beside the general one, which the gate still requires", () => {
    const commentaries = readCommentaries(focusedFolder());
    const editorial = prepareEditorial(input(analysesFolder(BODY), { commentaries }));
    const entry = editorial.commentary["apa-iris-map"]![2016]!;
    expect(entry.html).toContain("se concentrent");
    expect(entry.focused?.map((f) => f.focus)).toEqual([{ breakdown: "sex", category: "F" }]);
    const onlyFocused = commentaries.filter((c) => c.file.endsWith("femmes.md"));
    expect(() => prepareEditorial(input(analysesFolder(BODY), { commentaries: onlyFocused }))).toThrow(
      /commentaire\(s\) validé\(s\) manquant/,
    );
  });

  test("the page shows the most specific validated commentary for what is on screen", () => {
    const general = { author: "A", date: "2017-06-01", html: "<p>général</p>", fictitious: false };
    const entry = {
      ...general,
      focused: [
        { ...general, html: "<p>sexe</p>", focus: { breakdown: "sex" } },
        { ...general, html: "<p>femmes</p>", focus: { breakdown: "sex", category: "F" } },
        { ...general, html: "<p>femmes, taux</p>", focus: { breakdown: "sex", category: "F", indicator: "apa-rate" } },
      ],
    };
    const pick = (selection: object) => chooseCommentary(entry, selection)?.html;
    expect(pick({ indicator: "apa-beneficiaries", breakdown: "", category: "" })).toBe("<p>général</p>");
    expect(pick({ indicator: "apa-beneficiaries", breakdown: "sex", category: "M" })).toBe("<p>sexe</p>");
    expect(pick({ indicator: "apa-beneficiaries", breakdown: "sex", category: "F" })).toBe("<p>femmes</p>");
    expect(pick({ indicator: "apa-rate", breakdown: "sex", category: "F" })).toBe("<p>femmes, taux</p>");
    expect(chooseCommentary({ ...entry, html: "" }, { breakdown: "gir", category: "1-2" })).toBeUndefined();
  });

  test("an unreadable header is a French error naming the file", () => {
    const folder = join(tempRoot(), "data", "analyses");
    mkdirSync(join(folder, "2016"), { recursive: true });
    writeFileSync(
      join(folder, "2016", "quartiers-nord.md"),
      "---\ntitre: Les quartiers nord : vieillissement\n---\nTexte.\n",
    );
    expect(() => readAnalyses(folder)).toThrow(/quartiers-nord\.md, ligne 2 : l'en-tête .*en-tete-invalide/);
  });

  test("a second file of a visual that does not say what it comments is refused", () => {
    const folder = writeCommentaryFolder([{ visual: "apa-iris-map", year: 2016, text: analysis(2016) }]);
    writeFileSync(join(folder, "2016", "apa-iris-map.bis.md"), "---\nstatut: validé\n---\nTexte.\n");
    expect(() => readCommentaries(folder)).toThrow(/apa-iris-map\.bis\.md.*commentaire-sans-cible/);
  });
});
