// One reader of the analysts' headers, for commentary files and analysis pages alike.
import matter from "gray-matter";
import { InputError } from "../contracts.ts";

/**
 * The front matter and body of an analyst's file; a header YAML cannot read (« titre: Les
 * quartiers nord : … » needs quotes) is a French error naming the file and its line.
 */
export function readFrontMatter(source: string, file: string): matter.GrayMatterFile<string> {
  try {
    // A copy: gray-matter caches by content and would hand back a shared object.
    return matter(source, {});
  } catch (error) {
    const line = (error as { mark?: { line?: number } }).mark?.line;
    throw new InputError(
      `${file}${line === undefined ? "" : `, ligne ${line + 1}`} : l'en-tête (entre les lignes ---) est illisible ; une valeur qui contient « : » s'écrit entre guillemets, par exemple titre: "Les quartiers nord : vieillissement et pauvreté" (règle en-tete-invalide).`,
      file,
      "en-tete-invalide",
    );
  }
}

/** Status of an analyst's file (front matter `statut`): only "validé" is published. */
export type CommentaryStatus = "brouillon" | "relu" | "validé";

/** The header every analyst's file carries, commentary or analysis page: who, when, how far reviewed. */
export interface EditorialFields {
  author: string;
  date: string;
  status: CommentaryStatus;
  /** Written on the fictitious sample (front matter `fictif: true`). */
  fictitious: boolean;
}

export function editorialFields(data: Record<string, unknown>): EditorialFields {
  return {
    author: String(data.auteur ?? ""),
    // YAML reads an unquoted 2016-03-01 as a Date.
    date: data.date instanceof Date ? data.date.toISOString().slice(0, 10) : String(data.date ?? ""),
    status: String(data.statut ?? "brouillon") as CommentaryStatus,
    fictitious: data.fictif === true,
  };
}
