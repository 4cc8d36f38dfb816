import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { audit, buildAuditCatalogue } from "../../loaders/disclosure/audit.ts";
import { auditCommand } from "../../loaders/disclosure/audit-command.ts";
import { protect } from "../../loaders/disclosure/protect.ts";
import { cell, key, reveal, sum, zone } from "./tables.ts";

const total = cell("apa", "A", "", 20);
const parts = [cell("apa", "A", "f", 3), cell("apa", "A", "m", 17)];
const relations = [sum(total, parts)];
const published = () => protect([total, ...parts], relations, [zone("A", 900)]).cells;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "abs-audit-test-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("audit", () => {
  it("reuses the bounds of a component whose content did not change", async () => {
    const catalogue = buildAuditCatalogue({ relations });
    const first = await audit(published(), catalogue, { cacheDir: dir });
    expect(first).toMatchObject({ ok: true, components: 1, cached: 0 });
    expect(await readdir(dir)).toHaveLength(1);
    expect((await audit(published(), catalogue, { cacheDir: dir })).cached).toBe(1);
    // A changed component is a new entry, never a stale answer.
    const leaked = await audit(reveal(published(), parts[1]!), catalogue, { cacheDir: dir });
    expect(leaked.ok).toBe(false);
  });

  it("flags a small count left visible", async () => {
    const report = await audit(reveal(published(), parts[0]!), buildAuditCatalogue({ relations }));
    expect(report.failures[0]).toMatchObject({
      cell: key(parts[0]!),
      reason: expect.stringMatching(/effectif de 1 à 4 publié/),
    });
  });

  it("imports nothing from the suppression modules", async () => {
    const folder = join(import.meta.dirname, "../../loaders/disclosure");
    for (const file of [
      "audit.ts",
      "audit-command.ts",
      "attacker-system.ts",
      "attacker-bounds.ts",
      "attacker-attribute.ts",
      "audit-primary.ts",
      "catalogue.ts",
    ]) {
      const source = await readFile(join(folder, file), "utf8");
      const imports = [...source.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);
      expect(
        imports.filter((i) => /protect|primary|secondary|gauss|optimum|^\.\/attribute\.ts$/.test(i!)),
        file,
      ).toEqual([]);
    }
  });
});

describe("auditCommand (abs audit)", () => {
  it("prints the narrowest intervals in French and exits 0 on a protected file", async () => {
    const file = join(dir, "tables.json");
    await writeFile(file, JSON.stringify({ cells: published(), catalogue: buildAuditCatalogue({ relations }) }));
    const lines: string[] = [];
    expect(await auditCommand([file, "--nombre", "2"], (l) => lines.push(l))).toBe(0);
    expect(lines.join("\n")).toMatch(/Intervalles les plus étroits/);
    expect(lines.join("\n")).toMatch(/\[0 ; 20\]/);
    expect(lines.at(-1)).toMatch(/Audit réussi/);
  });

  it("exits 1 naming the cell when a secret can be recovered, 2 on unreadable input", async () => {
    const file = join(dir, "tables.json");
    await writeFile(
      file,
      JSON.stringify({ cells: reveal(published(), parts[1]!), catalogue: buildAuditCatalogue({ relations }) }),
    );
    const lines: string[] = [];
    expect(await auditCommand([file], (l) => lines.push(l))).toBe(1);
    expect(lines.join("\n")).toContain(`${key(parts[0]!)} : valeur recalculable exactement (3)`);
    await writeFile(file, "{ pas du json");
    const errors: string[] = [];
    expect(await auditCommand([file], (l) => errors.push(l))).toBe(2);
    expect(errors[0]).toMatch(/n'est pas un JSON valide/);
  });
});
