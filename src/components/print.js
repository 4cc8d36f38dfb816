// Printing a page (a reader's "Imprimer", or npm run pdf): the choices made in a visual's
// controls print as one line of text — « Indicateur : Part des 75 ans et plus · Année
// d'observation : 2016 » — instead of form widgets, which print.css hides. Hooked on the
// stable markup of the panels (.panel-controls holding labelled <select>s), refreshed on
// every "beforeprint" so the line says what the reader chose last.

const squeezed = (text) =>
  String(text ?? "")
    .replace(/\s+/g, " ")
    .trim();

/**
 * The text of one control group: "Label : choice" for each visible labelled select that holds
 * a choice. A select left on its empty option (« IRIS : (aucun) ») or with no option says
 * nothing, so that the line never ends on a lone « · » or an empty choice.
 */
export function selectionText(controls) {
  return [...controls.querySelectorAll("select")]
    .filter((select) => !select.closest("[hidden]") && select.value !== "")
    .map((select) => {
      const label = squeezed(select.labels?.[0]?.textContent ?? select.name);
      const choice = squeezed(select.selectedOptions?.[0]?.textContent ?? select.value);
      if (!choice) return "";
      return label ? `${label} : ${choice}` : choice;
    })
    .filter(Boolean)
    .join(" · ");
}

/** Writes (or rewrites) the print-only line after every control group of `root`. */
export function printSelections(root = document) {
  for (const controls of root.querySelectorAll(".panel-controls")) {
    let line = controls.nextElementSibling;
    if (!line?.classList.contains("print-selection")) {
      line = document.createElement("p");
      line.className = "print-selection";
      // Shown in print only (print.css); hidden on screen without the site's stylesheet's help.
      line.hidden = true;
      controls.after(line);
    }
    line.textContent = selectionText(controls); // text, never markup
  }
}

/**
 * Marks the values table of each map that a ::tableau of the same page repeats (same level,
 * indicator, year and category): print.css leaves it out, so an analysis no longer prints its
 * 54 IRIS twice. Read from the panels' current selection, which the reader may have changed.
 */
export function markRepeatedTables(root = document) {
  const key = (panel) => {
    const shown = panel.selection;
    return shown ? [panel.dataset.level, shown.indicator, shown.year, shown.category ?? ""].join("|") : "";
  };
  const tabled = new Set([...root.querySelectorAll(".table-panel")].map(key).filter(Boolean));
  for (const panel of root.querySelectorAll(".map-panel")) {
    const repeated = tabled.has(key(panel));
    for (const details of panel.querySelectorAll("details")) details.classList.toggle("print-repeated", repeated);
  }
}

const quoted = (text) => `"${String(text).replace(/["\\]/g, "\\$&").replace(/\s+/g, " ")}"`;

/**
 * The printed page's header and footer, as CSS page-margin boxes: the page title, the edition
 * date (the <meta name="abs-edition"> every built page carries), the page address and the
 * page number. npm run pdf removes it and draws its own (Chromium's header templates).
 */
export function pageFrameCss(doc = document) {
  const title = doc.querySelector("h1")?.textContent?.trim() || doc.title;
  const edition = doc.querySelector('meta[name="abs-edition"]')?.getAttribute("content") ?? "";
  const marking = doc.querySelector(".review-marking")?.textContent?.trim() ?? "";
  const address = String(doc.location?.href ?? "").replace(/[?#].*$/, "");
  return `@page {
  @top-left { content: ${quoted(marking)}; font-size: 7.5pt; color: #7b1f1f; font-weight: bold; }
  @top-right { content: ${quoted(title)}; font-size: 7.5pt; }
  @bottom-left { content: ${quoted(edition)}; font-size: 7.5pt; }
  @bottom-center { content: ${quoted(address)}; font-size: 7.5pt; }
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 7.5pt; }
}`;
}

/** Registers the refresh once per page: selections as text, tables open, the page frame. */
export function preparePrint(win = window) {
  if (win.__absPrintReady) return;
  win.__absPrintReady = true;
  const doc = win.document;
  let reopened = [];
  win.addEventListener("beforeprint", () => {
    printSelections(doc);
    markRepeatedTables(doc);
    // Folded tables print open, never as a lone heading; closed again after printing.
    reopened = [...doc.querySelectorAll("details:not([open])")];
    for (const details of reopened) details.open = true;
    // npm run pdf draws its own header and footer (Chromium fires beforeprint again in page.pdf()).
    if (win.__absOwnPageFrame) return;
    let style = doc.getElementById("print-page-frame");
    if (!style) {
      style = doc.createElement("style");
      style.id = "print-page-frame";
      doc.head.append(style);
    }
    style.textContent = pageFrameCss(doc);
  });
  win.addEventListener("afterprint", () => {
    for (const details of reopened) details.open = false;
    reopened = [];
  });
}
