/**
 * Villages and postcodes of Aix-en-Provence (INSEE 13001). The CCAS's addresses name the
 * village (Luynes, Les Milles, Puyricard...) as often as the city; each has its postcode.
 */
export const AIX_INSEE = "13001";

export interface Village {
  name: string;
  postcode: string;
  /** Words of IRIS names or codes that lie in the village. */
  irisCodes: readonly string[];
}

export const AIX_VILLAGES: readonly Village[] = [
  { name: "LUYNES", postcode: "13080", irisCodes: ["130010903"] },
  { name: "LES MILLES", postcode: "13290", irisCodes: ["130010905", "130010906", "130010907", "130010908"] },
  { name: "LA DURANNE", postcode: "13290", irisCodes: ["130010907", "130010908"] },
  { name: "PUYRICARD", postcode: "13540", irisCodes: ["130010801", "130010802", "130010803", "130010804"] },
  { name: "CELONY", postcode: "13090", irisCodes: ["130010205"] },
];

/** Spellings of the city itself in addresses. */
export const AIX_NAMES = ["AIX EN PROVENCE", "AIX", "AIX EN PCE", "AIX PROVENCE", "AIX EN P"];

/**
 * Postcode of an address of Aix from its IRIS: the villages first, then 13090 for the south
 * and west of the city (Jas de Bouffan, Encagnane, Pont de l'Arc, Fenouillères...), 13100 for
 * the centre, north and east. Fictitious reference only: the real BAN carries its own.
 */
export function aixPostcodeOfIris(iris: string): string {
  for (const village of AIX_VILLAGES) {
    if (village.name !== "CELONY" && village.irisCodes.includes(iris)) return village.postcode;
  }
  const district = iris.slice(5, 7);
  if (district === "03" || district === "06" || district === "07" || district === "09") return "13090";
  if (iris === "130010205" || iris === "130010206") return "13090";
  return "13100";
}

/** Postcodes of Aix and the village each designates ("" = the city). */
export const AIX_POSTCODES: Record<string, string> = {
  "13080": "LUYNES",
  "13290": "LES MILLES",
  "13540": "PUYRICARD",
  "13090": "",
  "13100": "",
};
