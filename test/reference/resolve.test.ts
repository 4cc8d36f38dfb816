import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../loaders/contracts.ts";
import { projectRoot, resolveReferenceDir } from "../../loaders/reference/resolve.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";

describe("resolveReferenceDir", () => {
  const tempDir = useTempDirs();

  function project(): { root: string; shared: string; data: string } {
    const base = tempDir();
    const root = join(base, "main");
    const shared = join(base, "shared", "reference");
    mkdirSync(join(root, "data", "reference"), { recursive: true });
    mkdirSync(join(shared, "geo"), { recursive: true });
    return { root, shared, data: join(root, "data", "reference") };
  }

  it("finds the project root from its own location, not from cwd", () => {
    expect(existsSync(join(projectRoot, "package.json"))).toBe(true);
    expect(existsSync(join(projectRoot, "loaders", "contracts.ts"))).toBe(true);
  });

  it("falls back to ../shared/reference when data/reference holds nothing but dotfiles", () => {
    const p = project();
    writeFileSync(join(p.data, ".gitkeep"), "");
    expect(resolveReferenceDir({ env: {}, root: p.root })).toBe(p.shared);
  });

  it("prefers data/reference once it holds files", () => {
    const p = project();
    writeFileSync(join(p.data, "manifest-state.json"), "{}");
    expect(resolveReferenceDir({ env: {}, root: p.root })).toBe(p.data);
  });

  it("prefers ABS_REFERENCE_DIR, relative paths read from the project root", () => {
    const p = project();
    writeFileSync(join(p.data, "x"), "");
    mkdirSync(join(p.root, "elsewhere"));
    expect(resolveReferenceDir({ env: { ABS_REFERENCE_DIR: "elsewhere" }, root: p.root })).toBe(
      join(p.root, "elsewhere"),
    );
  });

  it("refuses an ABS_REFERENCE_DIR that does not exist instead of falling back", () => {
    const p = project();
    expect(() => resolveReferenceDir({ env: { ABS_REFERENCE_DIR: "/nonexistent/ref" }, root: p.root })).toThrow(
      /ABS_REFERENCE_DIR.*abs reference fetch/,
    );
  });

  it("stops with a French message naming « abs reference fetch » when nothing is found", () => {
    const root = join(tempDir(), "main");
    mkdirSync(root);
    let error: unknown;
    try {
      resolveReferenceDir({ env: {}, root });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/Aucune donnée de référence.*abs reference fetch/);
    expect((error as InputError).rule).toBe("reference-dir");
  });
});
