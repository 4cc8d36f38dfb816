import { readFileSync } from "node:fs";
import { extname, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { buildLogPath } from "./global-setup.ts";
import { distDir, walkFiles } from "./site-files.ts";

// XML namespace names are identifiers, never fetched.
const NAMESPACES = new Set([
  "http://www.w3.org/2000/svg",
  "http://www.w3.org/1999/xhtml",
  "http://www.w3.org/1999/xlink",
  "http://www.w3.org/XML/1998/namespace",
  "http://www.w3.org/2000/xmlns/",
  "http://www.w3.org/1998/Math/MathML",
  // Office Open XML's namespaces, written into the XLSX the explorer saves (result-downloads.js).
  "http://schemas.openxmlformats.org",
]);

describe("offline build", () => {
  test("the site was built inside a network namespace with loopback only", () => {
    const log = readFileSync(buildLogPath, "utf8");
    expect(log.split("\n")[0]).toBe("exit 0");
    expect(log).toContain("Site publié dans");
  });

  test("no file of dist/ points to a URL outside the site", () => {
    const outside: string[] = [];
    for (const file of walkFiles(distDir)) {
      if (![".html", ".js", ".css", ".json", ".svg"].includes(extname(file))) continue;
      // Bundled licence notices (/*! ... */) name their authors' repositories: text, not requests.
      const text = readFileSync(file, "utf8").replace(/\/\*![\s\S]*?\*\//g, "");
      for (const match of text.matchAll(/\b(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'`)<>]*/gi)) {
        const url = match[0].startsWith("//") ? `https:${match[0]}` : match[0];
        if ([...NAMESPACES].some((ns) => url.startsWith(ns))) continue;
        outside.push(`${relative(distDir, file)}: ${url}`);
      }
    }
    expect(outside).toEqual([]);
  });

  test("every page declares French and allows zoom", () => {
    for (const file of walkFiles(distDir).filter((f) => f.endsWith(".html"))) {
      const html = readFileSync(file, "utf8");
      expect(html, relative(distDir, file)).toMatch(/<html lang="fr"/);
      expect(html, relative(distDir, file)).not.toMatch(/maximum-scale|user-scalable=no/);
    }
  });
});
