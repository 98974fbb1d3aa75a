// Next calls register() once when a server process starts (not during `next build`).
export async function register() {
  // Node runtime only: the pruning timer needs the database client, which the edge runtime cannot load.
  // eslint-disable-next-line no-restricted-properties -- NEXT_RUNTIME is Next's own marker, not app configuration
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { schedulePruning } = await import("@/lib/server/kernel/rate-limit");
  schedulePruning();
}
