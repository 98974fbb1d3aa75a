import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadExample, type Doc } from "./helpers";

const GRADED = fileURLToPath(new URL("../../fixtures/graded/", import.meta.url));

/** The reference examples and the whole graded corpus. */
export function designs(): [string, Doc][] {
  const out: [string, Doc][] = [];
  for (const name of ["three-tier", "global-read-heavy", "payments-idempotency", "generated-50"])
    out.push([name, loadExample(name)]);
  for (const problem of readdirSync(GRADED, { withFileTypes: true })) {
    if (!problem.isDirectory()) continue;
    for (const f of readdirSync(`${GRADED}${problem.name}`).sort()) {
      if (f.endsWith(".json"))
        out.push([`${problem.name}/${f}`, JSON.parse(readFileSync(`${GRADED}${problem.name}/${f}`, "utf8")).design]);
    }
  }
  return out;
}
