/**
 * The schema's building blocks: numbers, vectors, colours and strict objects, each carrying as
 * its error message the phrase that completes "expected …" in a SceneError. Numbers keep to the
 * float32 ranges of limits.ts; a value of the right kind but out of range gets its own phrase
 * (`a length from 1e-6 to 1e7 (float32 range)`) so users see which bound they crossed.
 */
import { z } from 'zod';
import type { Vec3 } from '../math/vec.js';
import {
  FLOAT32_NOTE,
  MAX_COORDINATE,
  MAX_LENGTH,
  MAX_MAGNITUDE,
  MAX_RATIO,
  MIN_LENGTH,
  MIN_RATIO,
  MIN_SINE,
} from './limits.js';

/** Numbers as messages print them, to three digits: 1e7, 1e-6, 0.001, 2.29e22. */
export function numberText(x: number): string {
  const rounded = Number(x.toPrecision(3));
  const exponential = rounded.toExponential().replace('e+', 'e');
  return exponential.length < String(rounded).length ? exponential : String(rounded);
}

/** `base` (which states the sign a value needs) kept to [min, max], with `range` as the phrase. */
function ranged(base: z.ZodNumber, min: number, max: number, range: string) {
  return base.min(min, { error: range }).max(max, { error: range });
}

function positive() {
  return z.number({ error: 'a number > 0' }).gt(0, { error: 'a number > 0' });
}

function atLeast(min: number) {
  return z.number({ error: `a number >= ${min}` }).min(min, { error: `a number >= ${min}` });
}

/** A finite number (zod's number already refuses NaN and ±Infinity). */
export function finite(expected = 'a finite number') {
  return z.number({ error: expected });
}

/** A coordinate of a point: within ±MAX_COORDINATE. */
export function coordinate() {
  const range = `a number from ${numberText(-MAX_COORDINATE)} to ${numberText(MAX_COORDINATE)} ${FLOAT32_NOTE}`;
  return z.number({ error: 'a finite number' }).min(-MAX_COORDINATE, { error: range }).max(MAX_COORDINATE, { error: range });
}

/** A length that must be > 0 (a radius, a distance), world units. */
export function length() {
  return ranged(positive(), MIN_LENGTH, MAX_LENGTH, `a length from ${numberText(MIN_LENGTH)} to ${numberText(MAX_LENGTH)} ${FLOAT32_NOTE}`);
}

/** A length that may be 0 (a lens radius). */
export function lengthOrZero() {
  return ranged(atLeast(0), 0, MAX_LENGTH, `a length from 0 to ${numberText(MAX_LENGTH)} ${FLOAT32_NOTE}`);
}

/** A dimensionless ratio > 0 whose reciprocal is used too (zoom, index of refraction). */
export function ratio() {
  return ranged(positive(), MIN_RATIO, MAX_RATIO, `a number from ${numberText(MIN_RATIO)} to ${numberText(MAX_RATIO)} ${FLOAT32_NOTE}`);
}

/** A colour channel, radiance, reflection coefficient or exponent: >= 0 (>= min), at most MAX_MAGNITUDE. */
export function magnitude(min = 0) {
  return ranged(atLeast(min), min, MAX_MAGNITUDE, `a number from ${min} to ${numberText(MAX_MAGNITUDE)} ${FLOAT32_NOTE}`);
}

/** A fraction in [0, 1]. */
export function fraction(expected = 'a number from 0 to 1') {
  return z.number({ error: expected }).min(0, { error: expected }).max(1, { error: expected });
}

export function integer(min: number, max?: number) {
  const expected = max === undefined ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
  const atLeast = z.int({ error: expected }).min(min, { error: expected });
  return max === undefined ? atLeast : atLeast.max(max, { error: expected });
}

/** `one of a, b, c`, or just `a` when there is one choice. */
export function choices(values: readonly string[]): string {
  return values.length === 1 ? values[0]! : `one of ${values.join(', ')}`;
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: choices(values) });
}

/** A point: three coordinates. */
export function vec3(what: string) {
  return z.tuple([coordinate(), coordinate(), coordinate()], { error: `${what} [x, y, z]` });
}

function norm(v: readonly number[]): number {
  return Math.hypot(v[0]!, v[1]!, v[2]!);
}

/**
 * A direction or edge: any length from MIN_LENGTH, components within ±MAX_COORDINATE. Shorter
 * ones are refused because normalising them (x·x underflows below 1e-154) would give zero.
 */
export function direction(what = 'a direction') {
  const noun = what.replace(/^an? /, '');
  return vec3(what)
    .refine((v) => !v.every((x) => x === 0), { error: `a nonzero ${noun} [x, y, z]`, abort: true })
    .refine((v) => norm(v) >= MIN_LENGTH, { error: `${what} of length at least ${numberText(MIN_LENGTH)} ${FLOAT32_NOTE}` });
}

export function color() {
  const channel = magnitude();
  return z.tuple([channel, channel, channel], { error: 'a color [r, g, b] of 3 numbers >= 0' });
}

/** A reflectance: each channel in [0, 1]. */
export function albedo() {
  const channel = fraction();
  return z.tuple([channel, channel, channel], { error: 'a color [r, g, b] of 3 numbers from 0 to 1' });
}

export const white = (): Vec3 => [1, 1, 1];

/**
 * A strict object. `what` is the phrase for a value that is not an object; for unknown fields the
 * message is the known fields (load.ts turns it into "a known field (…)" with a suggestion).
 */
export function object<const T extends z.core.$ZodLooseShape>(what: string, shape: T) {
  const known = Object.keys(shape).filter((k) => !k.startsWith('$'));
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? known.join(', ') : what),
  });
}

/** A union discriminated on `type`; a bad or missing type reports the valid types. */
export function byType<const T extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]]>(
  what: string,
  types: readonly string[],
  options: T,
) {
  return z.discriminatedUnion('type', options, {
    error: (issue) => (issue.code === 'invalid_union' ? choices(types) : `${what} with a "type" (${types.join(', ')})`),
  });
}

// ---- Geometry for the refinements

export function sub(a: readonly number[], b: readonly number[]): Vec3 {
  return [a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!];
}

/**
 * Whether a and b are parallel for float32 (or one is zero): the sine of their angle, |a × b|
 * over |a|·|b|, below MIN_SINE.
 */
export function parallel(a: readonly number[], b: readonly number[]): boolean {
  const [ax, ay, az] = [a[0]!, a[1]!, a[2]!];
  const [bx, by, bz] = [b[0]!, b[1]!, b[2]!];
  const cross = Math.hypot(ay * bz - az * by, az * bx - ax * bz, ax * by - ay * bx);
  return cross < MIN_SINE * norm(a) * norm(b) || cross === 0;
}
