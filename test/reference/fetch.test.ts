import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchEntry, readManifest, referenceFetchCommand, type ManifestEntry } from "../../loaders/reference/fetch.ts";
import { readIrisPopulation } from "../../loaders/reference/population.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";

const payload = randomBytes(256 * 1024);
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const baseIc = zipSync({
  "base-ic-evol-struct-pop-2016.csv": strToU8(
    "IRIS;COM;TYP_IRIS;P16_POP;P16_POP0014;P16_POP1529;P16_POP3044;P16_POP4559;P16_POP6074;P16_POP75P\n" +
      "130010101;13001;H;2316,4;248,9;955,1;337,2;323,3;270,4;181,4\n",
  ),
});

/** A local server on 127.0.0.1 honouring Range; `cutOnce` drops the first full download midway. */
let server: Server;
let base = "";
const requests: { path: string; range: string | undefined }[] = [];
let cutOnce = false;
beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ path: req.url!, range: req.headers.range });
    const body = req.url === "/file.bin" ? payload : req.url === "/base-ic.zip" ? Buffer.from(baseIc) : null;
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
    if (range) {
      const start = Number(range[1]);
      if (start >= body.length) {
        res.writeHead(416, { "content-range": `bytes */${body.length}` }).end();
        return;
      }
      res.writeHead(206, {
        "content-length": body.length - start,
        "content-range": `bytes ${start}-${body.length - 1}/${body.length}`,
      });
      res.end(body.subarray(start));
      return;
    }
    res.writeHead(200, { "content-length": body.length });
    if (cutOnce) {
      cutOnce = false;
      res.write(body.subarray(0, 100 * 1024), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const entry = (over: Partial<ManifestEntry> = {}): ManifestEntry => ({
  id: "essai",
  title: "Fichier d'essai",
  url: `${base}/file.bin`,
  format: "bin",
  vintage: 2020,
  sha256: sha(payload),
  target: "essai/file.bin",
  ...over,
});

describe("fetchEntry against a local HTTP server", () => {
  const tempDir = useTempDirs();

  it("downloads, reports progress, verifies the checksum, then skips a file already present", async () => {
    const dest = tempDir();
    const lines: string[] = [];
    expect(await fetchEntry(entry(), dest, { log: (l) => lines.push(l), progressEveryMs: 0 })).toBe("downloaded");
    expect(readFileSync(join(dest, "essai/file.bin")).equals(payload)).toBe(true);
    expect(existsSync(join(dest, "essai/file.bin.part"))).toBe(false);
    expect(lines.some((l) => /sur 0,3 Mo \(\d+ %\)/.test(l))).toBe(true);
    const before = requests.length;
    expect(await fetchEntry(entry(), dest, { log: () => {} })).toBe("already-present");
    expect(requests.length).toBe(before);
  });

  it("resumes an interrupted download with an HTTP Range request", async () => {
    const dest = tempDir();
    const lines: string[] = [];
    cutOnce = true;
    expect(await fetchEntry(entry(), dest, { log: (l) => lines.push(l) })).toBe("failed");
    const partial = statSync(join(dest, "essai/file.bin.part")).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(payload.length);
    expect(lines.at(-1)).toMatch(/connexion interrompue.*reprendra/);
    expect(await fetchEntry(entry(), dest, { log: (l) => lines.push(l) })).toBe("downloaded");
    expect(requests.at(-1)).toEqual({ path: "/file.bin", range: `bytes=${partial}-` });
    expect(readFileSync(join(dest, "essai/file.bin")).equals(payload)).toBe(true);
    expect(lines.some((l) => l.includes("reprise à"))).toBe(true);
  });

  it("deletes a file whose checksum is wrong and says so in French", async () => {
    const dest = tempDir();
    const lines: string[] = [];
    expect(await fetchEntry(entry({ sha256: "0".repeat(64) }), dest, { log: (l) => lines.push(l) })).toBe("failed");
    expect(existsSync(join(dest, "essai/file.bin"))).toBe(false);
    expect(existsSync(join(dest, "essai/file.bin.part"))).toBe(false);
    expect(lines.at(-1)).toMatch(/empreinte SHA-256 incorrecte/);
  });

  it("refuses an entry without checksum unless asked, then prints the checksum to record", async () => {
    const dest = tempDir();
    const lines: string[] = [];
    expect(await fetchEntry(entry({ sha256: null }), dest, { log: (l) => lines.push(l) })).toBe("failed");
    expect(existsSync(join(dest, "essai/file.bin"))).toBe(false);
    expect(
      await fetchEntry(entry({ sha256: null }), dest, { log: (l) => lines.push(l), acceptMissingChecksum: true }),
    ).toBe("downloaded");
    expect(lines.some((l) => l.includes(`"sha256": "${sha(payload)}"`))).toBe(true);
  });

  it("unzips an INSEE base-ic archive so that the population reader finds it", async () => {
    const dest = tempDir();
    const zipEntry = entry({
      id: "base-ic",
      url: `${base}/base-ic.zip`,
      format: "zip",
      sha256: sha(baseIc),
      target: "insee/base-ic-evol-struct-pop-2016.zip",
    });
    expect(await fetchEntry(zipEntry, dest, { log: () => {} })).toBe("downloaded");
    const table = await readIrisPopulation(dest);
    expect(table.vintage).toBe(2016);
    expect(table.total("130010101")).toBe(2316.4);
  });

  it("reports a server error", async () => {
    const lines: string[] = [];
    expect(await fetchEntry(entry({ url: `${base}/absent` }), tempDir(), { log: (l) => lines.push(l) })).toBe("failed");
    expect(lines.at(-1)).toMatch(/le serveur a répondu 404/);
  });
});

describe("referenceFetchCommand", () => {
  const tempDir = useTempDirs();

  it("downloads every entry of a manifest into the folder given, exit code 0", async () => {
    const dir = tempDir();
    const manifest = join(dir, "manifest.json");
    writeFileSync(manifest, JSON.stringify({ files: [entry()] }));
    expect(await referenceFetchCommand(["--manifeste", manifest, "--dossier", join(dir, "ref")])).toBe(0);
    expect(readFileSync(join(dir, "ref", "essai/file.bin")).equals(payload)).toBe(true);
  });

  it("exits 1 when a file fails, 2 on a bad option or manifest", async () => {
    const dir = tempDir();
    const manifest = join(dir, "manifest.json");
    writeFileSync(manifest, JSON.stringify({ files: [entry({ sha256: "f".repeat(64) })] }));
    expect(await referenceFetchCommand(["--manifeste", manifest, "--dossier", join(dir, "ref")])).toBe(1);
    expect(await referenceFetchCommand(["--inconnue"])).toBe(2);
    writeFileSync(
      manifest,
      JSON.stringify({
        files: [
          { id: "x", url: "http://127.0.0.1/", format: "zip", vintage: 2020, sha256: null, target: "../evasion" },
        ],
      }),
    );
    expect(await referenceFetchCommand(["--manifeste", manifest, "--dossier", join(dir, "ref")])).toBe(2);
  });

  it("ships a manifest that validates (URL, format, vintage, checksum field, target)", () => {
    const manifest = readManifest(new URL("../../loaders/reference/manifest.json", import.meta.url).pathname);
    expect(manifest.files.map((f) => f.id)).toEqual(
      expect.arrayContaining(["contours-iris", "base-ic-evol-struct-pop", "ban-13"]),
    );
    for (const f of manifest.files) expect(f.url).toMatch(/^https:\/\//);
  });
});
