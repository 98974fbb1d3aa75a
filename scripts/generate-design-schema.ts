import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { designJsonSchema } from "../lib/core/evaluator/schema";

// Writes public/schemas/design-v2.json from the zod schema (the single source of the design format).
// npm run schema:design (which then writes the editor's field table too) — a unit test fails when the committed file is stale.

const target = fileURLToPath(new URL("../public/schemas/design-v2.json", import.meta.url));
writeFileSync(target, `${JSON.stringify(designJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
