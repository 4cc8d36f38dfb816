import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../loaders/contracts.ts";
import { readIrisPopulation } from "../../loaders/reference/population.ts";
import { sharedReferenceDir } from "../helpers/shared-reference.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";

describe("readIrisPopulation on the RP 2016 extract", () => {
  it("gives 53 IRIS of Aix a population summing to about 141,566", async () => {
    const table = await readIrisPopulation(sharedReferenceDir);
    expect(table.vintage).toBe(2016);
    expect(table.source).toBe("INSEE, recensement de la population 2016");
    const aix = table.codes().filter((c) => table.get(c)!.commune === "13001");
    expect(aix).toHaveLength(53);
    const sum = aix.reduce((s, c) => s + table.total(c)!, 0);
    expect(Math.round(sum)).toBe(141_566);
  });

  it("says 130010906 (activity IRIS) is unknown, not zero", async () => {
    const table = await readIrisPopulation(sharedReferenceDir);
    expect(table.get("130010906")).toBeNull();
    expect(table.total("130010906")).toBeNull();
    expect(table.ageGroup("130010906", "75+")).toBeNull();
  });

  it("sums the six age groups and never the CS columns (C16_POP15P_CS*)", async () => {
    const table = await readIrisPopulation(sharedReferenceDir);
    expect(table.ageGroups).toEqual(["0-14", "15-29", "30-44", "45-59", "60-74", "75+"]);
    // Values of row 130010101 as published in the file.
    const ages = [
      248.9311893150425, 955.1239694334048, 337.242170175403, 323.3121168285039, 270.4425683589028, 181.3842866960764,
    ];
    const p = table.get("130010101")!;
    expect(p.total).toBeCloseTo(
      ages.reduce((s, v) => s + v, 0),
      9,
    );
    expect(Object.keys(p.ageGroups).some((k) => /CS/i.test(k))).toBe(false);
    expect(p.ageGroups["75+"]).toBeCloseTo(181.3842866960764, 12);
  });

  it("gives Marseille's IRIS the commune 13055", async () => {
    const table = await readIrisPopulation(sharedReferenceDir);
    expect(table.get("132010102")?.commune).toBe("13055");
  });
});

describe("readIrisPopulation on the official base-ic-evol-struct-pop layout", () => {
  const tempDir = useTempDirs();
  const header = [
    "IRIS",
    "COM",
    "TYP_IRIS",
    "LAB_IRIS",
    "P19_POP",
    "P19_POP0002",
    "P19_POP0305",
    "P19_POP0610",
    "P19_POP1117",
    "P19_POP1824",
    "P19_POP2539",
    "P19_POP4054",
    "P19_POP5564",
    "P19_POP6579",
    "P19_POP80P",
    "P19_POP0014",
    "P19_POP1529",
    "P19_POP3044",
    "P19_POP4559",
    "P19_POP6074",
    "P19_POP75P",
    "P19_POPH",
    "P19_POPF",
    "C19_POP15P",
    "C19_POP15P_CS1",
  ];
  const row = (iris: string, typ: string, total: string, cs1: string) => [
    iris,
    iris.slice(0, 5),
    typ,
    "1",
    total,
    "10",
    "11",
    "12",
    "13",
    "14",
    "15",
    "16",
    "17",
    "18",
    "19",
    "20",
    "21",
    "22",
    "23",
    "24",
    "25",
    "70",
    "75",
    "120",
    cs1,
  ];

  it("reads a csv of any vintage: total from P19_POP, exact 0-2 ... 80+ bands, decimal commas", async () => {
    const dir = tempDir();
    const lines = [
      header,
      row("130010101", "H", "2345,5", "7"),
      row("130010906", "A", "12", "1"),
      row("130030000", "Z", "1500", "3"),
    ];
    writeFileSync(
      join(dir, "base-ic-evol-struct-pop-2019.csv"),
      "\uFEFF" + lines.map((l) => l.join(";")).join("\r\n") + "\r\n",
    );
    const table = await readIrisPopulation(dir);
    expect(table.vintage).toBe(2019);
    expect(table.source).toBe("INSEE, recensement de la population 2019");
    expect(table.total("130010101")).toBe(2345.5);
    expect(table.total("130010906")).toBe(12);
    expect(table.get("130030000")?.type).toBe("Z");
    expect(table.ageGroups).toEqual([
      "0-2",
      "3-5",
      "6-10",
      "11-17",
      "18-24",
      "25-39",
      "40-54",
      "55-64",
      "65-79",
      "80+",
      "0-14",
      "15-29",
      "30-44",
      "45-59",
      "60-74",
      "75+",
    ]);
    expect(table.ageGroup("130010101", "80+")).toBe(19);
    expect(table.ageGroup("130010101", "15+")).toBeNull();
    expect(table.get("130010101")!.ageGroups).not.toHaveProperty("POPH");
  });

  it("reads the xlsx with INSEE's title lines above the header, and keeps the latest vintage", async () => {
    const dir = tempDir();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("IRIS");
    sheet.addRow(["Évolution et structure de la population en 2020"]);
    sheet.addRow(["Recensement de la population 2020 - Base infracommunale (IRIS)"]);
    sheet.addRow([]);
    sheet.addRow(["Code géographique IRIS", "Commune"]);
    sheet.addRow(header.map((h) => h.replace("19", "20")));
    sheet.addRow(row("130010101", "H", "2400", "7").map((v, i) => (i >= 4 ? Number(v.replace(",", ".")) : v)));
    await workbook.xlsx.writeFile(join(dir, "base-ic-evol-struct-pop-2020.xlsx"));
    writeFileSync(
      join(dir, "base-ic-evol-struct-pop-2019.csv"),
      [header, row("130010101", "H", "2345", "7")].map((l) => l.join(";")).join("\n"),
    );
    const table = await readIrisPopulation(dir);
    expect(table.vintage).toBe(2020);
    expect(table.total("130010101")).toBe(2400);
    expect((await readIrisPopulation(dir, { vintage: 2019 })).total("130010101")).toBe(2345);
  });

  it("sums the six broad bands when the file has no total column, and a missing band leaves it unknown", async () => {
    const dir = tempDir();
    const text = readFileSync(join(sharedReferenceDir, "insee", "rp2016-iris-population-13.csv"), "utf8")
      .split("\n")
      .slice(0, 2);
    const cells = text[1]!.split(",");
    cells[4] = "";
    writeFileSync(join(dir, "rp2016-iris-population-13.csv"), [text[0], cells.join(",")].join("\n"));
    const table = await readIrisPopulation(dir);
    expect(table.total(cells[1]!)).toBeNull();
  });

  it("names the file and the missing columns in French", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "base-ic-evol-struct-pop-2019.csv"), "IRIS;COM;P19_POPH\n130010101;13001;12\n");
    const error = await readIrisPopulation(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      /^Fichier base-ic-evol-struct-pop-2019\.csv : colonnes de population par âge absentes/,
    );
  });

  it("names file, line and column of a cell that is not a number", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "base-ic-evol-struct-pop-2019.csv"),
      [header, row("130010101", "H", "beaucoup", "7")].map((l) => l.join(";")).join("\n"),
    );
    await expect(readIrisPopulation(dir)).rejects.toThrow(
      "Fichier base-ic-evol-struct-pop-2019.csv, ligne 2, colonne P19_POP : « beaucoup » n'est pas un nombre (règle : nombre).",
    );
  });

  it("stops with « abs reference fetch » when there is no population file", async () => {
    await expect(readIrisPopulation(tempDir())).rejects.toThrow(/Population par IRIS introuvable.*abs reference fetch/);
  });
});
