/** Rows above which long work reports its progress. */
const PROGRESS_ROWS = 5000;

/**
 * Progress of long work on stderr, every `step` rows, for files of more than PROGRESS_ROWS
 * rows: "géocodage : 10000 / 40000 lignes (25 %) en 0,8 s". Never prints a row's content.
 */
export function progressReporter(
  label: string,
  total: number,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  step = PROGRESS_ROWS,
): (done: number) => void {
  const started = Date.now();
  if (total <= PROGRESS_ROWS) return () => {};
  return (done) => {
    if (done % step !== 0 && done !== total) return;
    const percent = Math.round((100 * done) / total);
    const seconds = ((Date.now() - started) / 1000).toFixed(1).replace(".", ",");
    write(`${label} : ${done} / ${total} lignes (${percent} %) en ${seconds} s`);
  };
}
