import { glMatrix, vec3 } from 'gl-matrix';

/**
 * gl-matrix for the setup layer, in float64: its default Float32Array would round the camera
 * basis before compile/ stores it, and the CPU kernel computes in float64 from there.
 */
glMatrix.setMatrixArrayType(Array);

export { vec3 };

/** A point, direction or RGB triple. Colours are linear RGB, each channel >= 0. */
export type Vec3 = [number, number, number];
