/**
 * A function of a text remembered by that text, for the hot loops that see the same few texts
 * on every row (codes, communes, header titles). Bounded: past `limit` answers it forgets them
 * all, since a column of free text (a wrong mapping, addresses) would otherwise fill memory.
 */
export function boundedMemo<T>(compute: (text: string) => T, limit: number): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined && !answers.has(text)) {
      answer = compute(text);
      if (answers.size >= limit) answers.clear();
      answers.set(text, answer);
    }
    return answer as T;
  };
}
