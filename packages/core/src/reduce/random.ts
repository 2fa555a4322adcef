/** A source of uniform random numbers in [0, 1). */
export type Random = () => number;

/**
 * A small, fast, seedable generator (mulberry32): the same seed gives the same sequence on every
 * platform, which is what makes layouts reproducible.
 *
 * @param seed - any integer; only its low 32 bits are used.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal sample (Box-Muller) drawn from `random`. */
export function gaussian(random: Random): number {
  let u = 0;
  while (u === 0) {
    u = random();
  }
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** The indices 0..n-1 in a random order drawn from `random` (Fisher-Yates). */
export function shuffledIndices(n: number, random: Random): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}
