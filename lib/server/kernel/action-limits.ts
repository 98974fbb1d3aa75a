/** Server-action arguments above this many bytes are refused with 413 (proxy.ts by Content-Length, defineAction by size). */
export const MAX_ACTION_BYTES = 1_000_000;
