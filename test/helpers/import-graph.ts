import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

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
    const text = readFileSync(file, "utf8");
    const specs = [
      ...text.matchAll(/(?:import|export)\s[^'"]*?from\s*["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g),
    ].map((m) => (m[1] ?? m[2])!);
    graph.set(relative(root, file), new Set(specs.map((s) => normalize(relative(root, join(dirname(file), s))))));
  }
  return graph;
}

/** The folder a module belongs to; a file at the root is a module of its own. */
export const moduleOf = (path: string): string => (path.includes("/") ? path.split("/")[0]! : path);

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
