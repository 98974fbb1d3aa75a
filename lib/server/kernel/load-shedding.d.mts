import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";

export type SheddingSettings = {
  /** Requests one instance works on at once. */
  SHED_MAX_IN_FLIGHT: number;
  /** Requests that may wait for a slot; past this, 503 at once. */
  SHED_MAX_QUEUE: number;
  /** Longest wait in the queue (ms) before a 503. */
  SHED_QUEUE_TIMEOUT_MS: number;
  /** Retry-After on a shed request (s). */
  SHED_RETRY_AFTER_SECONDS: number;
  SHED_ABANDONED_GRACE_MS: number;
};

export declare const sheddingEnvSchema: z.ZodType<SheddingSettings, Record<string, unknown>>;
export declare function sheddingSettings(source: Record<string, string | undefined>): SheddingSettings;

export type LoadShedder = {
  admit: (req: IncomingMessage, res: ServerResponse, run: () => unknown) => void;
  stats: () => { inFlight: number; queued: number; shed: number; timedOutInQueue: number; abandonedInQueue: number };
};
export declare function neverShed(url?: string): boolean;
export declare function createLoadShedder(settings: SheddingSettings): LoadShedder;
