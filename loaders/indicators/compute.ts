/**
 * The indicators stage: every dataset of Annex 1 aggregated at IRIS, commune and département, year by
 * year, as cells (counts, amounts, rates, shares, evolutions), the sum relations the tables
 * make visible, and the catalogue line of each indicator and year. Disclosure comes after.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import type { AggregateRecord, Cell, DatasetEdition, Denominators, PrivateRecord, SumRelation } from "../contracts.ts";
import { aggregateCells, checkAggregateLines } from "./aggregate-cells.ts";
import { indicatorCatalogue } from "./catalogue.ts";
import { CellStore } from "./cell-store.ts";
import { evolutionCells } from "./evolution-cells.ts";
import { groupBy } from "./group-by.ts";
import { ratioCells } from "./ratio-cells.ts";
import { residualCells } from "./residual-cells.ts";
import { sumCells } from "./sum-cells.ts";
import { recordCells } from "./record-aggregation.ts";
import { loadRecordTable, recordColumns } from "./record-table.ts";
import { ReferenceCells } from "./reference-cells.ts";
import { categoryRelations, completenessOf, geographyRelations, type Completeness } from "./relations.ts";
import { normalizeCommune, type Coverage, type Territory } from "./territory.ts";
import type { IndicatorDefinition, IndicatorYearInfo } from "./types.ts";
import type { ArrondissementIris } from "../reference/communes.ts";
import { indicatorYearInfo } from "./year-info.ts";

export interface IndicatorInput {
  records: PrivateRecord[];
  aggregates: AggregateRecord[];
  editions: DatasetEdition[];
  denominators: Denominators;
  /** The observed commune and its département (data/observatory.json). */
  commune: string;
  departement: string;
  /** The IRIS codes of the commune, so that an IRIS where nobody lives gets a 0 cell. */
  communeIris: string[];
  /** INSEE codes of the communes of the département. */
  communes: string[];
  /** The commune's municipal arrondissements with their IRIS (Marseille); absent or empty elsewhere. */
  arrondissements?: ArrondissementIris[];
}

export interface IndicatorOutput {
  cells: Cell[];
  relations: SumRelation[];
  catalogue: IndicatorYearInfo[];
}

const byKind = (kind: IndicatorDefinition["computation"]["kind"]) =>
  indicatorCatalogue.filter((d) => d.computation.kind === kind);

function definitionOf(id: string): IndicatorDefinition {
  const definition = indicatorCatalogue.find((d) => d.id === id);
  if (definition === undefined) throw new Error(`Indicateur absent du catalogue : ${id}`);
  return definition;
}

async function computeRecordIndicators(
  input: IndicatorInput,
  territory: Territory,
  store: CellStore,
  relations: SumRelation[],
): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await loadRecordTable(connection, input.records, recordColumns(indicatorCatalogue), territory);
    for (const definition of byKind("records")) {
      const computed = await recordCells(connection, definition, input.records, territory);
      const { coverage } = computed;
      const cells = [...computed.cells, ...residualCells(definition, computed.cells)];
      for (const cell of cells) store.add(cell);
      relations.push(
        ...categoryRelations(definition, cells),
        // Residuals follow from the totals' and parts' own geography: not declared again.
        ...geographyRelations(
          computed.cells,
          (year) => completenessOf(coverage.get(year) as Coverage),
          territory.commune,
          territory.arrondissements,
        ),
      );
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function computeAggregateIndicators(
  input: IndicatorInput,
  territory: Territory,
  store: CellStore,
  relations: SumRelation[],
): void {
  checkAggregateLines(input.aggregates);
  const communes = new Set(territory.communes.map(normalizeCommune));
  const presentCommunes = groupBy(
    input.aggregates.filter((a) => a.level === "commune"),
    (a) => `${a.dataset}|${a.year}`,
  );
  for (const definition of byKind("aggregate")) {
    const read = aggregateCells(definition, input.aggregates);
    const cells = [...read, ...residualCells(definition, read)];
    for (const cell of cells) store.add(cell);
    const dataset = definition.computation.kind === "aggregate" ? definition.computation.dataset : "";
    const completeness = (year: number): Completeness => {
      const present = new Set((presentCommunes.get(`${dataset}|${year}`) ?? []).map((a) => normalizeCommune(a.code)));
      return { irisCoverCommune: false, communesCoverDepartement: [...communes].every((c) => present.has(c)) };
    };
    relations.push(
      ...categoryRelations(definition, cells),
      ...geographyRelations(read, completeness, territory.commune),
    );
  }
}

function observationDates(input: IndicatorInput): Map<string, string> {
  const dates = new Map<string, string>();
  for (const row of [...input.records, ...input.aggregates]) {
    const key = `${row.dataset}|${row.year}`;
    if (!dates.has(key)) dates.set(key, row.observationDate);
  }
  return dates;
}

export async function computeIndicators(input: IndicatorInput): Promise<IndicatorOutput> {
  const territory: Territory = {
    commune: input.commune,
    departement: input.departement,
    communeIris: input.communeIris,
    communes: input.communes,
    arrondissements: input.arrondissements ?? [],
  };
  const store = new CellStore();
  const relations: SumRelation[] = [];
  const references = new ReferenceCells(store, input.denominators);

  await computeRecordIndicators(input, territory, store, relations);
  computeAggregateIndicators(input, territory, store, relations);
  for (const definition of byKind("sum")) {
    const sums = sumCells(definition, store);
    for (const cell of sums.cells) store.add(cell);
    relations.push(...sums.relations);
  }
  for (const definition of byKind("ratio")) {
    for (const cell of ratioCells(definition, { store, references, definitionOf })) store.add(cell);
  }
  for (const definition of byKind("evolution")) {
    for (const cell of evolutionCells(definition, store)) store.add(cell);
  }

  const catalogue = indicatorYearInfo(indicatorCatalogue, {
    store,
    references,
    editions: input.editions,
    dataDates: observationDates(input),
    definitionOf,
  });
  return { cells: store.all(), relations, catalogue };
}
