// French no-break spaces in the texts the site renders: a title or a commentary never breaks
// a line before « : ; ? ! » (the analysis title on a phone: « … domicile / : dépendance »).
import { describe, expect, test } from "vitest";
import MarkdownIt from "markdown-it";
import { frenchSpacing, frenchSpacingHtml, frenchSpacingMarkdown } from "../../loaders/common/french-typography.ts";
import { renderCommentary } from "../../loaders/publish/commentary.ts";

describe("French typography", () => {
  test("a no-break space before the colon, a narrow one before ; ? ! and inside « »", () => {
    expect(frenchSpacing("Vieillir à domicile : dépendance ; fragilité ? Oui ! « APA »")).toBe(
      "Vieillir à domicile\u00a0: dépendance\u202f; fragilité\u202f? Oui\u202f! «\u202fAPA\u202f»",
    );
  });

  test("what is not French punctuation stays as written: addresses, times, a colon with no space", () => {
    for (const text of ["https://abs.example.fr/analyses", "Note:12", "ratio 3:2", "Aix-en-Provence"])
      expect(frenchSpacing(text)).toBe(text);
  });

  test("in HTML only the text changes, never a tag or an attribute", () => {
    expect(frenchSpacingHtml('<a href="x" title="a : b">Lecture : voir</a> ?')).toBe(
      '<a href="x" title="a : b">Lecture\u00a0: voir</a>\u202f?',
    );
    expect(renderCommentary("**Lecture** : les écarts sont faibles ; à suivre ?")).toBe(
      "<p><strong>Lecture</strong>\u00a0: les écarts sont faibles\u202f; à suivre\u202f?</p>\n",
    );
  });

  test("every page's own Markdown gets the same spaces in its text, never in its code or HTML", () => {
    const md = frenchSpacingMarkdown(new MarkdownIt({ html: true }));
    // The methodology page's sentence: no line may start after « mention : « ».
    expect(md.render("Elles sont diffusées avec la mention : « Source : CD13 ».")).toBe(
      "<p>Elles sont diffusées avec la mention\u00a0: «\u202fSource\u00a0: CD13\u202f».</p>\n",
    );
    expect(md.render('Voir `a ? b : c` et <span title="x : y">ici</span> ?')).toBe(
      '<p>Voir <code>a ? b : c</code> et <span title="x : y">ici</span>\u202f?</p>\n',
    );
  });
});
