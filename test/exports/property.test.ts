import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../loaders/contracts.ts";
import { readExport } from "../../loaders/exports/read-export.ts";
import { encodeCsv, linesToCsv } from "../../loaders/sample/to-csv.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

const dir = useTempDir("abs-prop-");

type Fault = null | "gir" | "sex" | "date" | "identifier" | "missing";
const RULE: Record<Exclude<Fault, null>, string> = {
  gir: "gir-hors-plage",
  sex: "sexe-inconnu",
  date: "date-invalide",
  identifier: "identifiant-manquant",
  missing: "valeur-manquante",
};

const person = fc.record({
  id: fc.integer({ min: 1, max: 999_999 }),
  street: fc.constantFrom(
    "rue Espariat",
    "av. Victor Hugo",
    "bd du Roi René",
    "chemin de Maliverny",
    "impasse des Lauriers",
  ),
  number: fc.integer({ min: 1, max: 300 }),
  sex: fc.constantFrom("F", "M", "H", "Femme", "Homme", "2"),
  birth: fc.record({
    y: fc.integer({ min: 1900, max: 1954 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  }),
  alone: fc.constantFrom("Isolé(e)", "Couple", "personne isolée", "en couple"),
  gir: fc.integer({ min: 1, max: 4 }),
  name: fc.constantFrom("DUPONT", "MARTIN", "ZOLA", "CÉZANNE"),
  fault: fc.constantFrom<Fault>(null, null, null, "gir", "sex", "date", "identifier", "missing"),
});
const line = fc.oneof(
  { weight: 12, arbitrary: person.map((p) => ({ kind: "person" as const, p })) },
  { weight: 1, arbitrary: fc.constant({ kind: "blank" as const }) },
);
const layout = fc.record({
  headers: fc.record({
    identifier: fc.constantFrom("Index dossier", "INDEX", "Identifiant", "N° dossier"),
    address: fc.constantFrom("Adresse complète", "ADRESSE", "adr. complete"),
    sex: fc.constantFrom("Sexe", "SEXE", "sexe (H/F)"),
    birth: fc.constantFrom("Date de naissance", "DDN", "Date naiss."),
    alone: fc.constantFrom("Situation familiale", "SIT. FAM."),
    gir: fc.constantFrom("GIR", "Niveau GIR"),
  }),
  nameColumn: fc.boolean(),
  titles: fc.integer({ min: 0, max: 4 }),
  dropColumn: fc.constantFrom(null, null, null, null, "sex", "gir"),
  format: fc.constantFrom("csv-1252-semicolon", "csv-utf8bom-comma", "csv-utf8-tab", "xlsx"),
  lines: fc.array(line, { minLength: 0, maxLength: 40 }),
});

let counter = 0;

describe("property: any generated APA export loads with an exact account or fails clearly", () => {
  it("never loses a row and never prints a personal value", async () => {
    await fc.assert(
      fc.asyncProperty(layout, async (l) => {
        const columns = [
          "identifier",
          ...(l.nameColumn ? ["name"] : []),
          "address",
          "sex",
          "birth",
          "alone",
          "gir",
        ].filter((c) => c !== l.dropColumn);
        const header = columns.map((c) => (c === "name" ? "NOM" : l.headers[c as keyof typeof l.headers]));
        const grid: (string | number | null)[][] = [];
        for (let t = 0; t < l.titles; t++)
          grid.push([t === 0 ? "APA à domicile, export du Département" : `Note ${t} de l'export`]);
        grid.push(header);
        const personal: string[] = [];
        let kept = 0;
        const rejected: Record<string, number> = {};
        const seenIds = new Set<number>();
        for (const item of l.lines) {
          if (item.kind === "blank" || seenIds.has(item.p.id)) {
            grid.push([]);
            continue;
          }
          const p = item.p;
          seenIds.add(p.id);
          const identifier = `APA-2015-${String(p.id).padStart(6, "0")}`;
          const address = `${p.number} ${p.street}`;
          const birth = `${String(p.birth.d).padStart(2, "0")}/${String(p.birth.m).padStart(2, "0")}/${p.birth.y}`;
          personal.push(identifier, address, birth, p.name);
          const cells: Record<string, string | number | null> = {
            identifier,
            name: p.name,
            address,
            sex: p.sex,
            birth,
            alone: p.alone,
            gir: p.gir,
          };
          if (p.fault === "gir") cells.gir = 5;
          if (p.fault === "sex") cells.sex = "Z";
          if (p.fault === "date") cells.birth = `31/02/${p.birth.y}`;
          if (p.fault === "identifier") cells.identifier = null;
          if (p.fault === "missing") cells.alone = null;
          grid.push(columns.map((c) => cells[c] ?? null));
          if (p.fault) rejected[RULE[p.fault]] = (rejected[RULE[p.fault]] ?? 0) + 1;
          else kept++;
        }
        const path = join(dir, `p${counter++}.${l.format === "xlsx" ? "xlsx" : "csv"}`);
        if (l.format === "xlsx") {
          const wb = new ExcelJS.Workbook();
          const ws = wb.addWorksheet("APA");
          grid.forEach((r, i) => r.forEach((v, c) => v !== null && (ws.getRow(i + 1).getCell(c + 1).value = v)));
          await wb.xlsx.writeFile(path);
        } else {
          const [, enc, sep] = l.format.split("-");
          const separator = sep === "semicolon" ? ";" : sep === "comma" ? "," : "\t";
          writeFileSync(
            path,
            encodeCsv(
              linesToCsv(grid, separator),
              enc === "1252" ? "windows-1252" : enc === "utf8bom" ? "utf-8-bom" : "utf-8",
            ),
          );
        }

        let messages: string[];
        try {
          const parsed = await readExport(path, { dataset: "apa-domicile", observationDate: "2015-12-31" });
          expect(l.dropColumn).toBeNull();
          const { account } = parsed;
          // Title and blank lines are outside the account: "lues" are the filled rows under the header.
          const lastFilled = grid.reduce((last, r, i) => (r.some((c) => c !== null && c !== "") ? i : last), -1);
          const blankUnder = grid.slice(l.titles + 1, lastFilled + 1).filter((r) => r.length === 0).length;
          const rejectedCount = Object.values(rejected).reduce((a, b) => a + b, 0);
          expect(account.kept).toBe(kept);
          expect(account.rejected).toEqual(rejected);
          expect(account.read).toBe(kept + rejectedCount);
          expect(account.ignored).toBe(0);
          expect(parsed.layout).toEqual({ headerLine: l.titles + 1, rowsAbove: l.titles, blankRows: blankUnder });
          expect(parsed.rows).toHaveLength(kept);
          expect(parsed.droppedColumns).toEqual(l.nameColumn ? ["NOM"] : []);
          messages = parsed.rejections.map((r) => r.message);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          // Only a missing column, or a header with no data row under it, makes this input unusable.
          if (e.rule === "aucune-ligne") expect(kept + Object.values(rejected).reduce((a, b) => a + b, 0)).toBe(0);
          else {
            expect(e.rule).toBe("colonne-obligatoire-absente");
            expect(l.dropColumn).not.toBeNull();
          }
          messages = [e.message];
        }
        for (const m of messages) for (const value of personal) expect(m).not.toContain(value);
      }),
      { numRuns: 60, seed: 4242 },
    );
  }, 120_000);

  it("arbitrary bytes give rows or an InputError, nothing else", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 600 }),
        fc.constantFrom(".csv", ".xlsx", ".xls", ".txt"),
        async (bytes, ext) => {
          const path = join(dir, `b${counter++}${ext}`);
          writeFileSync(path, bytes);
          try {
            const parsed = await readExport(path);
            const a = parsed.account;
            expect(a.read).toBe(a.kept + Object.values(a.rejected).reduce((x, y) => x + y, 0) + a.ignored);
          } catch (e) {
            expect(e).toBeInstanceOf(InputError);
            expect((e as InputError).message.length).toBeGreaterThan(10);
          }
        },
      ),
      { numRuns: 150, seed: 77 },
    );
  }, 120_000);
});
