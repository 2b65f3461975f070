import { environmentPower } from '../lights/environment.js';
import { lightKindOf } from '../lights/light.js';
import { BvhNodeLayout, FrameLayout, LightLayout } from './layout.js';

const Frame = FrameLayout.offset;
const Light = LightLayout.offset;
const Node = BvhNodeLayout.offset;

/** A record buffer seen as floats and words at the same indices. */
interface Words {
  readonly f: Float32Array;
  readonly u: Uint32Array;
}

/**
 * The path tracer's light sample picks one light in proportion to its power (lights/kind.ts,
 * PowerFunction), so that a scene's bright lights take most of its samples and a dim one few:
 * writes each Light record's selectPdf and selectCdf and the frame's envSelectPdf, the
 * environment taking the top of [0, 1). Lights of no power are never picked; when no light has
 * any, every chance is 0 and the path tracer samples none. The area lights' areaPdf must be
 * written first.
 */
export function writeLightSelection(frame: Words, lights: Words, numLights: number, sceneRadius: number): void {
  const powers: number[] = [];
  for (let i = 0; i < numLights; i++) {
    const base = i * LightLayout.stride;
    powers.push(Math.max(0, lightKindOf(lights.u[base + Light.kind]).power(lights.f, lights.u, base, sceneRadius)));
  }
  const envPower = environmentPower(frame.f, frame.u, sceneRadius);
  const total = powers.reduce((sum, p) => sum + p, envPower);
  let cdf = 0;
  powers.forEach((power, i) => {
    const base = i * LightLayout.stride;
    const pdf = total > 0 ? power / total : 0;
    cdf += pdf;
    lights.f[base + Light.selectPdf] = pdf;
    lights.f[base + Light.selectCdf] = cdf;
  });
  frame.f[Frame.envSelectPdf] = total > 0 ? envPower / total : 0;
}

/**
 * Half the diagonal of the box around the BVH's shapes and the eye: the scale that power is
 * measured over (planes, unbounded, add nothing). 1 for a scene of planes alone.
 */
export function sceneRadius(nodes: ArrayBuffer, numNodes: number, eye: readonly number[]): number {
  const lo = [eye[0], eye[1], eye[2]], hi = [eye[0], eye[1], eye[2]];
  if (numNodes > 0) {
    const f = new Float32Array(nodes);
    for (let c = 0; c < 3; c++) {
      lo[c] = Math.min(lo[c], f[Node.min + c]);
      hi[c] = Math.max(hi[c], f[Node.max + c]);
    }
  }
  const radius = 0.5 * Math.hypot(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]);
  return radius > 0 ? radius : 1;
}
