/**
 * The book's sample generators (RTFTGU ch. 5): sets of points in the unit square, generated
 * once at setup in TypeScript and uploaded as they are, so both backends read identical
 * patterns (DESIGN.md contract 2). Mapping to the disk and hemisphere is in mapping.ts.
 *
 * All randomness is the counter-based hash (src/math/hash.ts), keyed by
 * (seed, set, step, purpose): a set's points depend only on those keys, not on generation order.
 */
import { hash4, unitFloat } from '../math/hash.js';

export const SAMPLER_TYPES = [
  'regular',
  'random',
  'jittered',
  'nRooks',
  'multiJittered',
  'hammersley',
] as const;
export type SamplerType = (typeof SAMPLER_TYPES)[number];

/** True when the type needs numSamples to be a perfect square (regular, jittered, multiJittered). */
export function needsSquareCount(type: SamplerType): boolean {
  return type === 'regular' || type === 'jittered' || type === 'multiJittered';
}

// Purposes: the last hash key, so the numbers drawn for different jobs never coincide.
const PURPOSE_U = 0;
const PURPOSE_V = 1;
const PURPOSE_SHUFFLE_X = 2;
const PURPOSE_SHUFFLE_Y = 3;
const PURPOSE_ORDER = 4;

/** The largest float32 below 1 (1 - 2^-24): every stored coordinate is at most this. */
const ONE_MINUS_EPSILON = 0.99999994;

/**
 * numSets sets of numSamples points in [0,1)², laid out [set][sample][u, v]
 * (length numSets*numSamples*2). Deterministic in (type, numSamples, numSets, seed);
 * seed is used as a uint32.
 *
 * Hammersley points are fixed, (i/N, radicalInverseBase2(i)), so every set holds the same
 * points: the book's behaviour (ch. 5.4), its shuffles do not apply to them.
 *
 * Each set's points are then put in an order of their own (shuffleOrder): one pixel draws its
 * camera, lens, hemisphere and light samples j from different sets, and without it sample j lies
 * in the same cell of every set (multi-jittered, jittered, regular) or is the same point
 * (Hammersley), so those samples would be correlated: a bright line across an occluded sphere.
 * The book's shuffled indices serve the same purpose.
 */
export function generateSampleSets(
  type: SamplerType,
  numSamples: number,
  numSets: number,
  seed: number,
): Float32Array {
  if (!(SAMPLER_TYPES as readonly string[]).includes(type)) {
    throw new Error(`unknown sampler type "${String(type)}"; expected one of ${SAMPLER_TYPES.join(', ')}`);
  }
  if (!Number.isInteger(numSamples) || numSamples < 1) {
    throw new Error(`sampler "${type}": numSamples must be an integer >= 1, got ${numSamples}`);
  }
  if (!Number.isInteger(numSets) || numSets < 1) {
    throw new Error(`sampler "${type}": numSets must be an integer >= 1, got ${numSets}`);
  }
  if (!Number.isInteger(seed)) {
    throw new Error(`sampler "${type}": seed must be an integer, got ${seed}`);
  }
  const n = Math.round(Math.sqrt(numSamples));
  if (needsSquareCount(type) && n * n !== numSamples) {
    throw new Error(
      `sampler "${type}" needs a perfect-square number of samples, got ${numSamples}` +
        ` (nearest: ${Math.max(1, Math.floor(Math.sqrt(numSamples))) ** 2} or ${Math.ceil(Math.sqrt(numSamples)) ** 2})`,
    );
  }

  const key = seed >>> 0;
  const out = new Float32Array(numSets * numSamples * 2);
  for (let set = 0; set < numSets; set++) {
    const base = set * numSamples * 2;
    switch (type) {
      case 'regular':
        generateRegular(out, base, n);
        break;
      case 'random':
        generateRandom(out, base, numSamples, key, set);
        break;
      case 'jittered':
        generateJittered(out, base, n, key, set);
        break;
      case 'nRooks':
        generateNRooks(out, base, numSamples, key, set);
        break;
      case 'multiJittered':
        generateMultiJittered(out, base, n, key, set);
        break;
      case 'hammersley':
        generateHammersley(out, base, numSamples);
        break;
    }
    shuffleOrder(out, base, numSamples, key, set);
  }
  return out;
}

/** Fisher–Yates over the points of one set, keyed by (seed, set): the order sample j is drawn in. */
function shuffleOrder(out: Float32Array, base: number, numSamples: number, seed: number, set: number): void {
  for (let i = numSamples - 1; i > 0; i--) {
    const k = Math.floor(uniform(seed, set, i, PURPOSE_ORDER) * (i + 1));
    swap(out, base + i * 2, base + k * 2);
    swap(out, base + i * 2 + 1, base + k * 2 + 1);
  }
}

/** The hash's uniform number in [0,1) for one (seed, set, step, purpose). */
function uniform(seed: number, set: number, step: number, purpose: number): number {
  return unitFloat(hash4(seed, set, step, purpose));
}

/**
 * Rounds value to float32 so that it lies in cell `cell` of `cells` equal cells of [0,1),
 * classifying a stored value f by floor(f * cells) (exact in float64). Rounding to float32 can
 * carry a value just below a cell's upper edge onto it (or up to 1), and a value on a lower
 * edge such as 1/3 below it; step it back in by one ulp. Exported for its test.
 */
export function float32InCell(value: number, cell: number, cells: number): number {
  let f = Math.fround(value);
  while (f * cells >= cell + 1) f = nextFloat32(f, -1);
  while (f * cells < cell) f = nextFloat32(f, +1);
  return f;
}

const bitsF32 = new Float32Array(1);
const bitsU32 = new Uint32Array(bitsF32.buffer);

/** The neighbouring float32 of a non-negative float32 f, up (+1) or down (-1); f > 0 when going down. */
function nextFloat32(f: number, direction: 1 | -1): number {
  bitsF32[0] = f;
  bitsU32[0] += direction;
  return bitsF32[0];
}

function clampUnit(value: number): number {
  return Math.min(Math.max(Math.fround(value), 0), ONE_MINUS_EPSILON);
}

/** Ch. 5.1: cell centres of an n×n grid, row by row. */
function generateRegular(out: Float32Array, base: number, n: number): void {
  for (let p = 0; p < n; p++) {
    for (let q = 0; q < n; q++) {
      const j = base + (p * n + q) * 2;
      out[j] = Math.fround((q + 0.5) / n);
      out[j + 1] = Math.fround((p + 0.5) / n);
    }
  }
}

/** Ch. 5.2: independent uniform points (unitFloat is already an exact float32 below 1). */
function generateRandom(out: Float32Array, base: number, numSamples: number, seed: number, set: number): void {
  for (let i = 0; i < numSamples; i++) {
    out[base + i * 2] = uniform(seed, set, i, PURPOSE_U);
    out[base + i * 2 + 1] = uniform(seed, set, i, PURPOSE_V);
  }
}

/** Ch. 5.2: one uniform point in each cell of an n×n grid, row by row. */
function generateJittered(out: Float32Array, base: number, n: number, seed: number, set: number): void {
  for (let p = 0; p < n; p++) {
    for (let q = 0; q < n; q++) {
      const i = p * n + q;
      out[base + i * 2] = float32InCell((q + uniform(seed, set, i, PURPOSE_U)) / n, q, n);
      out[base + i * 2 + 1] = float32InCell((p + uniform(seed, set, i, PURPOSE_V)) / n, p, n);
    }
  }
}

/**
 * Ch. 5.3: one point per cell along the diagonal of the N×N grid, then the x coordinates and
 * the y coordinates shuffled independently (the book's shuffle_x / shuffle_y, here as unbiased
 * Fisher–Yates): one point in every row and every column.
 */
function generateNRooks(out: Float32Array, base: number, numSamples: number, seed: number, set: number): void {
  for (let i = 0; i < numSamples; i++) {
    out[base + i * 2] = float32InCell((i + uniform(seed, set, i, PURPOSE_U)) / numSamples, i, numSamples);
    out[base + i * 2 + 1] = float32InCell((i + uniform(seed, set, i, PURPOSE_V)) / numSamples, i, numSamples);
  }
  for (let axis = 0; axis < 2; axis++) {
    const purpose = axis === 0 ? PURPOSE_SHUFFLE_X : PURPOSE_SHUFFLE_Y;
    for (let i = numSamples - 1; i > 0; i--) {
      const k = Math.floor(uniform(seed, set, i, purpose) * (i + 1));
      swap(out, base + i * 2 + axis, base + k * 2 + axis);
    }
  }
}

/**
 * Ch. 5.3, after Chiu, Shirley and Wang (1994): the canonical arrangement puts sample (i, j) in
 * coarse cell (column i, row j) and fine column i·n + j, fine row j·n + i of the N×N subgrid
 * (N = n²). Shuffling the fine x positions among the n samples of each coarse column, and the
 * fine y positions among the n samples of each coarse row, keeps both properties: one point per
 * coarse cell (jittered) and one per fine row and fine column (n-rooks).
 */
function generateMultiJittered(out: Float32Array, base: number, n: number, seed: number, set: number): void {
  const numSamples = n * n;
  // Canonical arrangement.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const s = i * n + j;
      const fineX = i * n + j;
      const fineY = j * n + i;
      out[base + s * 2] = float32InCell((fineX + uniform(seed, set, s, PURPOSE_U)) / numSamples, fineX, numSamples);
      out[base + s * 2 + 1] = float32InCell((fineY + uniform(seed, set, s, PURPOSE_V)) / numSamples, fineY, numSamples);
    }
  }
  // Shuffle x within coarse column i: samples i·n + j, j = 0..n-1.
  for (let i = 0; i < n; i++) {
    for (let j = n - 1; j > 0; j--) {
      const k = Math.floor(uniform(seed, set, i * n + j, PURPOSE_SHUFFLE_X) * (j + 1));
      swap(out, base + (i * n + j) * 2, base + (i * n + k) * 2);
    }
  }
  // Shuffle y within coarse row i: samples j·n + i, j = 0..n-1.
  for (let i = 0; i < n; i++) {
    for (let j = n - 1; j > 0; j--) {
      const k = Math.floor(uniform(seed, set, i * n + j, PURPOSE_SHUFFLE_Y) * (j + 1));
      swap(out, base + (j * n + i) * 2 + 1, base + (k * n + i) * 2 + 1);
    }
  }
}

/** Ch. 5.4: (i/N, Φ₂(i)), the same in every set. */
function generateHammersley(out: Float32Array, base: number, numSamples: number): void {
  for (let i = 0; i < numSamples; i++) {
    out[base + i * 2] = clampUnit(i / numSamples);
    out[base + i * 2 + 1] = clampUnit(radicalInverseBase2(i));
  }
}

/** Φ₂(i): the binary digits of i mirrored about the point (ch. 5.4). */
export function radicalInverseBase2(i: number): number {
  let x = 0;
  let f = 0.5;
  for (let j = i; j > 0; j = Math.floor(j / 2)) {
    x += f * (j % 2);
    f *= 0.5;
  }
  return x;
}

function swap(a: Float32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
