/**
 * Writes scenes/sky.hdr, the small equirectangular map scenes/environment-map.json is lit by and
 * the tests sample: a sky from a pale horizon to a deep blue zenith, a dim ground below the
 * horizon, and a small bright sun 30° up, to the camera's right and behind it. 128 × 64 texels,
 * Radiance RGBE, uncompressed (HDRLoader reads flat scanlines as well as run-length ones).
 *
 *   npx tsx scripts/sky-map.ts [out.hdr]
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WIDTH = 128;
const HEIGHT = 64;
/** The sun's centre, as u = φ/2π and v = θ/π of the map (lights/environment.ts), and its angular radius. */
const SUN = { u: 0.85, v: 1 / 3, radius: (2.5 * Math.PI) / 180, radiance: [400, 360, 300] };

/** Linear radiance of the map at texel centre (i, j). */
function radiance(i: number, j: number): [number, number, number] {
  const theta = (Math.PI * (j + 0.5)) / HEIGHT, phi = (2 * Math.PI * (i + 0.5)) / WIDTH;
  const d = [-Math.sin(theta) * Math.sin(phi), Math.cos(theta), Math.sin(theta) * Math.cos(phi)];
  const sunTheta = Math.PI * SUN.v, sunPhi = 2 * Math.PI * SUN.u;
  const s = [-Math.sin(sunTheta) * Math.sin(sunPhi), Math.cos(sunTheta), Math.sin(sunTheta) * Math.cos(sunPhi)];
  const angle = Math.acos(Math.min(1, d[0] * s[0] + d[1] * s[1] + d[2] * s[2]));
  if (angle < SUN.radius) return SUN.radiance as [number, number, number];
  if (d[1] < 0) return [0.25, 0.22, 0.18];
  const t = Math.sqrt(d[1]);
  return [0.9 - 0.7 * t, 0.95 - 0.55 * t, 1.0 - 0.2 * t];
}

/** One RGBE texel: a shared exponent e with max(r, g, b) = m · 2^(e − 128 − 8), m < 256. */
function rgbe(r: number, g: number, b: number, out: Uint8Array, at: number): void {
  const max = Math.max(r, g, b);
  if (max < 1e-32) {
    out.fill(0, at, at + 4);
    return;
  }
  const exponent = Math.floor(Math.log2(max)) + 1;
  const scale = 256 / 2 ** exponent;
  out[at] = Math.min(255, Math.floor(r * scale));
  out[at + 1] = Math.min(255, Math.floor(g * scale));
  out[at + 2] = Math.min(255, Math.floor(b * scale));
  out[at + 3] = exponent + 128;
}

const header = `#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y ${HEIGHT} +X ${WIDTH}\n`;
const pixels = new Uint8Array(WIDTH * HEIGHT * 4);
for (let j = 0; j < HEIGHT; j++) {
  for (let i = 0; i < WIDTH; i++) rgbe(...radiance(i, j), pixels, (j * WIDTH + i) * 4);
}
const out = process.argv[2] ?? fileURLToPath(new URL('../scenes/sky.hdr', import.meta.url));
writeFileSync(out, Buffer.concat([Buffer.from(header, 'latin1'), pixels]));
console.log(`wrote ${out}: ${WIDTH} × ${HEIGHT}`);
