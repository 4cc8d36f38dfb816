import { defineCommand, flag, parseCommandArgs } from "../common/cli-args.ts";
import { createHash } from "node:crypto";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync } from "fflate";
import { InputError } from "../contracts.ts";
import { projectRoot } from "./resolve.ts";

export interface ManifestEntry {
  id: string;
  title: string;
  producer?: string;
  url: string;
  format: "zip" | "7z" | "csv" | "csv.gz" | "geojson" | "xlsx" | (string & {});
  vintage: number;
  /** Hex SHA-256 of the downloaded file; null until a maintainer records it. */
  sha256: string | null;
  /** Path inside the destination folder. */
  target: string;
}
export interface Manifest {
  files: ManifestEntry[];
}

export const defaultManifestPath = fileURLToPath(new URL("./manifest.json", import.meta.url));

export function readManifest(path: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new InputError(
      `Manifeste ${path} illisible : ${(error as Error).message} (règle : manifeste JSON).`,
      path,
      "manifest",
    );
  }
  const files = (raw as { files?: unknown }).files;
  if (!Array.isArray(files))
    throw new InputError(`Manifeste ${path} : la liste « files » manque (règle : manifeste).`, path, "manifest");
  files.forEach((f: Record<string, unknown>, i) => {
    for (const key of ["id", "url", "format", "target"]) {
      if (typeof f[key] !== "string" || !f[key]) {
        throw new InputError(
          `Manifeste ${path}, entrée n° ${i + 1} : champ « ${key} » absent (règle : manifeste).`,
          path,
          "manifest",
        );
      }
    }
    if (typeof f.vintage !== "number")
      throw new InputError(
        `Manifeste ${path}, entrée n° ${i + 1} : champ « vintage » absent (règle : manifeste).`,
        path,
        "manifest",
      );
    if (f.sha256 !== null && !(typeof f.sha256 === "string" && /^[0-9a-f]{64}$/i.test(f.sha256))) {
      throw new InputError(
        `Manifeste ${path}, entrée ${f.id} : « sha256 » doit être 64 caractères hexadécimaux ou null (règle : manifeste).`,
        path,
        "manifest",
      );
    }
    const target = String(f.target);
    if (isAbsolute(target) || target.split(/[\\/]/).includes("..")) {
      throw new InputError(
        `Manifeste ${path}, entrée ${f.id} : la cible doit rester dans le dossier de référence (règle : manifeste).`,
        path,
        "manifest",
      );
    }
  });
  return raw as Manifest;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

const megabytes = (n: number) => `${(n / 1e6).toFixed(1).replace(".", ",")} Mo`;

export interface FetchOptions {
  /** Accept entries without a recorded checksum, printing the one computed. */
  acceptMissingChecksum?: boolean;
  log?: (line: string) => void;
  /** Minimum delay between two progress lines (ms). */
  progressEveryMs?: number;
}

export type FetchOutcome = "downloaded" | "already-present" | "failed";

/**
 * Downloads one entry into destDir: resumes a previous `.part` with an HTTP Range request,
 * prints progress, verifies the checksum before the file takes its final name.
 */
export async function fetchEntry(
  entry: ManifestEntry,
  destDir: string,
  opts: FetchOptions = {},
): Promise<FetchOutcome> {
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const target = join(destDir, entry.target);
  const part = `${target}.part`;
  mkdirSync(dirname(target), { recursive: true });
  if (!entry.sha256 && !opts.acceptMissingChecksum) {
    log(
      `✗ ${entry.id} : aucune empreinte SHA-256 dans le manifeste ; fichier refusé. Relancez avec --accepter-sans-empreinte pour la relever, puis inscrivez-la dans le manifeste.`,
    );
    return "failed";
  }
  if (existsSync(target) && entry.sha256 && (await sha256Of(target)) === entry.sha256.toLowerCase()) {
    log(`✓ ${entry.id} : déjà présent et vérifié (${relative(destDir, target)}).`);
    return "already-present";
  }
  const offset = existsSync(part) ? statSync(part).size : 0;
  let response: Response;
  try {
    response = await fetch(entry.url, { headers: offset > 0 ? { Range: `bytes=${offset}-` } : {} });
  } catch (error) {
    log(
      `✗ ${entry.id} : téléchargement impossible (${(error as Error).message}). Relancez la commande : elle reprendra où elle s'est arrêtée.`,
    );
    return "failed";
  }
  let append = false;
  if (response.status === 206 && offset > 0) append = true;
  else if (response.status === 416 && offset > 0)
    append = true; // the part is already whole
  else if (!response.ok) {
    log(`✗ ${entry.id} : le serveur a répondu ${response.status} pour ${entry.url}.`);
    return "failed";
  }
  if (offset > 0)
    log(
      append
        ? `… ${entry.id} : reprise à ${megabytes(offset)}.`
        : `… ${entry.id} : le serveur ne sait pas reprendre, nouveau départ.`,
    );
  if (response.status !== 416) {
    const length = Number(response.headers.get("content-length") ?? NaN);
    const total = Number.isFinite(length) ? length + (append ? offset : 0) : NaN;
    let received = append ? offset : 0;
    let lastReport = 0;
    const out = createWriteStream(part, { flags: append ? "a" : "w" });
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
        received += chunk.length;
        const now = Date.now();
        if (now - lastReport >= (opts.progressEveryMs ?? 1000)) {
          lastReport = now;
          log(
            `… ${entry.id} : ${megabytes(received)}${Number.isFinite(total) ? ` sur ${megabytes(total)} (${Math.floor((100 * received) / total)} %)` : ""}`,
          );
        }
      }
    } catch (error) {
      await new Promise<void>((r) => out.end(() => r()));
      log(
        `✗ ${entry.id} : connexion interrompue à ${megabytes(received)} (${(error as Error).message}). Relancez la commande : elle reprendra où elle s'est arrêtée.`,
      );
      return "failed";
    }
    await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  }
  const digest = await sha256Of(part);
  if (entry.sha256 && digest !== entry.sha256.toLowerCase()) {
    rmSync(part, { force: true });
    log(
      `✗ ${entry.id} : empreinte SHA-256 incorrecte (attendue ${entry.sha256}, obtenue ${digest}) ; fichier supprimé.`,
    );
    return "failed";
  }
  renameSync(part, target);
  if (!entry.sha256)
    log(`! ${entry.id} : empreinte non vérifiée ; à inscrire dans le manifeste : "sha256": "${digest}"`);
  log(`✓ ${entry.id} : ${relative(destDir, target)} (${megabytes(statSync(target).size)}).`);
  unpack(entry, target, log);
  return "downloaded";
}

/** Unzips INSEE archives beside them; 7z (IGN) has no extractor among our dependencies. */
function unpack(entry: ManifestEntry, archive: string, log: (l: string) => void): void {
  if (entry.format === "zip") {
    const files = unzipSync(readFileSync(archive));
    const dir = dirname(archive);
    for (const [name, data] of Object.entries(files)) {
      if (name.endsWith("/")) continue;
      const out = resolve(dir, name);
      if (relative(dir, out).startsWith("..")) continue;
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, data);
    }
    log(`  ${entry.id} : ${Object.keys(files).filter((n) => !n.endsWith("/")).length} fichier(s) extrait(s).`);
  } else if (entry.format === "7z") {
    log(
      `  ${entry.id} : archive 7z à extraire avec 7-Zip dans ${dirname(archive)} (les fichiers CONTOURS-IRIS*.shp y seront trouvés).`,
    );
  }
}

const SPEC = defineCommand(
  "reference fetch",
  "télécharge les fichiers officiels du manifeste dans data/reference/ (reprise possible, empreintes vérifiées)",
  {
    manifeste: flag.value("<fichier>", "manifeste des fichiers à télécharger"),
    dossier: flag.value("<dossier>", "dossier de destination (data/reference/ par défaut)"),
    seulement: flag.value("<id,id>", "seulement ces entrées du manifeste"),
    "accepter-sans-empreinte": flag.switch("accepte un fichier dont le manifeste ne donne pas l'empreinte"),
  },
);

/** `abs reference fetch`: returns the exit code (0 all fine, 1 a file failed, 2 bad usage or manifest). */
export async function referenceFetchCommand(args: string[]): Promise<number> {
  let manifestPath = defaultManifestPath;
  let destDir = join(projectRoot, "data", "reference");
  let only: string[] | null = null;
  let acceptMissingChecksum: boolean;
  try {
    const parsed = parseCommandArgs(SPEC, args);
    if ("help" in parsed) {
      process.stdout.write(`${parsed.help}\n`);
      return 0;
    }
    const { manifeste, dossier, seulement } = parsed.values;
    if (typeof manifeste === "string") manifestPath = resolve(manifeste);
    if (typeof dossier === "string") destDir = resolve(dossier);
    if (typeof seulement === "string") only = seulement.split(",").map((id) => id.trim());
    acceptMissingChecksum = parsed.values["accepter-sans-empreinte"] === true;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  let manifest: Manifest;
  try {
    manifest = readManifest(manifestPath);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const entries = only ? manifest.files.filter((f) => only!.includes(f.id)) : manifest.files;
  const unknown = only?.filter((id) => !manifest.files.some((f) => f.id === id)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(`Entrée(s) inconnue(s) du manifeste : ${unknown.join(", ")}.\n`);
    return 2;
  }
  mkdirSync(destDir, { recursive: true });
  let failed = 0;
  for (const entry of entries) {
    if ((await fetchEntry(entry, destDir, { acceptMissingChecksum })) === "failed") failed++;
  }
  process.stdout.write(
    failed === 0
      ? `Données de référence à jour dans ${destDir} (${entries.length} fichier(s)).\n`
      : `${failed} fichier(s) sur ${entries.length} en échec ; relancez la commande pour reprendre.\n`,
  );
  return failed === 0 ? 0 : 1;
}
