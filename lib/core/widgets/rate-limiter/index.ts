// W22: the Redis sorted-set sliding-window limiter of Chapter 12, next to nginx's leaky bucket
// (`limit_req zone=api rate=100r/m burst=20 nodelay`). Pure and clock-free: every call takes `now` (ms).

export type WindowConfig = {
  limit: number;
  windowMs: number;
  /** The chapter's code adds every request to the set, rejected ones too (accuracy note 1). */
  countRejected: boolean;
};

export const APP_DEFAULT: WindowConfig = { limit: 100, windowMs: 60_000, countRejected: true };
export const SMALL_TRACE: WindowConfig = { limit: 3, windowMs: 10_000, countRejected: true };
export const RETRY_AFTER_SECONDS = 60;

/** One sorted-set member: a score (timestamp) and a unique id, so same-millisecond requests stay distinct. */
export type Entry = { t: number; id: number; allowed: boolean };
export type WindowState = { entries: Entry[]; nextId: number };

export const EMPTY_WINDOW: WindowState = { entries: [], nextId: 1 };

export type WindowDecision = {
  now: number;
  allowed: boolean;
  /** Entries in the window when the request arrived, after pruning (ZCARD). */
  count: number;
  remaining: number;
  resetAt: number;
  status: 200 | 429;
  headers: [string, string][];
  body: string | undefined;
  pruned: number;
};

/**
 * ZREMRANGEBYSCORE key 0 (now − window); ZCARD; ZADD now; allowed when count < limit.
 * remaining = max(0, limit − count − 1) when allowed, 0 otherwise; resetAt = now + window.
 */
export function windowRequest(state: WindowState, config: WindowConfig, now: number): { state: WindowState; decision: WindowDecision } {
  const cutoff = now - config.windowMs;
  const kept = state.entries.filter((e) => e.t > cutoff);
  const pruned = state.entries.length - kept.length;
  const count = kept.length;
  const allowed = count < config.limit;
  const remaining = allowed ? Math.max(0, config.limit - count - 1) : 0;
  const entries = allowed || config.countRejected ? [...kept, { t: now, id: state.nextId, allowed }] : kept;
  const headers: [string, string][] = [
    ["X-RateLimit-Limit", String(config.limit)],
    ["X-RateLimit-Remaining", String(remaining)],
  ];
  if (!allowed) headers.push(["Retry-After", String(RETRY_AFTER_SECONDS)]);
  return {
    state: { entries, nextId: state.nextId + 1 },
    decision: {
      now,
      allowed,
      count,
      remaining,
      resetAt: now + config.windowMs,
      status: allowed ? 200 : 429,
      headers,
      body: allowed ? undefined : JSON.stringify({ error: "Too Many Requests", retryAfter: RETRY_AFTER_SECONDS }),
      pruned,
    },
  };
}

/** Entries still inside the window at `now` (what the timeline draws). */
export function entriesInWindow(state: WindowState, config: WindowConfig, now: number): Entry[] {
  return state.entries.filter((e) => e.t > now - config.windowMs && e.t <= now);
}

export type NginxConfig = { ratePerMinute: number; burst: number };
export const NGINX_DEFAULT: NginxConfig = { ratePerMinute: 100, burst: 20 };

/** nginx's per-key state: the excess over the steady rate, in thousandths of a request, and when it was set. */
export type NginxState = { excessMilli: number; lastMs: number } | undefined;

export type NginxDecision = { allowed: boolean; excess: number; status: 200 | 429 };

/**
 * nginx limit_req with `nodelay` (ngx_http_limit_req_module): excess = previous − rate × elapsed + 1 request,
 * floored at 0; more than `burst` in excess is refused (429 with the chapter's `limit_req_status 429`; 503 is nginx's default). A
 * refused request does not change the state. 100 r/m is one request per 600 ms, plus the burst.
 */
export function nginxRequest(state: NginxState, config: NginxConfig, now: number): { state: NginxState; decision: NginxDecision } {
  // nginx keeps the rate in thousandths of a request per second and uses integer arithmetic.
  const rateMilliPerSecond = Math.floor((config.ratePerMinute * 1000) / 60);
  if (!state) return { state: { excessMilli: 0, lastMs: now }, decision: { allowed: true, excess: 0, status: 200 } };
  const elapsed = Math.max(0, now - state.lastMs);
  const excess = Math.max(0, state.excessMilli - Math.floor((rateMilliPerSecond * elapsed) / 1000) + 1000);
  if (excess > config.burst * 1000) {
    return { state, decision: { allowed: false, excess: state.excessMilli / 1000, status: 429 } };
  }
  return { state: { excessMilli: excess, lastMs: now }, decision: { allowed: true, excess: excess / 1000, status: 200 } };
}

export type Shot = { now: number; window: WindowDecision; nginx: NginxDecision };
export type LimiterLab = {
  config: WindowConfig;
  nginx: NginxConfig;
  now: number;
  window: WindowState;
  nginxState: NginxState;
  shots: Shot[];
};

export function newLab(config: WindowConfig = APP_DEFAULT, nginx: NginxConfig = NGINX_DEFAULT): LimiterLab {
  return { config, nginx, now: 0, window: EMPTY_WINDOW, nginxState: undefined, shots: [] };
}

/** Fires `n` requests at the current time through both limiters. */
export function fire(lab: LimiterLab, n = 1): LimiterLab {
  let window = lab.window;
  let nginxState = lab.nginxState;
  const shots = [...lab.shots];
  for (let i = 0; i < n; i++) {
    const w = windowRequest(window, lab.config, lab.now);
    const g = nginxRequest(nginxState, lab.nginx, lab.now);
    window = w.state;
    nginxState = g.state;
    shots.push({ now: lab.now, window: w.decision, nginx: g.decision });
  }
  return { ...lab, window, nginxState, shots };
}

export function advance(lab: LimiterLab, ms: number): LimiterLab {
  return { ...lab, now: lab.now + Math.max(0, Math.round(ms)) };
}

export function summarise(shots: readonly Shot[]): { windowAllowed: number; windowRejected: number; nginxAllowed: number; nginxRejected: number } {
  let windowAllowed = 0;
  let nginxAllowed = 0;
  for (const s of shots) {
    if (s.window.allowed) windowAllowed++;
    if (s.nginx.allowed) nginxAllowed++;
  }
  return { windowAllowed, windowRejected: shots.length - windowAllowed, nginxAllowed, nginxRejected: shots.length - nginxAllowed };
}
