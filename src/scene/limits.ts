/**
 * The ranges a scene's numbers must keep so that the GPU, which computes in float32 (largest
 * finite value about 3.4e38, smallest normal 1.2e-38, 24 significant bits), neither overflows
 * nor divides by zero. Values beyond them used to render black or put NaN in the film; now the
 * loader refuses them with the field's path.
 *
 * The reasoning, once: intersection tests multiply at most three coordinate differences (the
 * rectangle's |a × b|², a 4th power of edge lengths, is the worst case), shading multiplies a
 * coefficient, a colour and a light's radiance · colour, and a film pixel sums at most
 * MAX_SAMPLES samples of that. With the bounds below every such product stays between 1e-36 and
 * 1e30, inside float32's range with room to spare.
 */
import { WHITTED_STACK_SIZE } from '../compile/layout.js';

/**
 * Largest absolute coordinate of a point, world units. At 1e7 float32 still resolves one unit;
 * squared distances across the whole world (about 1.2e15) and the cubic terms of the
 * intersection tests (about 1e23) stay far below float32's 3.4e38.
 */
export const MAX_COORDINATE = 1e7;
/**
 * Shortest length (radius, distance, edge or direction length), world units: its square is
 * 1e-12, and the 4th power of a rectangle's edges 1e-24 (more after the angle), still normal
 * float32 numbers whose reciprocals are finite.
 */
export const MIN_LENGTH = 1e-6;
/** Longest length, world units: no longer than the world is wide (see MAX_COORDINATE). */
export const MAX_LENGTH = 1e7;
/**
 * Range of dimensionless ratios (zoom, index of refraction): their reciprocals are used too, so
 * the range is symmetric about 1; a pixel scaled by 1e6 still squares inside float32.
 */
export const MIN_RATIO = 1e-6;
export const MAX_RATIO = 1e6;
/**
 * Largest colour channel, radiance, reflection coefficient and exponent: one shading term
 * multiplies up to four of them (kd · colour · radiance · light colour, 1e24 at most).
 */
export const MAX_MAGNITUDE = 1e6;
/**
 * Smallest vertical field of view, degrees. Narrower, the view distance of a 200-pixel-high
 * image passes 1e7 pixels, and neighbouring pixels' float32 ray directions no longer differ.
 */
export const MIN_FOV = 0.001;
/**
 * Smallest angle between a rectangle's edges or a triangle's sides, as its sine: float32 cross
 * products of vectors closer to parallel than this are mostly rounding error.
 */
export const MIN_SINE = 1e-6;
/**
 * Most bounces a tracer follows. A path that loses nothing at a bounce (a closed white room,
 * two facing mirrors) runs to maxDepth, so this bounds the work per camera sample at 257 rays;
 * beyond 256 bounces a surface of albedo up to 0.94 adds less than float32 resolves to the
 * pixel (0.94^256 < 2^-22). Bounce d draws sample dimension bsdf + d (compile/layout.ts), so
 * past 32 bounces the samples repeat dimensions, which costs stratification but no errors.
 */
export const MAX_DEPTH = 256;
/**
 * Most bounces under the whitted and areaLighting tracers: their loop keeps its pending rays in
 * a stack of WHITTED_STACK_SIZE entries, which holds maxDepth + 1 of them, so deeper branches
 * would be dropped, not followed. The bound also bounds the work: a ray that meets glass splits
 * in two, so a camera sample trapped between glass and mirrors casts up to 2^(maxDepth + 1) rays
 * (at maxDepth 24, measured: 4 million rays for 9 camera samples).
 */
export const MAX_WHITTED_DEPTH = WHITTED_STACK_SIZE - 1;
/**
 * Largest half-extent of what a camera's rays start from or aim at, world units: an
 * orthographic view's half-width, measured against MAX_COORDINATE (its rays start in the
 * world), and a thin lens's focal-plane half-width, whose square must stay finite in float32.
 */
export const MAX_FOCAL_EXTENT = 1e15;

/** Messages share this note: the bound is float32's, not taste. */
export const FLOAT32_NOTE = '(float32 range)';
