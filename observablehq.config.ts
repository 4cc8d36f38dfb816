import { frenchSpacingMarkdown } from "./loaders/common/french-typography.ts";
import { readObservatoryConfig } from "./loaders/config.ts";
import { irisProfilePaths } from "./loaders/site/iris-pages.ts";
import { analysisNavigation, analysisPagePaths } from "./loaders/site/analysis-pages.ts";
import { menuPages } from "./loaders/site/menu-pages.ts";
import { workshopHead, workshopNavigation, workshopPagePaths } from "./loaders/site/workshop-pages.ts";

// Observable Framework configuration. The build runs with no network: no Google Fonts
// (globalStylesheets: []), every library imported from node_modules, and the output folder
// chosen by the build script so a failed build never touches the published dist/.
// The commune and its CCAS come from data/observatory.json (ABS_DATA_DIR), never from here.
const { territory, ccas } = readObservatoryConfig();

export default {
  title: `Observatoire ABS — ${territory.communeName}`,
  root: "src",
  output: process.env.ABS_BUILD_OUTPUT || "dist",
  globalStylesheets: [],
  style: "style.css",
  // The preview adds the Atelier's citation helper (loaders/site/workshop-pages.ts).
  head: workshopHead('<link rel="icon" href="favicon.svg" type="image/svg+xml">'),
  footer: `Observatoire de l'Analyse des Besoins Sociaux du ${ccas.name} — logiciel libre.`,
  search: false,
  pager: false,
  toc: { label: "Sur cette page" },
  // The pages' own words get the French no-break spaces the commentary has (« mention : « … »).
  markdownIt: frenchSpacingMarkdown,
  // One profile page per IRIS of the commune (src/iris/[code].md), generated at build.
  // And one page per analysis (src/analyses/[slug].md, from data/analyses/<year>/<slug>.md).
  dynamicPaths: async function* () {
    yield* irisProfilePaths();
    yield* analysisPagePaths();
    // The Atelier: preview and review edition only.
    yield* workshopPagePaths();
  },
  // The menu, by page: each entry shows its page's own title (loaders/site/menu-pages.ts).
  pages: [
    {
      name: "Thèmes",
      pages: menuPages("petite-enfance personnes-agees handicap enfance-famille aides-financieres portrait-territoire"),
    },
    analysisNavigation(),
    // The data and how to read them; then the site itself (accessibility, legal notices, site map).
    ...menuPages("explorer methodologie definitions editions glossaire"),
    ...menuPages("accessibilite mentions-legales donnees-personnelles plan-du-site"),
    ...workshopNavigation(),
  ],
};
