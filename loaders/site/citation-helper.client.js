/* global document, getSelection */
// The preview's citation helper (npm run dev only: loaders/site/workshop-pages.ts inlines it in
// the preview's pages; no build ever carries it). Clicking a zone of a map, or a row of a table
// of zones, shows the {{indicateur|niveau|code|année[|catégorie]}} reference of the cell on
// screen, to paste into a commentary, with a copy button. The click is taken before the map's
// own (which opens the IRIS profile): the box links to the profile instead.
const levelOf = (code) => (code.length >= 9 ? "iris" : code.length === 5 ? "commune" : "departement");

function referenceOf(target) {
  const panel = target.closest?.("section[data-visual]");
  const zone = target.closest?.("path.zone[data-code], circle.count-circle[data-code], tbody tr[data-code]");
  const selection = panel?.selection;
  if (!zone || !selection?.indicator || !selection.year) return null;
  const code = zone.dataset.code;
  const row = zone.closest("tr");
  const secret = row ? /secret/.test(row.querySelector("td.num")?.textContent ?? "") : zone.dataset.state === "secret";
  const parts = [selection.indicator, levelOf(code), code, String(selection.year)];
  if (selection.category) parts.push(selection.category.replace("|", "="));
  const name = zone.dataset.name ?? row?.querySelector("td")?.textContent ?? code;
  return { text: `{{${parts.join("|")}}}`, secret, name, level: levelOf(code), code };
}

function show(reference) {
  document.querySelector(".citation-helper")?.remove();
  const box = document.createElement("div");
  box.className = "citation-helper";
  box.setAttribute("role", "dialog");
  box.setAttribute("aria-label", "Référence à citer");
  box.style.cssText =
    "position:fixed;right:1rem;bottom:1rem;z-index:1000;max-width:min(34rem,calc(100vw - 2rem));padding:.75rem 1rem;background:#fff;border:2px solid #1f4e79;border-radius:6px;box-shadow:0 2px 10px rgba(0,0,0,.25);font-size:.9rem";
  const title = document.createElement("p");
  title.style.margin = "0 0 .4rem";
  title.textContent = `Atelier — ${reference.name} (${reference.code})`;
  box.append(title);
  if (reference.secret) {
    const why = document.createElement("p");
    why.className = "citation-secret";
    why.style.margin = "0";
    why.textContent =
      "Case couverte par le secret statistique : elle ne peut pas être citée (la construction refuserait le texte).";
    box.append(why);
  } else {
    const code = document.createElement("code");
    code.className = "citation-reference";
    code.textContent = reference.text;
    code.style.cssText = "display:block;padding:.3rem;background:#f2f5f9;user-select:all;word-break:break-all";
    const copy = document.createElement("button");
    copy.type = "button";
    copy.className = "citation-copy";
    copy.textContent = "Copier la référence";
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(reference.text);
        copy.textContent = "Copiée : collez-la dans le commentaire";
      } catch {
        // No clipboard access (an http address other than localhost): the text is selected instead.
        getSelection()?.selectAllChildren(code);
        copy.textContent = "Sélectionnée : Ctrl+C pour la copier";
      }
    });
    const hint = document.createElement("p");
    hint.style.margin = ".4rem 0";
    hint.textContent = "À coller dans un commentaire : la construction la remplace par la valeur publiée.";
    box.append(code, hint, copy);
  }
  if (reference.level === "iris") {
    const profile = document.createElement("a");
    profile.href = `/iris/${reference.code}`; // the preview serves the site at its root
    profile.textContent = "Portrait de l'IRIS";
    profile.style.marginLeft = ".75rem";
    box.append(profile);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = "Fermer";
  close.style.marginLeft = ".75rem";
  close.addEventListener("click", () => box.remove());
  box.append(close);
  document.body.append(box);
}

document.addEventListener(
  "pointerup",
  (event) => {
    if (event.button !== 0 || event.target.closest?.(".citation-helper")) return;
    const reference = referenceOf(event.target);
    if (!reference) return;
    event.stopPropagation();
    show(reference);
  },
  true,
);
