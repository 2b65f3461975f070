/**
 * Limits on what a camera sees as a whole, which depend on the image size as well as the camera
 * (so they are checked on the resolved scene, and again when --size changes it).
 */
import { MAX_COORDINATE, MAX_FOCAL_EXTENT } from './limits.js';
import { numberText } from './schemaLeaves.js';
import type { SceneCamera } from './types.js';
import { viewDistanceOf } from '../cameras/kind.js';

export { DEFAULT_FOV } from '../cameras/kind.js';

export interface ViewProblem {
  path: PropertyKey[];
  expected: string;
  found: string;
}

/**
 * An orthographic camera's rays start across its whole view, so the view must fit in the world
 * (MAX_COORDINATE either side). A thin lens aims at points of its focal plane, in camera space,
 * whose distance squared float32 must hold (MAX_FOCAL_EXTENT). A pinhole needs nothing more than
 * its fields' own ranges: its widest ray, (x / zoom, y / zoom, -d), squares to at most 1e27.
 * A stereo pair splits the width minus its gap into two equal halves.
 */
export function viewProblem(camera: SceneCamera, width: number, height: number): ViewProblem | undefined {
  const halfPixels = Math.max(width, height) / 2;
  if (camera.type === 'orthographic') {
    const across = (2 * halfPixels * camera.pixelSize) / camera.zoom;
    if (across <= 2 * MAX_COORDINATE) return undefined;
    return {
      path: ['camera', 'pixelSize'],
      expected: `an orthographic view at most ${numberText(2 * MAX_COORDINATE)} world units across, max(width, height) × pixelSize / zoom (float32 range)`,
      found: `${Math.max(width, height)} × ${numberText(camera.pixelSize)} / ${numberText(camera.zoom)} = ${numberText(across)}`,
    };
  }
  if (camera.type === 'stereo') {
    if (camera.gap < width && (width - camera.gap) % 2 === 0) return undefined;
    return {
      path: ['camera', 'gap'],
      expected: 'a gap less than image.width that leaves an even number of pixels for the two halves',
      found: `gap ${camera.gap} in an image ${width} pixels wide`,
    };
  }
  if (camera.type !== 'thinLens') return undefined;
  // The loader has resolved the focal distance.
  const focalDistance = camera.focalDistance!;
  const d = viewDistanceOf(camera, height);
  const across = (2 * focalDistance * halfPixels) / (camera.zoom * d);
  if (across <= 2 * MAX_FOCAL_EXTENT) return undefined;
  return {
    path: ['camera', 'focalDistance'],
    expected: `a thin-lens view at most ${numberText(2 * MAX_FOCAL_EXTENT)} world units across at the focal plane (float32 range)`,
    found: `${numberText(across)} (focalDistance ${numberText(focalDistance)}, view distance ${numberText(d)} pixels, zoom ${numberText(camera.zoom)})`,
  };
}
