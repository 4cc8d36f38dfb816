/**
 * The IRIS codes of the reference, for checking the codes a file states (a code of nine
 * digits that no IRIS has, « 999999999 », is refused). Without a reference folder there is
 * nothing to check against: undefined, and only the shape of the code is checked.
 */
import { readIrisList } from "../reference/iris-list.ts";
import { resolveReferenceDir } from "../reference/resolve.ts";

export async function referenceIris(): Promise<ReadonlySet<string> | undefined> {
  try {
    const list = await readIrisList(resolveReferenceDir());
    return list.length ? new Set(list.map((i) => i.code)) : undefined;
  } catch {
    return undefined;
  }
}
