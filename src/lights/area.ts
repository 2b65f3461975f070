import { LightLayout } from '../compile/layout.js';
import { defineAreaLight, meanRadiance } from './kind.js';

/**
 * Word offsets into the record an area light's shape sample writes (TraceContext.areaSample, 6
 * float64s): each kind that can be an area light has its own sampler (shapes/kind.ts,
 * areaSample), dispatched by sampleAreaLight in shapes/shape.ts. Twin of AreaSample in
 * shaders/lights/area.wgsl.
 */
export const AreaSample = {
  /** The point q on the light. */
  qx: 0, qy: 1, qz: 2,
  /** The light's unit normal at q. */
  nx: 3, ny: 4, nz: 5,
  /** Words in the record. */
  size: 6,
} as const;

/**
 * Area lights: compile/ makes one per emissive shape that can be sampled, under a tracer that
 * wants them (tracers/kind.ts, areaLights); no scene names one. Direct lighting samples the
 * shape (sampleAreaLight, shapes/shape.ts) for its estimate, areaLight in tracers/direct.ts.
 */
export const area = defineAreaLight({
  type: 'area',
  schema: null,
  // One-sided Lambertian emitter of radiance L and area A: π·A·L.
  power: (l, _lu, base) => (Math.PI * meanRadiance(l, base)) / l[base + LightLayout.offset.areaPdf],
  wgsl: { file: 'lights/area.wgsl' },
});
