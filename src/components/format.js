// @ts-check
// French number and date formats: narrow no-break space for thousands, decimal comma, « 1er ».
const integerFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * Formats a published value; secret and not-available cells have their own words.
 * @param {number | null | undefined} value
 * @param {{unit?: string, secret?: boolean}} [options]
 */
export function formatValue(value, { unit = "count", secret = false } = {}) {
  if (secret) return "secret";
  if (value === null || value === undefined || Number.isNaN(value)) return "n.d.";
  // An evolution always says which way it goes.
  if (unit === "evolution") return formatSigned(value);
  return unit === "count" || unit === "amount" ? integerFormat.format(value) : decimalFormat.format(value);
}

/**
 * A change with its sign, always: « +2,5 », « −1,0 » (true minus sign), « 0,0 ».
 * @param {number | null | undefined} value
 * @param {{unit?: string}} [options]
 */
export function formatSigned(value, { unit = "evolution" } = {}) {
  if (value === null || value === undefined || Number.isNaN(value)) return "n.d.";
  const magnitude = Math.abs(value);
  const text =
    unit === "count" || unit === "amount" ? integerFormat.format(magnitude) : decimalFormat.format(magnitude);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/**
 * A published change over a year (an « -evolution » cell), always signed: « +2,3 % »,
 * « −4,0 % »; « secret » and « n.d. » as in every table; « — » where none is published.
 * @param {{value: number | null, secret: boolean} | undefined} cell
 */
export function formatChange(cell) {
  if (!cell) return "—";
  if (cell.secret) return "secret";
  return cell.value === null ? "n.d." : `${formatSigned(cell.value)} %`;
}

/**
 * The unit of an indicator in words, for legends, tooltips and tables.
 * An amount is a sum of something other than people: places (childminders) or euros (income),
 * told apart by the indicator's label.
 * @param {string} unit catalogue unit
 * @param {number} [per] a rate's base (ratios.json)
 * @param {string} [label] the indicator's label
 */
export function unitText(unit, per = 100, label = "") {
  switch (unit) {
    case "rate":
      return `pour ${integerFormat.format(per)}`;
    case "share":
      return "en %";
    case "evolution":
      return "évolution sur un an, en %";
    case "amount":
      return /euro|revenu/i.test(label) ? "en euros" : "nombre";
    default:
      return "nombre";
  }
}

const dateFormat = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/**
 * "2015-12-31" -> "31 décembre 2015"; the first of a month reads « 1er » as French writes it.
 * @param {string | null | undefined} iso
 */
export function formatDate(iso) {
  if (!iso) return "date non précisée";
  return dateFormat.format(new Date(`${iso}T00:00:00Z`)).replace(/^1 /, "1er ");
}
