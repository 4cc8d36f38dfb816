// Accessibility fixes to Framework's own page chrome (RGAA), applied by every page: its
// sidebar toggle is labelled only by a title, and its first list holds a <label>, which a list
// may not contain. Framework 1.13.4 offers no option for either.
import { preparePrint } from "./print.js";

export function fixFrameworkChrome(doc = document) {
  // Every page calls this: the print hook (selected values printed as text) rides along.
  preparePrint(doc.defaultView ?? window);
  const toggle = doc.getElementById("observablehq-sidebar-toggle");
  if (toggle && !toggle.hasAttribute("aria-label"))
    toggle.setAttribute("aria-label", "Afficher ou masquer le menu de navigation");
  const close = doc.getElementById("observablehq-sidebar-close");
  if (close && close.parentElement?.tagName === "OL") {
    close.parentElement.before(close);
  }
}
