// The explorer's result, saved as a person can reuse it: CSV for French spreadsheets (BOM,
// `;`, decimal comma) and XLSX, both opening with the same header block as the visuals'
// downloads (title, the query, source lines with their dates, what « s » means). The XLSX is
// written by hand (a zip of a few XML parts, fflate): exceljs is too heavy for the browser.
import { strToU8, zipSync } from "fflate";
import { saveBlob } from "./export-image.js";
import { datedFilename } from "./file-names.js";

export const SECRET_NOTE =
  "« s » : secret statistique (moins de 5 personnes, zone de moins de 100 habitants, ou case qui permettrait de les recalculer). Case vide : donnée non disponible.";

/** Header block rows [field, text] of a result. */
export function resultHeader({ sql, sources, marking = null }) {
  return [
    ...(marking ? [["Diffusion", marking]] : []),
    ["Titre", "Résultat d'une requête de l'explorateur de données — Observatoire ABS"],
    ["Requête", String(sql).replace(/\s+/g, " ").trim()],
    ...[...new Set(sources)].map((line) => ["Source", line]),
    ["Secret", SECRET_NOTE],
  ];
}

/** A text a spreadsheet would run as a formula gets a leading apostrophe (OWASP). */
const inert = (text) => (/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? `'${text}` : text);

/** Values of a result cell as written: a secret cell reads « s », a number stays a number. */
function tableRows(fields, rows) {
  const secretAt = fields.indexOf("secret");
  return rows.map((row) =>
    fields.map((f) => {
      const v = row[f];
      if (f === "value" && secretAt >= 0 && row.secret) return "s";
      if (typeof v === "bigint") return Number(v);
      if (typeof v === "number" || v === null || v === undefined) return v ?? null;
      return String(v);
    }),
  );
}

const numberFormat = new Intl.NumberFormat("fr-FR", { useGrouping: false, maximumFractionDigits: 6 });

function csvField(value) {
  if (value === null) return "";
  const text = typeof value === "number" ? numberFormat.format(value) : inert(String(value));
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV: the header block, a blank line, the table. */
export function resultCsv({ fields, rows, header }) {
  const lines = [...header, [], fields, ...tableRows(fields, rows)].map((r) => r.map(csvField).join(";"));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

const xml = (text) =>
  String(text).replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]);
const column = (i) => (i < 26 ? "" : String.fromCharCode(64 + Math.floor(i / 26))) + String.fromCharCode(65 + (i % 26));

function sheetXml(rows) {
  const body = rows
    .map((row, r) => {
      const cells = row
        .map((v, c) => {
          const ref = `${column(c)}${r + 1}`;
          if (v === null || v === undefined) return "";
          if (typeof v === "number" && Number.isFinite(v)) return `<c r="${ref}"><v>${v}</v></c>`;
          return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xml(inert(String(v)))}</t></is></c>`;
        })
        .join("");
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

/** XLSX with one sheet « Résultat »: the header block, a blank row, the table (no formula). */
export function resultXlsx({ fields, rows, header }) {
  const ns = "http://schemas.openxmlformats.org";
  const files = {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="Résultat" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    "xl/worksheets/sheet1.xml": sheetXml([...header, [], fields, ...tableRows(fields, rows)]),
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
}

/**
 * Two buttons saving rows as CSV and XLSX, each opening with its header block; the files are
 * written in the browser from what the page shows, never from anything more.
 * @param {{fields: string[], rows: Record<string, unknown>[], header: unknown[][]}} input
 * @param {{lead: string, stem: string, years?: readonly (number | string)[]}} naming
 */
export function saveButtons(input, { lead, stem, years = [] }) {
  const box = document.createElement("p");
  box.className = "result-downloads";
  const button = (label, make, filename, type) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", () => saveBlob(new Blob([make(input)], { type }), filename));
    return b;
  };
  box.append(
    lead,
    button("CSV", resultCsv, datedFilename(stem, "csv", { years }), "text/csv;charset=utf-8"),
    " ",
    button(
      "Excel (XLSX)",
      resultXlsx,
      datedFilename(stem, "xlsx", { years }),
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
  );
  return box;
}

/** The review edition's marking, written in every file saved from one of its pages. */
export const pageMarking = () => document.querySelector(".review-marking")?.textContent?.trim() ?? null;

/** Two buttons saving an Arrow result (DuckDB-wasm) as CSV and XLSX with its header block. */
export function resultDownloadButtons(result, { sql, sources }) {
  const fields = result.schema.fields.map((f) => f.name);
  const rows = result.toArray().map((r) => r.toJSON());
  const input = { fields, rows, header: resultHeader({ sql, sources, marking: pageMarking() }) };
  return saveButtons(input, { lead: "Enregistrer le résultat : ", stem: "resultat-explorateur" });
}
