// The edition online now (Article 7 over time, finding F1). A reader who kept the deployed
// site, or downloaded its CSV, holds its cells for ever: a rebuild of the same edition that
// changed one person's IRIS would show that person by difference. So the published cells of
// the last successful public build are kept in data/editions/deployed/ (published data only,
// already protected: tables, page catalogue and audit catalogue, never data/private) and
// constrain the next build exactly like an archive (editions-constraints.ts), and the union
// audit covers them. dist/ may be cleaned or replaced by a partners' edition: this copy stays.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { DEPLOYED, type PublishedEdition } from "../disclosure/editions-union.ts";
import { editionsDir, memberName, publishedEdition } from "./editions.ts";

export const deployedDir = join(editionsDir, "deployed");

/** The manifest of the copy: which edition, and when it was built. */
export interface DeployedManifest {
  /** Latest year of observation of the edition. */
  year: number;
  /** Date of the build (AAAA-MM-JJ). */
  builtAt: string;
}

const MANIFEST = "deployed.json";
/** What the next build needs of the deployed site: its published tables and catalogues. */
const KEPT = /\.parquet$|^catalogue\.json$|^audit-catalogue\.json$/;

/** The files of the copy that describe its cells (the stage cache key reads them, not the build date). */
export function deployedCellFiles(dir = deployedDir): string[] {
  if (!existsSync(join(dir, MANIFEST))) return [];
  return readdirSync(dir)
    .filter((f) => f !== MANIFEST && KEPT.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * After a public build is in place: replaces the copy by the published cells of `site`.
 * Returns null (and keeps the copy) when the site has no data (a fixture), and refuses a
 * partners' edition, which never goes on the public hosting.
 */
export function recordDeployedEdition(site: string, dir = deployedDir, builtAt?: string): DeployedManifest | null {
  const data = join(site, "_file", "data", "observatoire");
  if (!existsSync(data)) return null;
  const files = readdirSync(data).filter((f) => KEPT.test(memberName(f)));
  const catalogueFile = files.find((f) => memberName(f) === "catalogue.json");
  if (!catalogueFile || !files.some((f) => memberName(f) === "audit-catalogue.json")) return null;
  const catalogue = JSON.parse(readFileSync(join(data, catalogueFile), "utf8"));
  if (catalogue.diffusion) throw new Error("Une édition de travail (diffusion restreinte) n'est pas le site déployé.");
  const year = Math.max(
    ...Object.values(catalogue.indicators as Record<string, { years: number[] }>).flatMap((i) => i.years.map(Number)),
  );
  const manifest: DeployedManifest = { year, builtAt: builtAt ?? new Date().toISOString().slice(0, 10) };
  // Written beside, then renamed: a build stopped half-way never leaves half a copy.
  const fresh = `${dir}.new-${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh, { recursive: true });
  for (const file of files) copyFileSync(join(data, file), join(fresh, memberName(file)));
  writeFileSync(join(fresh, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  const old = `${dir}.old-${process.pid}`;
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(fresh, dir);
  rmSync(old, { recursive: true, force: true });
  return manifest;
}

export function deployedManifest(dir = deployedDir): DeployedManifest | null {
  const path = join(dir, MANIFEST);
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as DeployedManifest) : null;
}

/** The deployed build as the protection and the union audit read it, or null when none was recorded. */
export async function deployedEdition(dir = deployedDir): Promise<(PublishedEdition & DeployedManifest) | null> {
  const manifest = deployedManifest(dir);
  if (!manifest) return null;
  return { ...(await publishedEdition(dir, DEPLOYED)), ...manifest };
}

/**
 * Forgets the copy (`abs purge --site-deploye`): the next build is no longer constrained by
 * the site online. Returns what was forgotten, or null when there was nothing.
 */
export function forgetDeployedEdition(dir = deployedDir): { manifest: DeployedManifest; files: number } | null {
  const manifest = deployedManifest(dir);
  if (!manifest) return null;
  const files = readdirSync(dir).length;
  rmSync(dir, { recursive: true, force: true });
  return { manifest, files };
}
