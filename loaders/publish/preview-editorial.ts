/**
 * The editorial stage as the preview (`npm run dev`) runs it: a lint, reference or approval
 * error does not stop the loader (the open page would keep its old text with no word of why);
 * it is shown on the page itself, in French, naming file, line and rule, and the commentary at
 * fault is left out, so that the page shows "À commenter" where it stood. The secrecy rules are
 * the same as in every build: a text at fault is never published, even in the preview.
 */
import { InputError } from "../contracts.ts";
import { datasetYearsOf, describeUnapproved, unapproved, type Approval } from "./approvals.ts";
import { lintEditorial, prepareEditorial, type Editorial, type EditorialInput } from "./commentary-publication.ts";
import { ReferenceError } from "./commentary-references.ts";

export interface PreviewProblem {
  file: string;
  line: number | null;
  rule: string;
  /** French, names the file, the line when known, and the rule; never a personal value. */
  message: string;
}

/** Reads an editorial file (approvals…); a bad one becomes a problem and `fallback` is used. */
export function readForPreview<T>(read: () => T, fallback: T, problems: PreviewProblem[]): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push({ file: error.file, line: null, rule: error.rule, message: error.message });
    return fallback;
  }
}

const lineOfMessage = (message: string) => Number(message.match(/, ligne (\d+)/)?.[1] ?? NaN) || null;

export function prepareEditorialForPreview(
  input: EditorialInput,
  problems: PreviewProblem[] = [],
): { editorial: Editorial; problems: PreviewProblem[] } {
  for (const p of lintEditorial(input)) problems.push({ file: p.file, line: p.line, rule: p.rule, message: p.message });
  const atFault = new Set(problems.map((p) => p.file));
  let commentaries = input.commentaries.filter((c) => !atFault.has(c.file));
  let analyses = (input.analyses ?? []).filter((a) => !atFault.has(a.file));
  // Each round leaves out the file a reference error names; there are at most as many rounds as files.
  for (;;) {
    try {
      const editorial = prepareEditorial({ ...input, mode: "dev", commentaries, analyses, pages: [] });
      const missing = unapproved(datasetYearsOf(input.published), input.approvals as Approval[], input.synthetic);
      if (missing.length > 0)
        problems.push({
          file: "data/approvals.json",
          line: null,
          rule: "accord-manquant",
          message: `${describeUnapproved(missing).split("\n").slice(0, 1)} (règle accord-manquant ; la construction publique sera refusée).`,
        });
      return { editorial, problems };
    } catch (error) {
      const file = error instanceof ReferenceError || error instanceof InputError ? error.file : null;
      if (file !== null && analyses.some((a) => a.file === file)) {
        const e = error as ReferenceError | InputError;
        problems.push({ file, line: lineOfMessage(e.message), rule: e.rule, message: e.message });
        analyses = analyses.filter((a) => a.file !== file);
        continue;
      }
      if (error instanceof ReferenceError && commentaries.some((c) => c.file === error.file)) {
        problems.push({
          file: error.file,
          line: lineOfMessage(error.message),
          rule: error.rule,
          message: error.message,
        });
        commentaries = commentaries.filter((c) => c.file !== error.file);
        continue;
      }
      throw error;
    }
  }
}
