// Next calls register() once when a server process starts (not during `next build`).
export async function register() {
  // Node runtime only: the pruning timer needs the database client, which the edge runtime cannot load.
  // eslint-disable-next-line no-restricted-properties -- NEXT_RUNTIME is Next's own marker, not app configuration
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { schedulePruning } = await import("@/lib/server/kernel/rate-limit");
  schedulePruning();
  // The evaluator threads load and warm up now, not on the first evaluation: a cold thread took 50-75 ms of CPU
  // for a 50-node design's first evaluation, a warm one 6-10 ms. Not awaited: the server answers meanwhile, and an
  // evaluation that arrives first waits for the warm-up (off its time budget). A failure is logged by the pool
  // and retried by the next evaluation. EVALUATOR_WARM_UP=off leaves the threads to start on the first evaluation
  // (a benchmark's A/B of what the warm-up costs the pages served meanwhile); on unless set so.
  const { envVars } = await import("@/lib/server/kernel/env");
  if (envVars(["EVALUATOR_WARM_UP"]).EVALUATOR_WARM_UP === "off") return;
  const { startEvaluator } = await import("@/lib/server/evaluation/pool");
  // The one line a benchmark waits for before it measures pages (scripts/lighthouse.ts): the warm-up's CPU, on a
  // small host, otherwise lands in the first page loads, which are not what a user arriving later sees.
  startEvaluator().then(
    (steps) => console.log(`evaluator threads warm (${steps.reduce((a, b) => a + b, 0)} warm-up evaluations)`),
    () => {},
  );
}

// Next calls this for every error a request's rendering, route handler or server action throws. A page whose
// database was full or down answers 500 from inside Next's renderer; server.mjs turns that 500 into the designed 503
// page when the database cannot take work, and a full disk only shows in the error itself (a read-only probe still
// passes), so the error is recorded where server.mjs can see it.
export async function onRequestError(error: unknown) {
  // eslint-disable-next-line no-restricted-properties -- NEXT_RUNTIME is Next's own marker, not app configuration
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { noteDatabaseFailure } = await import("@/lib/server/kernel/db-unavailable");
  noteDatabaseFailure(error);
}
