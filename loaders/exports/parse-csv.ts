/** CSV text to rows of cells: quotes, CRLF/LF, and a separator guessed among ";", "," and tab. */

export type Separator = ";" | "," | "\t";

/** The separator that splits the first lines most regularly. */
export function guessSeparator(text: string): Separator {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .slice(0, 30);
  let best: Separator = ";";
  let bestScore = -1;
  for (const sep of [";", "\t", ","] as Separator[]) {
    const counts = lines.map((l) => splitLine(l, sep).length - 1).filter((c) => c > 0);
    if (!counts.length) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    const [mode, times] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
    const score = times * Math.log2(mode + 1);
    if (score > bestScore) [best, bestScore] = [sep, score];
  }
  return best;
}

function splitLine(line: string, sep: string): string[] {
  return parseCsv(line, sep as Separator)[0] ?? [];
}

export function parseCsv(text: string, sep: Separator): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === sep) {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
