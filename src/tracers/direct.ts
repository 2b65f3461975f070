import { EnvKind, FrameLayout, LightLayout, MaterialLayout, SampleDimension, ShapeLayout } from '../compile/layout.js';
import { ambientRadiance } from '../lights/ambient.js';
import { sampleAreaLight } from '../shapes/shape.js';
import { environmentRadiance } from '../lights/environment.js';
import { lightAttenuation, lightDirection, LightKind } from '../lights/light.js';
import { materialBrdf } from '../materials/material.js';
import { squareToCosineAbout } from '../samplers/mapping.js';
import { setStart } from '../samplers/select.js';
import { anyHit } from '../shapes/intersect.js';
import { LIGHT_DIMENSIONS, PI, SHADOW_RAY_SHORTENING } from '../compile/constants.js';
import type { TraceContext } from './context.js';

const Frame = FrameLayout.offset;
const Material = MaterialLayout.offset;
const Light = LightLayout.offset;

/**
 * Direct lighting at a surface point, the body of the book's Matte::shade and Phong::shade
 * (RTFTGU §14.6, §16.3): ka·cd·ambient + Σ f(wi, wo)·Li·(n·wi) over lights that see the point,
 * Li being the light's stored radiance times its attenuation (lights/kind.ts). The point p (already lifted off the surface), its normal n (facing wo) and wo are read from
 * ctx.shading. Writes radiance to out[0..2].
 * An area light (RTFTGU ch. 18) adds one sample per camera sample j: a point q on its shape from
 * sample j of the pixel's set for dimension light + (light index mod LIGHT_DIMENSIONS), with the estimate
 * f·Le·(n·wi)·(nl·−wi)/(d²·pdf) when q's emitting side faces p and q is visible. An environment
 * light adds one sample too (environmentLight).
 */
export function directLighting(ctx: TraceContext, materialBase: number, j: number, out: Float64Array): void {
  const m = ctx.scene.materials, mu = ctx.scene.materialsU, at = ctx.shading;
  const px = at[0], py = at[1], pz = at[2], nx = at[3], ny = at[4], nz = at[5];
  const amb = ctx.ambient;
  ambientRadiance(ctx, j, amb);
  const ka = m[materialBase + Material.ka];
  out[0] = ka * m[materialBase + Material.color] * amb[0];
  out[1] = ka * m[materialBase + Material.color + 1] * amb[1];
  out[2] = ka * m[materialBase + Material.color + 2] * amb[2];

  const l = ctx.scene.lights, lu = ctx.scene.lightsU, wi = ctx.wi, f = ctx.brdf, shadow = ctx.shadowRay;
  const end = ctx.numLights * LightLayout.stride;
  for (let base = 0, i = 0; base < end; base += LightLayout.stride, i++) {
    if (lu[base + Light.kind] === LightKind.area) {
      areaLight(ctx, materialBase, base, i, j, out);
      continue;
    }
    const dist = lightDirection(l, lu, base, px, py, pz, wi);
    const ndotwi = nx * wi[0] + ny * wi[1] + nz * wi[2];
    if (ndotwi <= 0) continue;
    // Outside a spot's cone nothing arrives: no shadow ray.
    const attenuation = lightAttenuation(l, lu, base, wi, dist);
    if (attenuation <= 0) continue;
    if (lu[base + Light.shadows] !== 0) {
      ctx.rays++;
      shadow[0] = px; shadow[1] = py; shadow[2] = pz; shadow[3] = wi[0]; shadow[4] = wi[1]; shadow[5] = wi[2];
      if (anyHit(ctx.scene, ctx.numShapes, shadow, 0, dist)) continue;
    }
    materialBrdf(m, mu, materialBase, at, wi, f);
    out[0] += f[0] * (l[base + Light.radiance] * attenuation) * ndotwi;
    out[1] += f[1] * (l[base + Light.radiance + 1] * attenuation) * ndotwi;
    out[2] += f[2] * (l[base + Light.radiance + 2] * attenuation) * ndotwi;
  }
  if (ctx.scene.frameU[Frame.envKind] !== EnvKind.none) environmentLight(ctx, materialBase, j, out);
}

/**
 * Adds the environment light's one-sample estimate at ctx.shading's point to out[0..2] (the book's
 * EnvironmentLight, RTFTGU §18.10): a cosine-weighted direction wi about n from sample j of the
 * pixel's set for dimension environment, and, when nothing blocks it, f·Le(wi)·(n·wi)/pdf with
 * pdf = (n·wi)/π, that is f·Le(wi)·π.
 */
function environmentLight(ctx: TraceContext, materialBase: number, j: number, out: Float64Array): void {
  const scene = ctx.scene, at = ctx.shading, f = ctx.brdf, le = ctx.env, shadow = ctx.shadowRay;
  const nx = at[3], ny = at[4], nz = at[5];
  const s = setStart(scene.frameU, ctx.pixelKey, SampleDimension.environment) + 2 * j;
  shadow[0] = at[0]; shadow[1] = at[1]; shadow[2] = at[2];
  squareToCosineAbout(scene.samples[s], scene.samples[s + 1], nx, ny, nz, ctx.warp, ctx.basis, shadow, 3);
  const wix = shadow[3], wiy = shadow[4], wiz = shadow[5];
  if (nx * wix + ny * wiy + nz * wiz <= 0) return;
  ctx.rays++;
  if (anyHit(scene, ctx.numShapes, shadow, 0, Infinity)) return;
  environmentRadiance(scene.frame, scene.frameU, scene.envMap, wix, wiy, wiz, le);
  const wi = ctx.wi;
  wi[0] = wix; wi[1] = wiy; wi[2] = wiz;
  materialBrdf(scene.materials, scene.materialsU, materialBase, at, wi, f);
  out[0] += f[0] * le[0] * PI;
  out[1] += f[1] * le[1] * PI;
  out[2] += f[2] * le[2] * PI;
}

/** Adds area light i's (record at base) one-sample estimate at ctx.shading's point to out[0..2]. */
function areaLight(ctx: TraceContext, materialBase: number, base: number, i: number, j: number, out: Float64Array): void {
  const scene = ctx.scene, l = scene.lights, lu = scene.lightsU, wi = ctx.wi, f = ctx.brdf, q = ctx.areaSample, at = ctx.shading;
  const px = at[0], py = at[1], pz = at[2], nx = at[3], ny = at[4], nz = at[5];
  const s = setStart(scene.frameU, ctx.pixelKey, SampleDimension.light + (i % LIGHT_DIMENSIONS)) + 2 * j;
  const pdf = sampleAreaLight(
    scene.shapes, scene.shapesU, lu[base + Light.shape] * ShapeLayout.stride, scene.samples[s], scene.samples[s + 1], ctx.basis, q,
  );
  const x = q[0] - px, y = q[1] - py, z = q[2] - pz;
  const d2 = x * x + y * y + z * z;
  const d = Math.sqrt(d2);
  wi[0] = x / d; wi[1] = y / d; wi[2] = z / d;
  const ndotwi = nx * wi[0] + ny * wi[1] + nz * wi[2];
  if (ndotwi <= 0) return;
  // One-sided: only the side nl points to emits.
  const cosl = -(q[3] * wi[0] + q[4] * wi[1] + q[5] * wi[2]);
  if (cosl <= 0) return;
  ctx.rays++;
  const shadow = ctx.shadowRay;
  shadow[0] = px; shadow[1] = py; shadow[2] = pz; shadow[3] = wi[0]; shadow[4] = wi[1]; shadow[5] = wi[2];
  // Stop short of q so that the light's own shape does not block it.
  if (anyHit(scene, ctx.numShapes, shadow, 0, d * (1 - SHADOW_RAY_SHORTENING))) return;
  materialBrdf(scene.materials, scene.materialsU, materialBase, at, wi, f);
  const g = ndotwi * cosl / (d2 * pdf);
  out[0] += f[0] * l[base + Light.radiance] * g;
  out[1] += f[1] * l[base + Light.radiance + 1] * g;
  out[2] += f[2] * l[base + Light.radiance + 2] * g;
}
