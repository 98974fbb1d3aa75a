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
  let a = seed >>> 0;
  return {
    next: () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    reseed: (s: number) => {
      a = s >>> 0;
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
