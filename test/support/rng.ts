import { hash3 } from '../../src/math/hash.js';

/** Deterministic uniform numbers in [0, 1) with 53 bits, from the project's hash (never Math.random). */
export class Rng {
  private i = 0;
  constructor(private readonly seed: number) {}
  next(): number {
    const i = this.i++;
    return (hash3(this.seed, i, 0) + hash3(this.seed, i, 1) / 4294967296) / 4294967296;
  }
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  /** A uniform direction on the unit sphere. */
  direction(): [number, number, number] {
    const z = 2 * this.next() - 1;
    const phi = 2 * Math.PI * this.next();
    const s = Math.sqrt(Math.max(0, 1 - z * z));
    return [s * Math.cos(phi), s * Math.sin(phi), z];
  }
}
