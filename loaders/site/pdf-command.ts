// `npm run pdf`: one PDF per page of the built site (pdf.ts), or with --dossier the meeting
// dossier (dossier.ts): `--dossier` alone takes the annual meeting's default list,
// `--dossier personnes-agees,handicap` or `--dossier liste.txt` (one page per line) a chosen one.
import { existsSync, readFileSync } from "node:fs";
import { parsePageList, renderDossier } from "./dossier.ts";
import { renderPdfs } from "./pdf.ts";

const HELP = `Utilisation : npm run pdf -- [--out <dossier>] [--dossier [<pages> | <fichier>]]
  sans option        un PDF par page du site construit, dans dist/restitution/
  --out <chemin>     dossier des PDF (ou, avec --dossier, fichier PDF du dossier)
  --dossier          le dossier de la réunion annuelle des partenaires (pages par défaut)
  --dossier <liste>  les pages choisies, séparées par des virgules (personnes-agees,handicap),
                     ou un fichier texte d'une page par ligne`;

async function main(args: string[]): Promise<void> {
  if (args.includes("--help") || args.includes("-h") || args.includes("aide")) return void console.log(HELP);
  const valueAfter = (flag: string) => {
    const at = args.indexOf(flag);
    const value = at >= 0 ? args[at + 1] : undefined;
    return value && !value.startsWith("--") ? value : undefined;
  };
  const unknown = args.filter((a) => a.startsWith("-") && !["--out", "--dossier"].includes(a));
  if (unknown.length) throw new Error(`Option inconnue : ${unknown.join(", ")}\n${HELP}`);
  const out = valueAfter("--out");
  if (args.includes("--dossier")) {
    const list = valueAfter("--dossier");
    const pages = list === undefined ? undefined : parsePageList(existsSync(list) ? readFileSync(list, "utf8") : list);
    await renderDossier({ out, pages });
    return;
  }
  const files = await renderPdfs(out ? { out } : {});
  console.log(`${files.length} document(s) PDF écrit(s).`);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
