import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { LabConfig } from "@/scripts/calibrate/configs";
import { judgeRun } from "@/scripts/calibrate/ledger";
import { parseLabResults } from "@/scripts/calibrate/results";

/** A results file under docs/ as the calibration page judges it: the parsed run and its rows against the model. */
export function recordedRun(file: string) {
  const results = parseLabResults(readFileSync(new URL(`../../../docs/${file}`, import.meta.url), "utf8"));
  return { results, judged: judgeRun(file, results) };
}

/** The run measured exactly the matrix the lab runs, each row at least `repetitions` times, the client's buffer raised. */
export function expectMatrix(results: ReturnType<typeof recordedRun>["results"], matrix: LabConfig[], repetitions: number) {
  expect(results.measurements.map((m) => m.config.id).sort()).toEqual(matrix.map((c) => c.id).sort());
  for (const m of results.measurements) expect(m.samples.length, m.config.id).toBeGreaterThanOrEqual(repetitions);
  expect(results.machine.clientTcpRmem).toBe("4096 4194304 16777216");
}
