// Observable Framework configuration. The build runs with no network: no Google Fonts
// (globalStylesheets: []), every library imported from node_modules, and the output folder
// chosen by the build script so a failed build never touches the published dist/.
export default {
  title: "Observatoire ABS — Aix-en-Provence",
  root: "src",
  output: process.env.ABS_BUILD_OUTPUT || "dist",
  globalStylesheets: [],
  style: "style.css",
  head: '<link rel="icon" href="favicon.svg" type="image/svg+xml">',
  footer:
    "Observatoire de l'Analyse des Besoins Sociaux du CCAS de la Ville d'Aix-en-Provence — logiciel libre.",
  search: false,
  pager: false,
  pages: [
    { name: "Personnes âgées", path: "/personnes-agees" },
  ],
};
