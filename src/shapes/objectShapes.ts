/**
 * The shape kinds an instance can place (every kind but the instance itself, which shapes/shape.ts
 * enrols last, so that these keep their numbers in SHAPES), and the dispatches over them that an
 * instance calls in its own space. A separate list because WGSL allows no recursion: hit_shape
 * reaches an instance, whose hit reaches hit_object, which reaches no instance.
 */
import { ShapeLayout, wgslKindName } from '../compile/layout.js';
import type { SceneView } from '../compile/packed.js';
import { cpuDispatch, kindOf, wgslDispatch } from '../compile/registry.js';
import { annulus } from './annulus.js';
import { box } from './box.js';
import { cone } from './cone.js';
import { disk } from './disk.js';
import type { ShapeKindDefinition } from './kind.js';
import { mesh } from './mesh.js';
import { openCylinder } from './openCylinder.js';
import { plane } from './plane.js';
import { rectangle } from './rectangle.js';
import { solidCone } from './solidCone.js';
import { solidCylinder } from './solidCylinder.js';
import { sphere } from './sphere.js';
import { torus } from './torus.js';
import { triangle } from './triangle.js';

/** The enrolled kinds but the instance, one line each. */
export const OBJECT_SHAPES = [sphere, plane, disk, rectangle, box, triangle, torus, openCylinder, solidCylinder, cone, solidCone, annulus, mesh] as const;

/** The instance's kind number: it comes after all of these. */
export const INSTANCE_KIND = OBJECT_SHAPES.length + 1;

export function objectShapeKindOf(kind: number): ShapeKindDefinition {
  return kindOf<ShapeKindDefinition>('shape', OBJECT_SHAPES, kind);
}

const dispatch = { family: 'shape', kinds: OBJECT_SHAPES as readonly ShapeKindDefinition[], selector: `kinds[base + ${ShapeLayout.offset.kind}]` } as const;

/** hitShape over the kinds an instance places. */
export const hitObject = cpuDispatch<(s: Float32Array, kinds: Uint32Array, base: number, ray: Float64Array, tMin: number, scene: SceneView) => number, ShapeKindDefinition>({
  ...dispatch, name: 'hitObject', params: 's, kinds, base, ray, tMin, scene', args: 's, base, ray, tMin, scene', pick: (kind) => kind.hit, returns: true,
});

/** shapeNormal over the kinds an instance places. */
export const objectNormal = cpuDispatch<(s: Float32Array, kinds: Uint32Array, base: number, px: number, py: number, pz: number, out: Float64Array, scene: SceneView) => void, ShapeKindDefinition>({
  ...dispatch, name: 'objectNormal', params: 's, kinds, base, px, py, pz, out, scene', args: 's, base, px, py, pz, out, scene', pick: (kind) => kind.normal, returns: false,
});

/** hit_object and object_normal, the WGSL twins of the two above. */
export function objectShapeWgsl(): string {
  // An instance never places an instance: it falls to the default.
  const wgsl = { prefix: 'SHAPE', kinds: OBJECT_SHAPES as readonly ShapeKindDefinition[], selector: 'shapes[i].kind', others: [wgslKindName('SHAPE', 'instance')] } as const;
  return [
    '// hit_shape and shape_normal over the kinds an instance places (src/shapes/objectShapes.ts).',
    wgslDispatch({ ...wgsl, signature: 'hit_object(i: u32, ray: Ray, t_min: f32) -> f32', call: (kind) => `${kind.wgsl.hit}(i, ray, t_min)`, fallback: 'T_MAX' }),
    wgslDispatch({ ...wgsl, signature: 'object_normal(i: u32, p: vec3f) -> vec3f', call: (kind) => `${kind.wgsl.normal}(i, p)`, fallback: 'vec3f(0.0, 0.0, 1.0)' }),
    '',
  ].join('\n');
}
