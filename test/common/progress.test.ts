import { expect, test } from "vitest";
import { progressReporter } from "../../loaders/common/progress.ts";

test("long files report their progress every 5,000 rows and at the end, short ones stay quiet", () => {
  const lines: string[] = [];
  const long = progressReporter("géocodage", 12_000, (l) => lines.push(l));
  for (let done = 1; done <= 12_000; done++) long(done);
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(/^géocodage : 5000 \/ 12000 lignes \(42 %\) en \d+,\d s$/);
  expect(lines[2]).toMatch(/^géocodage : 12000 \/ 12000 lignes \(100 %\)/);
  const quiet: string[] = [];
  const short = progressReporter("géocodage", 3_000, (l) => quiet.push(l));
  for (let done = 1; done <= 3_000; done++) short(done);
  expect(quiet).toEqual([]);
});
