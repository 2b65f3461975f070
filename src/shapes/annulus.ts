import { ShapeLayout } from '../compile/layout.js';
import { z } from 'zod';
import { direction, length, object, vec3 } from '../scene/schemaLeaves.js';
import { diskBounds } from './disk.js';
import { defineShape, materialName, maxAbs } from './kind.js';
import { hitPlane, storedNormal } from './plane.js';

const Shape = ShapeLayout.offset;

/**
 * Where the annulus's fields sit in its Shape record (mirrored in shaders/shapes/annulus.wgsl):
 * the disk's centre, normal and radius (the outer one), so it shares the disk's bounds, and the hole's radius.
 */
const Annulus = { center: Shape.a, outerRadius: Shape.r, innerRadius: Shape.b } as const;

/** The plane hit, kept when it lies between the inner and the outer radius of the centre. */
export function hitAnnulus(s: Float32Array, base: number, ray: Float64Array, tMin: number): number {
  const t = hitPlane(s, base, ray, tMin);
  if (t === Infinity) return t;
  const c = base + Annulus.center;
  const qx = ray[0] + t * ray[3] - s[c], qy = ray[1] + t * ray[4] - s[c + 1], qz = ray[2] + t * ray[5] - s[c + 2];
  const q2 = qx * qx + qy * qy + qz * qz;
  const inner = s[base + Annulus.innerRadius], outer = s[base + Annulus.outerRadius];
  return q2 >= inner * inner && q2 < outer * outer ? t : Infinity;
}

export const annulus = defineShape({
  type: 'annulus',
  schema: object('a geometric object', {
    type: z.literal('annulus'),
    center: vec3('a point').describe('Center, world units.'),
    normal: direction('a normal').describe('Normal of the front face; nonzero, any length.'),
    innerRadius: length().describe('Radius of the hole, world units, from 1e-6 to 1e7.'),
    outerRadius: length().describe('Radius of the rim, world units: greater than innerRadius.'),
    material: materialName,
  }).superRefine((ring, ctx) => {
    if (!(ring.innerRadius < ring.outerRadius)) {
      ctx.addIssue({
        code: 'custom',
        path: ['outerRadius'],
        message: 'a length greater than innerRadius',
        params: { found: `${ring.outerRadius} (innerRadius is ${ring.innerRadius})` },
      });
    }
  }),
  pack: (o, record) => {
    record.vec3('a', o.center);
    record.unit('n', o.normal);
    record.f32('r', o.outerRadius);
    record.vec3('b', [o.innerRadius, 0, 0]);
  },
  scale: (o) => maxAbs(o.center) + o.outerRadius,
  bounds: diskBounds,
  hit: hitAnnulus,
  normal: storedNormal,
  wgsl: { file: 'shapes/annulus.wgsl', hit: 'hit_annulus', normal: 'stored_normal' },
});
