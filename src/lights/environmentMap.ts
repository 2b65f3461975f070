import { envMapLayout } from '../compile/layout.js';

/** An equirectangular image as decoded: linear RGB, 3 floats a texel, row 0 straight up. */
export interface EnvironmentImage {
  readonly width: number;
  readonly height: number;
  readonly rgb: Float32Array;
}

/** An image environment packed for the kernels (compile/layout.ts envMapLayout) and its mean radiance. */
export interface PackedEnvironmentMap {
  readonly words: Float32Array;
  /** Mean radiance over directions (each texel by its solid angle) and channels. */
  readonly mean: number;
}

/**
 * Packs an image environment: its texels times `scale` (color · radiance, per channel), and the
 * piecewise-constant 2-D distribution that lights/environment.ts samples (pbrt-v4's
 * PiecewiseConstant2D): texel (i, j) weighs its channel mean times sin θ at its row's centre, the
 * share of the sphere an equirectangular texel covers, so the density over (u, v) is
 * weight / mean weight; the marginal CDF over rows sums the rows' weights, each row's conditional
 * CDF its texels'. A row (or a map) of no weight gets a uniform CDF, so that every CDF rises from
 * 0 to 1; its density stays 0. Sums in float64, stored as float32, each CDF's last entry exactly 1.
 */
export function packEnvironmentMap(image: EnvironmentImage, scale: readonly number[]): PackedEnvironmentMap {
  const { width: w, height: h, rgb } = image;
  const layout = envMapLayout(w, h);
  const words = new Float32Array(layout.words);
  const weights = new Float64Array(w * h);
  let radianceSum = 0, weightSum = 0;
  for (let j = 0; j < h; j++) {
    const sinTheta = Math.sin((Math.PI * (j + 0.5)) / h);
    // Solid angle of row j's texels relative to the sphere's mean per texel.
    const solidAngle = ((Math.cos((Math.PI * j) / h) - Math.cos((Math.PI * (j + 1)) / h)) / 2) * h;
    for (let i = 0; i < w; i++) {
      const texel = j * w + i;
      let channelSum = 0;
      for (let c = 0; c < 3; c++) {
        const radiance = rgb[3 * texel + c] * scale[c];
        words[3 * texel + c] = radiance;
        channelSum += radiance;
      }
      radianceSum += (channelSum / 3) * solidAngle;
      weights[texel] = (channelSum / 3) * sinTheta;
      weightSum += weights[texel];
    }
  }
  const meanWeight = weightSum / (w * h);
  const rowSums = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    const row = layout.conditionalStart + j * (w + 1);
    let sum = 0;
    for (let i = 0; i < w; i++) sum += weights[j * w + i];
    rowSums[j] = sum;
    writeCdf(words, row, w, (i) => weights[j * w + i], sum);
  }
  writeCdf(words, layout.marginalStart, h, (j) => rowSums[j], weightSum);
  for (let texel = 0; texel < w * h; texel++) {
    words[layout.pdfStart + texel] = meanWeight > 0 ? weights[texel] / meanWeight : 0;
  }
  return { words, mean: radianceSum / (w * h) };
}

/** The CDF of n weights summing to `total` into words[start .. start + n], uniform when total is 0. */
function writeCdf(words: Float32Array, start: number, n: number, weight: (k: number) => number, total: number): void {
  let cdf = 0;
  words[start] = 0;
  for (let k = 0; k < n; k++) {
    cdf += total > 0 ? weight(k) / total : 1 / n;
    words[start + k + 1] = cdf;
  }
  words[start + n] = 1;
}
