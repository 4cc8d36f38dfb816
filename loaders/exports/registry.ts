/** The schemas known to the readers: the six files of Annex 1, plus any ad-hoc dataset registered. */
import type { DatasetId } from "../contracts.ts";
import type { DatasetSchema } from "./schema.ts";
import { apaDomicile } from "./schemas/apa-domicile.ts";
import { assistantesMaternelles } from "./schemas/assistantes-maternelles.ts";
import { certificats8eJour } from "./schemas/certificats-8e-jour.ts";
import { aidesFinancieres } from "./schemas/aides-financieres.ts";
import { aidesLegalesPaPh } from "./schemas/aides-legales-pa-ph.ts";
import { ase } from "./schemas/ase.ts";

const schemas = new Map<DatasetId, DatasetSchema>(
  [assistantesMaternelles, certificats8eJour, apaDomicile, aidesFinancieres, aidesLegalesPaPh, ase].map((s) => [
    s.id,
    s,
  ]),
);

/** Article 2 allows ad-hoc requests: a new dataset is one schema registered here. */
export function registerSchema(schema: DatasetSchema): void {
  schemas.set(schema.id, schema);
}

export function getSchema(id: DatasetId): DatasetSchema | undefined {
  return schemas.get(id);
}

export function allSchemas(): DatasetSchema[] {
  return [...schemas.values()];
}
