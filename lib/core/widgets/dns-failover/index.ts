import { mulberry32 } from "@/lib/core/util/prng";

// W24: how long users keep reaching a dead region after DNS moves the record. Each resolver cached the old
// address at a random moment (seeded, so runs are reproducible) and only asks again when its copy expires.
// Some ISP resolvers ignore short TTLs and hold answers for at least an hour.

export const TTL_CHOICES = [60, 300, 3_600, 86_400] as const;

/** Health checks need this long to declare the region dead and switch the record (s). */
export const DETECTION_S = 30;
/** Resolvers assumed for the query-load figure (the chapter's example). */
export const WORLD_RESOLVERS = 10_000;
/** Resolvers drawn in the simulation grid. */
export const GRID_RESOLVERS = 100;
/** Share of resolvers that misbehave when that option is on, and the minimum they hold a record for (s). */
export const MISBEHAVING_SHARE = 0.1;
export const MISBEHAVING_MIN_TTL_S = 3_600;

export type FailoverOptions = { ttl: number; misbehaving: boolean; seed: number };

export type Resolver = {
  id: number;
  misbehaving: boolean;
  /** Seconds the resolver actually keeps the record. */
  holdS: number;
  /** When (s after the failure) the resolver first fetches the record after the switch: it moves to the new IP. */
  movesAtS: number;
};

export type FailoverRun = {
  options: FailoverOptions;
  resolvers: Resolver[];
  /** Analytic worst case for a resolver that honours the TTL: detection + TTL (s). */
  worstHonestS: number;
  /** Worst case in this run, misbehaving caches included (s). */
  worstS: number;
  /** Queries per second your nameservers see from WORLD_RESOLVERS honest resolvers. */
  queriesPerSecond: number;
};

export function simulateFailover(options: FailoverOptions): FailoverRun {
  const ttl = Math.max(1, Math.round(options.ttl));
  const rand = mulberry32(options.seed);
  const resolvers: Resolver[] = [];
  for (let i = 0; i < GRID_RESOLVERS; i++) {
    const misbehaving = options.misbehaving && rand() < MISBEHAVING_SHARE;
    const holdS = misbehaving ? Math.max(ttl, MISBEHAVING_MIN_TTL_S) : ttl;
    // Copies expire at phase, phase + hold, …; the first expiry at or after the switch fetches the new address.
    const phase = rand() * holdS;
    const k = phase >= DETECTION_S ? 0 : Math.ceil((DETECTION_S - phase) / holdS);
    resolvers.push({ id: i + 1, misbehaving, holdS, movesAtS: round1(phase + k * holdS) });
  }
  const worstS = resolvers.reduce((m, r) => Math.max(m, r.movesAtS), DETECTION_S);
  return { options: { ...options, ttl }, resolvers, worstHonestS: DETECTION_S + ttl, worstS, queriesPerSecond: WORLD_RESOLVERS / ttl };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Share (0–1) of resolvers still handing out the old address `t` seconds after the failure. */
export function shareOnOldIp(run: FailoverRun, t: number): number {
  if (run.resolvers.length === 0) return 0;
  return run.resolvers.filter((r) => r.movesAtS > t).length / run.resolvers.length;
}

/** Points of the step curve (t, share), from the failure to the last resolver moving. */
export function failoverCurve(run: FailoverRun): { t: number; share: number }[] {
  const times = [0, ...new Set(run.resolvers.map((r) => r.movesAtS))].sort((a, b) => a - b);
  return times.map((t) => ({ t, share: shareOnOldIp(run, t) }));
}

export function formatDuration(s: number): string {
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7_200) return `${Math.round((s / 60) * 10) / 10} min`;
  return `${Math.round((s / 3_600) * 10) / 10} h`;
}
