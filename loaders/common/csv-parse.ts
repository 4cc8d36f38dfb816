/**
 * The project's one CSV tokenizer: fed text in chunks of any size, it hands back whole rows
 * with the line they start on. Quoted cells may hold separators, quotes ("") and line breaks;
 * a quote left open is reported with the line it opened on instead of swallowing the rest of
 * the file. Rows and cells are bounded so that a one-line file of 200 MB is refused, not
 * turned into a heap overflow.
 */

export type Separator = ";" | "," | "\t";

export interface CsvRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  cells: string[];
}

export interface CsvLimits {
  /** Characters of one row, quoted line breaks included. */
  maxRowChars: number;
  maxCells: number;
}

export const DEFAULT_CSV_LIMITS: CsvLimits = { maxRowChars: 1_000_000, maxCells: 20_000 };

/** Why a CSV cannot be read: where, and which rule. The caller words the message. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly rule: "guillemet-non-ferme" | "ligne-trop-longue" | "trop-de-colonnes",
    readonly line: number,
    readonly column: number,
  ) {
    super(rule);
  }
}

export class CsvTokenizer {
  private row: string[] = [];
  private cell = "";
  private quoted = false;
  /** A quote closed inside this cell: what follows it up to the separator is kept as text. */
  private afterQuote = false;
  private line = 1;
  private rowLine = 1;
  private quoteLine = 1;
  private rowChars = 0;
  private pendingCR = false;
  /** A closing quote ended the previous chunk: the next character may make it "". */
  private pendingQuote = false;

  constructor(
    private readonly separator: Separator,
    private readonly limits: CsvLimits = DEFAULT_CSV_LIMITS,
  ) {}

  /** Rows completed by this chunk. */
  push(text: string): CsvRow[] {
    const out: CsvRow[] = [];
    const sep = this.separator;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (this.pendingCR) {
        this.pendingCR = false;
        if (ch === "\n") continue;
      }
      if (++this.rowChars > this.limits.maxRowChars)
        throw new CsvSyntaxError("ligne-trop-longue", this.rowLine, this.row.length + 1);
      if (this.quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            this.cell += '"';
            i++;
          } else if (i + 1 === text.length) {
            // The next chunk decides between "" and a closing quote: keep the quote pending.
            this.quoted = false;
            this.afterQuote = true;
            this.pendingQuote = true;
          } else {
            this.quoted = false;
            this.afterQuote = true;
          }
        } else {
          // Lines are counted for messages: "\r\n" once, a lone "\r" or "\n" once.
          if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) this.line++;
          this.cell += ch;
        }
        continue;
      }
      if (this.pendingQuote) {
        this.pendingQuote = false;
        if (ch === '"') {
          // It was "" inside the quoted cell after all.
          this.cell += '"';
          this.quoted = true;
          this.afterQuote = false;
          continue;
        }
      }
      if (ch === '"' && !this.afterQuote && this.cell.trim() === "") {
        this.quoted = true;
        this.quoteLine = this.line;
        this.cell = "";
      } else if (ch === sep) {
        this.endCell();
      } else if (ch === "\n" || ch === "\r") {
        if (ch === "\r") {
          if (i + 1 === text.length) this.pendingCR = true;
          else if (text[i + 1] === "\n") i++;
        }
        this.endCell();
        out.push({ line: this.rowLine, cells: this.row });
        this.row = [];
        this.line++;
        this.rowLine = this.line;
        this.rowChars = 0;
      } else this.cell += ch;
    }
    return out;
  }

  private endCell(): void {
    this.row.push(this.cell);
    this.cell = "";
    this.afterQuote = false;
    if (this.row.length > this.limits.maxCells)
      throw new CsvSyntaxError("trop-de-colonnes", this.rowLine, this.row.length);
  }

  /** The last row when the text does not end with a line break. */
  end(): CsvRow[] {
    this.pendingQuote = false;
    if (this.quoted) throw new CsvSyntaxError("guillemet-non-ferme", this.quoteLine, this.row.length + 1);
    if (this.cell === "" && !this.row.length) return [];
    this.endCell();
    const last = { line: this.rowLine, cells: this.row };
    this.row = [];
    return [last];
  }
}

/** A whole text at once (reference files, tests). */
export function parseCsvText(text: string, separator: Separator, limits?: CsvLimits): CsvRow[] {
  const tokenizer = new CsvTokenizer(separator, limits);
  return [...tokenizer.push(text), ...tokenizer.end()];
}

/**
 * The separator that splits the first lines most regularly, quotes honoured: the sample is
 * the first kilobytes of the file; a quote left open at the sample's end is not an error.
 */
export function guessSeparator(sample: string): Separator {
  let best: Separator = ";";
  let bestScore = -1;
  for (const sep of [";", "\t", ","] as Separator[]) {
    const rows = new CsvTokenizer(sep, { maxRowChars: Infinity, maxCells: Infinity }).push(sample).slice(0, 30);
    const counts = rows.map((r) => r.cells.length - 1).filter((c) => c > 0);
    if (!counts.length) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    const [mode, times] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
    const score = times * Math.log2(mode + 1);
    if (score > bestScore) [best, bestScore] = [sep, score];
  }
  return best;
}
