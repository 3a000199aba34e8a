/**
 * A small seeded generator, so an analysis is reproducible from its seed alone and never depends on
 * `Math.random`. mulberry32 (Tommy Ettinger, public domain): 32-bit state, period 2^32, passes
 * gjrand/PractRand to well beyond the few million draws an analysis makes.
 */
export type Rng = () => number;

/** Uniform on [0, 1), from a seed taken modulo 2^32 (negative and fractional seeds are folded in too). */
export function mulberry32(seed: number): Rng {
  let a = foldSeed(seed);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform on [−1, 1): the unit of every noise in an analysis. */
export function signed(rng: Rng): number {
  return 2 * rng() - 1;
}

/** Independent streams from one seed (Monte-Carlo, Sobol design): a different seed per purpose, mixed. */
export function stream(seed: number, purpose: number): Rng {
  return mulberry32(Math.imul(foldSeed(seed) ^ Math.imul(purpose + 1, 0x9e3779b9), 0x85ebca6b) ^ purpose);
}

function foldSeed(seed: number): number {
  if (Number.isInteger(seed) && Math.abs(seed) <= 0xffffffff) return seed >>> 0;
  // Fractional or huge seeds: hash the decimal text so every distinct seed gives its own stream.
  let h = 0x811c9dc5;
  for (const ch of String(seed)) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h >>> 0;
}
