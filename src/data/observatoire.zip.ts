// Framework data loader: runs the whole pipeline once, for every dataset and year, and writes
// one zip of published tables to stdout. Framework copies to dist/ only the members that a
// page references, so an uncommented table never reaches the site.
import { runPipeline } from "../../loaders/pipeline.ts";

const archive = await runPipeline({ log: (line) => process.stderr.write(`${line}\n`) });
process.stdout.write(archive);
