/**
 * Word offsets into the shading record (TraceContext.shading, 9 float64s): the point being
 * shaded, as BRDFs (materials/), ambient occlusion (lights/ambient.ts) and direct lighting read
 * it. A record, not arguments: V8 boxes fractional numbers passed to functions it does not inline.
 */
export const Shading = {
  /** The hit point, lifted off the surface to the side the ray arrived from. */
  px: 0, py: 1, pz: 2,
  /** The unit normal on the side the ray arrived from. */
  nx: 3, ny: 4, nz: 5,
  /** wo: the unit direction toward where the ray came from. */
  wox: 6, woy: 7, woz: 8,
  /** Words in the record. */
  size: 9,
} as const;
