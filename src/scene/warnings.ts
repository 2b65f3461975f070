/**
 * Warnings about a valid scene: causes of a black or overflowing image that show without
 * rendering. The CLI prints each as `dualray: warning: <file>: <text>`; they never fail a command.
 */
import { formatPath } from './errors.js';
import { bounceGain, usedMaterials } from './gain.js';
import type { Scene } from './types.js';

/** What sceneWarnings finds, one sentence each, without the file name. */
export function sceneWarnings(scene: Scene): string[] {
  const warnings: string[] = [];
  const dark = darkness(scene);
  if (dark !== undefined) warnings.push(dark);
  warnings.push(...amplifiers(scene));
  return warnings;
}

const bright = (color: readonly number[], scale = 1): boolean => color.some((c) => c * scale > 0);

/**
 * Why no light can reach the camera, if none can. What counts depends on the tracer: rayCast
 * shades by lights, ambient and environment only (an emissive surface shades black there);
 * whitted and areaLighting also show emissive surfaces; pathTrace sees emission, what escaping
 * rays see (the environment, else the background) and, with next-event estimation, the lights.
 */
function darkness(scene: Scene): string | undefined {
  let sky = bright(scene.background);
  for (const light of scene.lights) {
    if (light.type !== 'environment') continue;
    sky = 'gradient' in light ? bright(light.gradient.bottom) || bright(light.gradient.top) : bright(light.color, light.radiance);
  }
  const emitters = usedMaterials(scene).some(([, m]) => m.type === 'emissive' && bright(m.color, m.radiance));
  const lamps = scene.lights.some((l) => l.type !== 'environment' && bright(l.color, l.radiance));
  if (scene.tracer.type === 'pathTrace') {
    // Its light samples see the lights too; its bounces alone, only what they can hit.
    if (sky || emitters || (lamps && scene.tracer.nee === true)) return undefined;
    return 'nothing gives off light that the pathTrace tracer sees (no emissive object with radiance above 0, no environment light and a black background): the image will be black';
  }
  const ambient = bright(scene.ambient.color, scene.ambient.radiance);
  if (sky || lamps || ambient || (emitters && scene.tracer.type !== 'rayCast')) return undefined;
  const note = emitters ? ' (emissive objects give no light under rayCast: use areaLighting or pathTrace)' : '';
  return `nothing gives off light (no light with radiance above 0, no ambient radiance, no environment light and a black background${emitters ? '' : ', no emissive object'}): the image will be black${note}`;
}

/**
 * Materials that send on more light than they receive at a bounce the tracer follows: between
 * two of them radiance grows at every bounce, up to maxDepth, and can overflow to Infinity (and
 * NaN where it meets a zero). Left to the user, since a few such bounces are harmless; gains
 * that could overflow float32 within maxDepth bounces are refused (gain.ts).
 */
function amplifiers(scene: Scene): string[] {
  if (scene.tracer.type === 'rayCast') return [];
  const warnings: string[] = [];
  for (const [name, m] of usedMaterials(scene)) {
    const gain = bounceGain(m, scene.tracer);
    if (gain === undefined || Math.max(...gain.value) <= 1) continue;
    warnings.push(
      `${formatPath(['materials', name])} reflects more light than it receives (${gain.what} up to ${Math.max(...gain.value)}): ` +
        'light bouncing between such surfaces grows at every bounce and can overflow',
    );
  }
  return warnings;
}
