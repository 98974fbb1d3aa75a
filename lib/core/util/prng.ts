/**
 * mulberry32: a tiny, fast, seeded 32-bit PRNG returning floats in [0, 1). Same seed → same sequence on
 * every JavaScript engine, which is what makes percentiles, widget runs and quiz shuffles reproducible.
 */
export function mulberry32(seed: number): () => number {
  return mulberry32Stream(seed).next;
}

/**
 * The same generator with a `reseed`: a hot loop that wants one stream per item (common random numbers)
 * reseeds one generator instead of allocating a closure per item. `next` after `reseed(s)` yields exactly
 * the sequence of `mulberry32(s)`.
 */
export function mulberry32Stream(seed: number): { next: () => number; reseed: (seed: number) => void } {
  // The state lives in a typed array: a uint32 above 2³⁰ is no small integer to V8, so a captured `let` would
  // box it in a fresh heap number on every draw (a garbage collection every few thousand draws in the sampler).
  const a = new Int32Array(1);
  a[0] = seed | 0;
  return {
    next: () => {
      const t0 = (a[0] = ((a[0] as number) + 0x6d2b79f5) | 0);
      let t = Math.imul(t0 ^ (t0 >>> 15), t0 | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    reseed: (s: number) => {
      a[0] = s | 0;
    },
  };
}

/**
 * FNV-1a, 32 bits, over UTF-16 code units: deterministic on every engine. It turns text into seeds (quiz
 * shuffles), short opaque ids (public choice ids), the IP-hash pick of the load-balancing model and the TLS
 * widget's toy cipher; it is not a cryptographic hash.
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
