import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

/** The relative specifiers a module or a page imports (import … from "./x", import("./x")). */
export function relativeImports(text: string): string[] {
  return [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s*["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g),
  ].map((m) => (m[1] ?? m[2])!);
}

/** The relative imports between the modules of a folder, as paths relative to that folder. */
export function importGraph(root: string, options: { includeHidden?: boolean } = {}): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      if (entry.startsWith(".") && !options.includeHidden) return [];
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? walk(path) : /\.(ts|mjs|js)$/.test(entry) ? [path] : [];
    });
  for (const file of walk(root)) {
    const specs = relativeImports(readFileSync(file, "utf8"));
    graph.set(relative(root, file), new Set(specs.map((s) => normalize(relative(root, join(dirname(file), s))))));
  }
  return graph;
}

/** The folder a module belongs to; a file at the root is a module of its own. */
export const moduleOf = (path: string): string => (path.includes("/") ? path.split("/")[0]! : path);

/** The imports that break the first rule: a module outside loaders/site/ importing one inside. */
export const importsIntoSiteLayer = (graph: Map<string, Set<string>>): string[] =>
  [...graph].flatMap(([from, targets]) =>
    moduleOf(from) === "site" ? [] : [...targets].filter((t) => moduleOf(t) === "site").map((t) => `${from} -> ${t}`),
  );

/** The graph between folders (a file at the root counts as a folder of its own). */
export function folderGraph(graph: Map<string, Set<string>>): Map<string, Set<string>> {
  const folders = new Map<string, Set<string>>();
  for (const [from, targets] of graph)
    for (const to of targets)
      if (moduleOf(from) !== moduleOf(to)) {
        const set = folders.get(moduleOf(from)) ?? new Set<string>();
        set.add(moduleOf(to));
        folders.set(moduleOf(from), set);
      }
  return folders;
}

/** Every cycle found by a depth-first walk, each as the list of nodes it goes through. */
export function findCycles(graph: Map<string, Set<string>>): string[][] {
  const state = new Map<string, "open" | "done">();
  const cycles: string[][] = [];
  const visit = (node: string, stack: string[]) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next, stack);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node, []);
  return cycles;
}
