import { glMatrix, vec3 } from 'gl-matrix';

/**
 * gl-matrix for the setup layer, in float64: its default Float32Array would round the camera
 * basis before compile/ stores it, and the CPU kernel computes in float64 from there.
 */
glMatrix.setMatrixArrayType(Array);

export { vec3 };
