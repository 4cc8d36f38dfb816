// The IRIS profile pages: Framework renders one, the build copies it for every IRIS
// (loaders/site/iris-pages.ts). The copies work in the browser: test/e2e/readers.test.ts opens one.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyIrisProfilePages, IrisPagesError } from "../../loaders/site/iris-pages.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";

const dir = useTempDirs("iris-pages-");
const PAGE =
  '<h1>Portrait d\'IRIS</h1><script type="module">const code = decodeURIComponent(location.pathname);</script>';

function built(name: string, pages: Record<string, string>): string {
  const output = join(dir(), name);
  mkdirSync(join(output, "iris"), { recursive: true });
  for (const [file, html] of Object.entries(pages)) writeFileSync(join(output, "iris", file), html);
  return output;
}

describe("copyIrisProfilePages", () => {
  it("writes the one page Framework built under every IRIS code, byte for byte", () => {
    const output = built("copies", { "130010101.html": PAGE });
    expect(copyIrisProfilePages(output, ["130010101", "130010102", "130010704"])).toBe(3);
    expect(readdirSync(join(output, "iris")).sort()).toEqual(["130010101.html", "130010102.html", "130010704.html"]);
    for (const file of readdirSync(join(output, "iris")))
      expect(readFileSync(join(output, "iris", file), "utf8")).toBe(PAGE);
  });

  it("refuses a page that holds its own code: every copy would show that IRIS", () => {
    const output = built("own-code", { "130010101.html": '<script>const code = "130010101";</script>' });
    expect(() => copyIrisProfilePages(output, ["130010101", "130010102"])).toThrow(IrisPagesError);
    expect(() => copyIrisProfilePages(output, ["130010101", "130010102"])).toThrow(/contient son propre code/);
    expect(existsSync(join(output, "iris", "130010102.html"))).toBe(false);
  });

  it("refuses when Framework built several profiles or none", () => {
    const two = built("two", { "130010101.html": PAGE, "130010102.html": PAGE });
    expect(() => copyIrisProfilePages(two, ["130010101"])).toThrow(/il en a construit 2/);
    const none = built("none", {});
    expect(() => copyIrisProfilePages(none, ["130010101"])).toThrow(/il en a construit 0/);
  });

  it("does nothing where no profile was built (a commune not split into IRIS)", () => {
    const output = join(dir(), "no-iris");
    mkdirSync(output, { recursive: true });
    expect(copyIrisProfilePages(output, [])).toBe(0);
    expect(existsSync(join(output, "iris"))).toBe(false);
  });
});
