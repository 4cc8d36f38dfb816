import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dedupeByIdentifier } from "../../loaders/exports/dedupe.ts";
import { readExport, type ParsedExport } from "../../loaders/exports/read-export.ts";
import { generateSamples, SAMPLE_DATASETS } from "../../loaders/sample/generate.ts";
import type { AnswerKey } from "../../loaders/sample/answer-key.ts";
import { xlsxToCsv } from "../../loaders/sample/to-csv.ts";
import { localDrawAddress } from "../sample/local-drawer.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

const dir = useTempDir("abs-roundtrip-");
beforeAll(async () => {
  await generateSamples({ outDir: dir, seed: 7, years: [2015, 2016], drawAddress: localDrawAddress });
}, 60_000);

const comparable = (p: ParsedExport) => p.rows.map(({ file: _file, sheet: _sheet, ...rest }) => rest);

describe.each([2015, 2016])("sample %i", (year) => {
  it.each(SAMPLE_DATASETS)(
    "%s: xlsx and Windows-1252 ';' csv give the same rows, and the account matches the answer key rule by rule",
    async (dataset) => {
      const xlsx = join(dir, String(year), `${dataset}.xlsx`);
      const csv = join(dir, String(year), `${dataset}.csv`);
      await xlsxToCsv(xlsx, csv, { encoding: "windows-1252", separator: ";" });
      const key: AnswerKey = JSON.parse(readFileSync(join(dir, String(year), `${dataset}.answers.json`), "utf8"));

      const fromXlsx = await readExport(xlsx);
      const fromCsv = await readExport(csv);
      expect(fromXlsx.dataset).toBe(dataset);
      expect(fromCsv.dataset).toBe(dataset);
      expect(fromCsv.encoding).toBe("windows-1252");
      expect(fromCsv.separator).toBe(";");
      expect(comparable(fromCsv)).toEqual(comparable(fromXlsx));
      expect(fromCsv.account).toEqual(fromXlsx.account);

      const deduped = dedupeByIdentifier(fromXlsx.rows);
      expect({ ...fromXlsx.account, kept: deduped.rows.length, duplicates: deduped.duplicates }).toEqual(key.account);
      expect(fromXlsx.observationDate).toBe(key.observationDate);
      expect(fromXlsx.lastUpdate).toBe(key.lastUpdate);

      // Row by row: each line's fate and rule, and the fields of every kept row.
      const rejectedRule = new Map<number, string>();
      for (const r of fromXlsx.rejections)
        if (r.severity === "error" && !rejectedRule.has(r.row)) rejectedRule.set(r.row, r.rule);
      const keptByRow = new Map(deduped.rows.map((r) => [r.row, r]));
      for (const answer of key.rows) {
        if (answer.fate === "rejected") expect(rejectedRule.get(answer.row), `ligne ${answer.row}`).toBe(answer.rule);
        if (answer.fate === "kept") {
          expect(keptByRow.get(answer.row)?.fields, `ligne ${answer.row}`).toEqual(answer.fields);
          if (answer.communeLabel) expect(keptByRow.get(answer.row)?.communeLabel).toBe(answer.communeLabel);
        }
        if (answer.warnings) {
          const warned = fromXlsx.rejections
            .filter((r) => r.row === answer.row && r.severity === "warning")
            .map((r) => r.rule);
          expect(warned).toEqual(answer.warnings);
        }
      }
    },
    60_000,
  );
});
