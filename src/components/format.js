// French number and date formats: narrow no-break space for thousands, decimal comma.
const integerFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Formats a published value; secret and not-available cells have their own words. */
export function formatValue(value, { unit = "count", secret = false } = {}) {
  if (secret) return "secret";
  if (value === null || value === undefined || Number.isNaN(value)) return "n.d.";
  return unit === "count" || unit === "amount" ? integerFormat.format(value) : decimalFormat.format(value);
}

const dateFormat = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** "2015-12-31" -> "31 décembre 2015". */
export function formatDate(iso) {
  if (!iso) return "date non précisée";
  return dateFormat.format(new Date(`${iso}T00:00:00Z`));
}
