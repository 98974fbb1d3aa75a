import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { problemJsonSchema } from "../lib/schemas/problem-json-schema";

// Writes public/schemas/problem-v1.json from the zod schema (the single source of the problem format).
// npm run schema:problem — a unit test fails when the committed file is stale.

const target = fileURLToPath(new URL("../public/schemas/problem-v1.json", import.meta.url));
writeFileSync(target, `${JSON.stringify(problemJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
