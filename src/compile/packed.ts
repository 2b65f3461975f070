import { BvhNodeLayout, FrameLayout, LightLayout, MaterialLayout, ShapeLayout } from './layout.js';

/**
 * The packed scene both backends read (DESIGN.md contract 1). Each buffer holds records laid out
 * by compile/layout.ts; one buffer viewed as f32 and as u32 at the same word indices.
 *
 * - frame:     one Frame record (image, camera basis, ambient, counts)
 * - shapes:    frame.numShapes Shape records, stride ShapeLayout.stride words: the bounded shapes
 *              [0, frame.numBounded) in BVH leaf order, then the planes
 * - materials: Material records, stride MaterialLayout.stride
 * - lights:    frame.numLights Light records, stride LightLayout.stride
 * - samples:   frame.numSets sets of frame.spp points in [0,1)², [set][sample][u, v] as f32
 * - nodes:     frame.numNodes BvhNode records, stride BvhNodeLayout.stride, depth first from the
 *              root at 0 (at least one record, even when numNodes = 0); leaves name contiguous
 *              ranges of shapes, so no primitive-index buffer is needed
 * - envMap:    an image environment's texels and sampling distribution, f32 (compile/layout.ts
 *              envMapLayout); one zero word for other environments
 * - vertices:  MeshVertex records of every mesh, in object space (at least one record)
 * - triangles: Triangle records of every mesh, each mesh's in its BVH's leaf order (at least one)
 *
 * shapes also holds, after its frame.numShapes placed records, the shapes instances place
 * (shapes/instance.ts); nodes, after the top-level tree, each mesh's tree, whose leaves name
 * ranges of triangles (shapes/mesh.ts).
 */
export interface PackedScene {
  frame: ArrayBufferLike;
  shapes: ArrayBufferLike;
  materials: ArrayBufferLike;
  lights: ArrayBufferLike;
  samples: ArrayBufferLike;
  nodes: ArrayBufferLike;
  envMap: ArrayBufferLike;
  vertices: ArrayBufferLike;
  triangles: ArrayBufferLike;
}

/** Typed views over a PackedScene: what kernels index into. */
export interface SceneView {
  frame: Float32Array;
  frameU: Uint32Array;
  shapes: Float32Array;
  shapesU: Uint32Array;
  materials: Float32Array;
  materialsU: Uint32Array;
  lights: Float32Array;
  lightsU: Uint32Array;
  samples: Float32Array;
  nodes: Float32Array;
  nodesU: Uint32Array;
  envMap: Float32Array;
  vertices: Float32Array;
  triangles: Uint32Array;
}

export function viewScene(p: PackedScene): SceneView {
  return {
    frame: new Float32Array(p.frame),
    frameU: new Uint32Array(p.frame),
    shapes: new Float32Array(p.shapes),
    shapesU: new Uint32Array(p.shapes),
    materials: new Float32Array(p.materials),
    materialsU: new Uint32Array(p.materials),
    lights: new Float32Array(p.lights),
    lightsU: new Uint32Array(p.lights),
    samples: new Float32Array(p.samples),
    nodes: new Float32Array(p.nodes),
    nodesU: new Uint32Array(p.nodes),
    envMap: new Float32Array(p.envMap),
    vertices: new Float32Array(p.vertices),
    triangles: new Uint32Array(p.triangles),
  };
}

/** Copies every buffer into a SharedArrayBuffer so workers can read it without a copy each. */
export function shareScene(p: PackedScene): PackedScene {
  const share = (b: ArrayBufferLike): SharedArrayBuffer => {
    const shared = new SharedArrayBuffer(b.byteLength);
    new Uint8Array(shared).set(new Uint8Array(b));
    return shared;
  };
  return {
    frame: share(p.frame),
    shapes: share(p.shapes),
    materials: share(p.materials),
    lights: share(p.lights),
    samples: share(p.samples),
    nodes: share(p.nodes),
    envMap: share(p.envMap),
    vertices: share(p.vertices),
    triangles: share(p.triangles),
  };
}

export const RECORD_BYTES = {
  frame: FrameLayout.stride * 4,
  shape: ShapeLayout.stride * 4,
  material: MaterialLayout.stride * 4,
  light: LightLayout.stride * 4,
  bvhNode: BvhNodeLayout.stride * 4,
};
