import { vec3 } from '../math/vec.js';
import { cameraBasis } from '../cameras/basis.js';
import { generateSampleSets } from '../samplers/generate.js';
import { cameraKind, CameraKind } from '../cameras/camera.js';
import type { Scene, SceneMaterial, Vec3 } from '../scene/types.js';
import { sampleAreaLight, shapeKindOf, ShapeKind } from '../shapes/shape.js';
import { packGeometry, type Geometry } from './geometry.js';
import { AreaSample } from '../lights/area.js';
import { packEnvironmentMap } from '../lights/environmentMap.js';
import { sceneRadius, writeLightSelection } from './lightSelection.js';
import { tracerKind, TracerKind } from '../tracers/tracer.js';
import type { LightRecordWriter } from '../lights/kind.js';
import { LightKind, sceneLightKind, type EnrolledSceneLight } from '../lights/light.js';
import { buildShapeBvh } from '../shapes/bounds.js';
import type { MaterialRecordWriter } from '../materials/kind.js';
import { MaterialKind, materialKindOf } from '../materials/material.js';
import {
  AmbientKind, BvhNodeLayout, EnvKind, envMapLayout, FrameLayout, LightLayout, MaterialLayout, ShapeLayout,
} from './layout.js';
import type { PackedScene } from './packed.js';

const Frame = FrameLayout.offset;
const Shape = ShapeLayout.offset;
const Material = MaterialLayout.offset;
const Light = LightLayout.offset;
const BvhNode = BvhNodeLayout.offset;

/** A record buffer viewed both ways, with a writer for vec3 fields. */
class Records {
  readonly buffer: ArrayBuffer;
  readonly f: Float32Array;
  readonly u: Uint32Array;
  constructor(readonly stride: number, count: number) {
    this.buffer = new ArrayBuffer(Math.max(1, count) * stride * 4);
    this.f = new Float32Array(this.buffer);
    this.u = new Uint32Array(this.buffer);
  }
  vec3(at: number, v: ArrayLike<number>): void {
    this.f[at] = v[0]; this.f[at + 1] = v[1]; this.f[at + 2] = v[2];
  }
}

const unit = (v: Vec3): vec3 => vec3.normalize(vec3.create(), v as unknown as vec3);

export interface CompileOptions {
  /**
   * false: no tree, one leaf holding every bounded shape, so the same traversal tests them all
   * (brute force, the reference in tests). Default true: a binned-SAH BVH.
   */
  bvh?: boolean;
}

/**
 * Scene → PackedScene (DESIGN.md contract 1): resolve the camera into a basis and view distance,
 * premultiply light and ambient radiance by colour, normalise directions, number materials,
 * build the BVH over the bounded shapes (reordering the shapes to its leaf order), and generate
 * the sample sets once for both backends (contract 2).
 */
export function compileScene(scene: Scene, options: CompileOptions = {}): PackedScene {
  const materialNames = Object.keys(scene.materials);
  const frame = new Records(FrameLayout.stride, 1);
  writeFrame(scene, frame);
  const envMap = writeEnvironment(scene, frame);

  const materials = new Records(MaterialLayout.stride, materialNames.length);
  materialNames.forEach((name, i) => writeMaterial(scene.materials[name], i * MaterialLayout.stride, materials));

  const materialIndex = new Map(materialNames.map((name, i) => [name, i]));
  const geometry = packGeometry(scene, materialIndex);
  // Bounded shapes first, in the BVH's leaf order; planes after them; then what instances place.
  const bvh = buildShapeBvh(geometry.shapes, geometry.numPlaced, options.bvh === false ? 'none' : 'sah', geometry.meshNodes);
  frame.u[Frame.numShapes] = geometry.numPlaced;
  frame.u[Frame.numBounded] = bvh.numBounded;
  frame.u[Frame.numNodes] = bvh.numNodes;
  const nodes = appendMeshNodes(bvh.nodes, geometry, new Uint32Array(bvh.shapes));

  // The environment is not a light record: it lives in the frame (what escaping rays see).
  const sceneLights = scene.lights.filter((l): l is EnrolledSceneLight => l.type !== 'environment');
  // Under a tracer with area lights, one per emissive shape that can be sampled, naming its index
  // in the reordered shapes (so after the BVH build).
  const shapesU = new Uint32Array(bvh.shapes);
  const areaShapes = tracerKind(scene.tracer.type).areaLights ? emissiveShapes(shapesU, geometry.numPlaced, materials) : [];
  const lights = new Records(LightLayout.stride, sceneLights.length + areaShapes.length);
  sceneLights.forEach((l, i) => writeLight(l, i * LightLayout.stride, lights));
  areaShapes.forEach((shape, i) => {
    const base = (sceneLights.length + i) * LightLayout.stride;
    const emission = shapeMaterialBase(shapesU, shape) + Material.emission;
    lights.u[base + Light.kind] = LightKind.area;
    lights.u[base + Light.shadows] = 1;
    lights.vec3(base + Light.radiance, [materials.f[emission], materials.f[emission + 1], materials.f[emission + 2]]);
    lights.u[base + Light.shape] = shape;
    lights.f[base + Light.areaPdf] = shapeAreaPdf(bvh.shapes, shape);
    shapesU[shape * ShapeLayout.stride + Shape.light] = sceneLights.length + i + 1;
  });
  const numLights = sceneLights.length + areaShapes.length;
  frame.u[Frame.numLights] = numLights;
  writeLightSelection(frame, lights, numLights, sceneRadius(bvh.nodes, bvh.numNodes, scene.camera.eye));

  const samples = generateSampleSets(scene.sampler.type, scene.image.samples, scene.sampler.sets, scene.image.seed);
  return {
    frame: frame.buffer,
    shapes: bvh.shapes,
    materials: materials.buffer,
    lights: lights.buffer,
    samples: samples.buffer,
    nodes,
    envMap: envMap.buffer,
    vertices: geometry.vertices,
    triangles: geometry.triangles,
  };
}

/**
 * The nodes buffer: the top-level tree, then every mesh's, whose node indices (its interior
 * nodes' second children, its records' roots) shift by the top-level tree's records.
 */
function appendMeshNodes(top: ArrayBuffer, geometry: Geometry, shapesU: Uint32Array): ArrayBuffer {
  if (geometry.numMeshNodes === 0) return top;
  const shift = top.byteLength / 4 / BvhNodeLayout.stride;
  const nodes = new Uint32Array(top.byteLength / 4 + geometry.numMeshNodes * BvhNodeLayout.stride);
  nodes.set(new Uint32Array(top));
  const mesh = new Uint32Array(geometry.meshNodes, 0, geometry.numMeshNodes * BvhNodeLayout.stride);
  nodes.set(mesh, top.byteLength / 4);
  for (let node = shift; node < shift + geometry.numMeshNodes; node++) {
    const nb = node * BvhNodeLayout.stride;
    if (nodes[nb + BvhNode.count] === 0) nodes[nb + BvhNode.first]! += shift;
  }
  for (let base = 0; base < geometry.numRecords * ShapeLayout.stride; base += ShapeLayout.stride) {
    if (shapesU[base + Shape.kind] === ShapeKind.mesh) shapesU[base + Shape.index]! += shift;
  }
  return nodes.buffer;
}

/** One scene light's record: what every kind has, then its kind's own fields (lights/kind.ts, pack). */
function writeLight(light: EnrolledSceneLight, base: number, lights: Records): void {
  const kind = sceneLightKind(light.type);
  lights.u[base + Light.kind] = LightKind[light.type];
  lights.u[base + Light.shadows] = light.shadows ? 1 : 0;
  lights.vec3(base + Light.radiance, light.color.map((c) => c * light.radiance));
  const record: LightRecordWriter = {
    vec3: (field, v) => lights.vec3(base + Light[field], v),
    unit: (field, v) => lights.vec3(base + Light[field], unit(v as Vec3)),
    f32: (field, x) => { lights.f[base + Light[field]] = x; },
    u32: (field, x) => { lights.u[base + Light[field]] = x; },
  };
  (kind.pack as (light: EnrolledSceneLight, record: LightRecordWriter) => void)(light, record);
}

/** 1 / the area of an area light's shape: its sampler's density, the same at every point. */
function shapeAreaPdf(shapes: ArrayBuffer, shape: number): number {
  return sampleAreaLight(new Float32Array(shapes), new Uint32Array(shapes), shape * ShapeLayout.stride, 0.5, 0.5, new Float64Array(6), new Float64Array(AreaSample.size));
}

function shapeMaterialBase(shapesU: Uint32Array, shape: number): number {
  return shapesU[shape * ShapeLayout.stride + Shape.material] * MaterialLayout.stride;
}

/** Indices of the emissive shapes that can be sampled (their kind has areaSample) among the (reordered) packed shapes. */
function emissiveShapes(su: Uint32Array, numShapes: number, materials: Records): number[] {
  const out: number[] = [];
  for (let i = 0; i < numShapes; i++) {
    if (shapeKindOf(su[i * ShapeLayout.stride + Shape.kind]).areaSample === undefined) continue;
    if (materials.u[shapeMaterialBase(su, i) + Material.kind] === MaterialKind.emissive) out.push(i);
  }
  return out;
}

function writeFrame(scene: Scene, frame: Records): void {
  const { image, camera, ambient } = scene;
  const u = frame.u, f = frame.f;
  u[Frame.width] = image.width;
  u[Frame.height] = image.height;
  u[Frame.spp] = image.samples;
  u[Frame.seed] = image.seed;
  u[Frame.numSets] = scene.sampler.sets;
  u[Frame.maxDepth] = image.maxDepth;
  u[Frame.tracer] = TracerKind[scene.tracer.type];
  u[Frame.nee] = scene.tracer.nee === true ? 1 : 0;
  u[Frame.ambientKind] = AmbientKind[ambient.type];
  f[Frame.minAmount] = ambient.type === 'occlusion' ? ambient.minAmount : 1;
  frame.vec3(Frame.background, scene.background);
  frame.vec3(Frame.ambient, ambient.color.map((c) => c * ambient.radiance));

  u[Frame.cameraKind] = CameraKind[camera.type];
  const basis = cameraBasis(camera.eye, camera.lookAt, camera.up, camera.roll);
  frame.vec3(Frame.eye, camera.eye);
  frame.vec3(Frame.u, basis.u);
  frame.vec3(Frame.v, basis.v);
  frame.vec3(Frame.w, basis.w);
  // The kind fills its own fields; the others stay 0.
  cameraKind(camera.type).frame(camera as never, image, {
    f32: (field, x) => { f[Frame[field]] = x; },
    u32: (field, x) => { u[Frame[field]] = x; },
  });
}

/**
 * What escaping rays see (lights/environment.ts): none (the background), a constant
 * (envBottom = envTop = radiance · color), the gradient from envBottom to envTop, or an image,
 * whose texels and distribution are the envMap buffer returned (one zero word otherwise).
 */
function writeEnvironment(scene: Scene, frame: Records): Float32Array {
  const env = scene.lights.find((l) => l.type === 'environment');
  if (env !== undefined && 'image' in env) {
    if (env.map === undefined) throw new Error(`the environment image ${env.image} was not read: load the scene with loadScene, which reads it relative to the scene file`);
    const packed = packEnvironmentMap(env.map, env.color.map((c) => c * env.radiance));
    const layout = envMapLayout(env.map.width, env.map.height);
    const angle = (env.rotation * Math.PI) / 180;
    frame.u[Frame.envKind] = EnvKind.image;
    frame.u[Frame.envMapWidth] = env.map.width;
    frame.u[Frame.envMapHeight] = env.map.height;
    frame.f[Frame.envCos] = Math.cos(angle);
    frame.f[Frame.envSin] = Math.sin(angle);
    frame.f[Frame.envMean] = packed.mean;
    frame.u[Frame.envPdfStart] = layout.pdfStart;
    frame.u[Frame.envConditionalStart] = layout.conditionalStart;
    frame.u[Frame.envMarginalStart] = layout.marginalStart;
    return packed.words;
  }
  if (env === undefined) {
    frame.u[Frame.envKind] = EnvKind.none;
  } else if ('gradient' in env) {
    frame.u[Frame.envKind] = EnvKind.gradient;
    frame.vec3(Frame.envBottom, env.gradient.bottom);
    frame.vec3(Frame.envTop, env.gradient.top);
  } else {
    const radiance = env.color.map((c) => c * env.radiance);
    frame.u[Frame.envKind] = EnvKind.constant;
    frame.vec3(Frame.envBottom, radiance);
    frame.vec3(Frame.envTop, radiance);
  }
  return new Float32Array(1);
}

/** One Material record: its kind number, and the kind's own fields as its module packs them (materials/). */
function writeMaterial(m: SceneMaterial, base: number, materials: Records): void {
  const kind = materialKindOf(MaterialKind[m.type]);
  materials.u[base + Material.kind] = MaterialKind[m.type];
  const record: MaterialRecordWriter = {
    vec3: (field, v) => materials.vec3(base + Material[field], v),
    f32: (field, x) => { materials.f[base + Material[field]] = x; },
  };
  // Each kind's pack takes its own material type; m.type picked the kind.
  (kind.pack as (m: SceneMaterial, r: MaterialRecordWriter) => void)(m, record);
}
