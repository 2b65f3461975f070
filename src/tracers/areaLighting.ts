import { defineTracer } from './kind.js';
import { traceWhitted, WHITTED_MAX_DEPTH } from './whitted.js';

/**
 * The book's AreaLighting tracer (RTFTGU ch. 18): the Whitted loop with area lights, one per
 * emissive shape whose kind can be sampled (rectangles, disks, spheres), lit with shadow rays.
 */
export const areaLighting = defineTracer({
  type: 'areaLighting',
  trace: traceWhitted,
  maxDepth: WHITTED_MAX_DEPTH,
  areaLights: true,
  wgsl: { file: 'tracers/whitted.wgsl', trace: 'trace_whitted' },
});
