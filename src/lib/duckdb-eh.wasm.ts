// Copy loader: serves DuckDB-wasm's duckdb-eh.wasm from node_modules (no CDN). Only the explorer page
// references it, so no other page downloads it.
import { createReadStream } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
createReadStream(require.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm")).pipe(process.stdout);
