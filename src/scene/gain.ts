/**
 * The light a material sends on at a bounce the tracer follows, against what it receives. Above
 * 1 the radiance along a path grows at every bounce; sceneWarnings warns of it, and overflowProblem
 * refuses a scene where it could pass what float32 holds within maxDepth bounces.
 */
import type { BounceGain } from '../materials/kind.js';
import { MaterialKind, materialKindOf } from '../materials/material.js';
import type { Scene, SceneMaterial, Vec3 } from './types.js';

/**
 * Largest growth a path's weight may reach over maxDepth bounces. One shading term is at most
 * 1e24 (limits.ts, MAX_MAGNITUDE) and a pixel sums up to 65,536 samples, so a weight of 1e6
 * leaves 6.6e34 a light, under float32's 3.4e38.
 */
export const MAX_PATH_GAIN = 1e6;

/** The materials objects use, by name (a material no object names cannot light anything). */
export function usedMaterials(scene: Scene): [string, SceneMaterial][] {
  const names = new Set(scene.objects.map((o) => o.material));
  return Object.entries(scene.materials).filter(([name]) => names.has(name));
}

export interface GainProblem {
  path: PropertyKey[];
  expected: string;
  found: string;
}

/**
 * The first material whose gain, compounded over maxDepth bounces, could overflow float32 in the
 * film (Infinity, then NaN where it meets a zero): such a scene cannot render a finite image.
 */
export function overflowProblem(scene: Scene): GainProblem | undefined {
  const depth = scene.image.maxDepth;
  for (const [name, m] of usedMaterials(scene)) {
    const gain = bounceGain(m, scene.tracer);
    if (gain === undefined) continue;
    const largest = Math.max(...gain.value);
    if (largest <= 1 || largest ** depth <= MAX_PATH_GAIN) continue;
    const allowed = MAX_PATH_GAIN ** (1 / depth);
    return {
      path: ['materials', name],
      expected: `${gain.what} of at most ${allowed.toPrecision(3)} a channel at maxDepth ${depth}, so that light bouncing between such surfaces stays within float32 (or a lower image.maxDepth)`,
      found: `${largest}`,
    };
  }
  return undefined;
}

/** The weight a followed bounce gives the light it carries, per channel, and what it is made of (each kind's gain, materials/). */
export function bounceGain(m: SceneMaterial, tracer: Scene['tracer']): { what: string; value: Vec3 } | undefined {
  if (tracer.type === 'rayCast') return undefined; // follows no bounce
  const gain = materialKindOf(MaterialKind[m.type]).gain as ((m: SceneMaterial, pathTrace: boolean) => BounceGain | undefined) | undefined;
  // Without one: albedos, the conductor's F0, fuzz and filters are at most 1; emitters end the path.
  const found = gain?.(m, tracer.type === 'pathTrace');
  return found === undefined ? undefined : { what: found.what, value: [...found.value] };
}
