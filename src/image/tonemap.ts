/**
 * Tone maps for 8-bit output: each takes a linear channel value (the film after exposure) to
 * [0, 1], before the sRGB transfer function. Pure functions of one channel, so hue shifts where
 * channels saturate at different rates, as these curves are commonly used.
 */

export const TONEMAPS = ['clamp', 'aces', 'reinhard'] as const;
export type Tonemap = (typeof TONEMAPS)[number];

/** How the linear film becomes display values: film × 2^exposure, then the tone map. */
export interface DisplayTransform {
  /** Stops: the film is multiplied by 2^exposure. */
  exposure: number;
  tonemap: Tonemap;
}

export const DEFAULT_DISPLAY: DisplayTransform = { exposure: 0, tonemap: 'clamp' };

/** Clips to [0, 1]: the default, what 8-bit output has always done. NaN stays NaN (stored as 0). */
export function clampUnit(x: number): number {
  return x <= 0 ? 0 : x >= 1 ? 1 : x;
}

/**
 * Krzysztof Narkowicz's 2015 fit of the ACES filmic curve, x(2.51x + 0.03) / (x(2.43x + 0.59) + 0.14),
 * clipped to [0, 1] (it reaches 1 near x = 7.24). Applied as written, with no pre-exposure
 * factor: --exposure is that knob. Negative and NaN inputs give 0.
 */
export function acesFilmic(x: number): number {
  if (!(x > 0)) return 0;
  // Past the crossing the rational function stays above 1; Infinity would give Infinity/Infinity.
  if (x >= 8) return 1;
  return Math.min(1, (x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14));
}

/** Reinhard's simple operator x / (1 + x) per channel. Negative and NaN inputs give 0. */
export function reinhard(x: number): number {
  if (!(x > 0)) return 0;
  return x === Infinity ? 1 : x / (1 + x);
}

export const TONEMAP_CURVES: Readonly<Record<Tonemap, (x: number) => number>> = {
  clamp: clampUnit,
  aces: acesFilmic,
  reinhard,
};
