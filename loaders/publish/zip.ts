import { zipSync } from "fflate";

/** One archive for the Framework loader; Framework publishes only the members pages reference. */
export function zipMembers(members: Map<string, Uint8Array | string>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of [...members].sort(([a], [b]) => a.localeCompare(b))) {
    entries[name] = typeof content === "string" ? new TextEncoder().encode(content) : content;
  }
  // A fixed date keeps the archive reproducible from one build to the next.
  return zipSync(entries, { mtime: new Date("2020-01-01T00:00:00Z") });
}
