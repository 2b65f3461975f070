/**
 * Exact Fresnel reflectance of an unpolarised ray at a smooth dielectric boundary (RTFTGU §27.5,
 * the book's FresnelReflector::fresnel): eta is the relative index, that of the medium entered
 * over that of the one left; cosi the cosine between the incident ray's reversal and the normal
 * on its side. Returns kr in [0, 1]; the transmitted fraction is kt = 1 − kr. Under total
 * internal reflection (cos²θt < 0) it is 1. Mirrored by shaders/materials/fresnel.wgsl.
 */
export function fresnel(eta: number, cosi: number): number {
  const cos2tSquared = 1 - (1 - cosi * cosi) / (eta * eta);
  if (cos2tSquared < 0) return 1;
  const cost = Math.sqrt(cos2tSquared);
  const rPar = (eta * cosi - cost) / (eta * cosi + cost);
  const rPerp = (cosi - eta * cost) / (cosi + eta * cost);
  return 0.5 * (rPar * rPar + rPerp * rPerp);
}
