import { vec3 } from '../math/vec.js';
import { cameraBasis } from '../cameras/basis.js';
import { generateSampleSets } from '../samplers/generate.js';
import { cameraKind, CameraKind } from '../cameras/camera.js';
import type { Scene, SceneMaterial, SceneObject, Vec3 } from '../scene/types.js';
import type { ShapeRecordWriter } from '../shapes/kind.js';
import { shapeKindOf, ShapeKind } from '../shapes/shape.js';
import { tracerKind, TracerKind } from '../tracers/tracer.js';
import { buildShapeBvh } from '../shapes/bvh.js';
import {
  AmbientKind, EnvKind, FrameLayout, LightKind, LightLayout, MaterialKind, MaterialLayout, ShapeLayout, SHAPE_EPSILON,
} from './layout.js';
import type { PackedScene } from './packed.js';

const Frame = FrameLayout.offset;
const Shape = ShapeLayout.offset;
const Material = MaterialLayout.offset;
const Light = LightLayout.offset;

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

  const materials = new Records(MaterialLayout.stride, materialNames.length);
  materialNames.forEach((name, i) => writeMaterial(scene.materials[name], i * MaterialLayout.stride, materials));

  const shapes = new Records(ShapeLayout.stride, scene.objects.length);
  const materialIndex = new Map(materialNames.map((name, i) => [name, i]));
  scene.objects.forEach((o, i) => writeShape(o, i * ShapeLayout.stride, materialIndex.get(o.material)!, shapes));
  // Bounded shapes first, in the BVH's leaf order; planes after them.
  const bvh = buildShapeBvh(shapes.buffer, scene.objects.length, options.bvh === false ? 'none' : 'sah');
  frame.u[Frame.numBounded] = bvh.numBounded;
  frame.u[Frame.numNodes] = bvh.numNodes;

  // The environment is not a light record: it lives in the frame (what escaping rays see).
  const pointLights = scene.lights.filter((l) => l.type !== 'environment');
  // Under a tracer with area lights, one per emissive shape that can be sampled, naming its index
  // in the reordered shapes (so after the BVH build).
  const shapesU = new Uint32Array(bvh.shapes);
  const areaShapes = tracerKind(scene.tracer).areaLights ? emissiveShapes(shapesU, scene.objects.length, materials) : [];
  const lights = new Records(LightLayout.stride, pointLights.length + areaShapes.length);
  pointLights.forEach((l, i) => {
    const base = i * LightLayout.stride;
    lights.u[base + Light.kind] = LightKind[l.type];
    lights.u[base + Light.shadows] = l.shadows ? 1 : 0;
    lights.vec3(base + Light.radiance, l.color.map((c) => c * l.radiance));
    lights.vec3(base + Light.vector, l.type === 'directional' ? unit(l.direction) : l.position);
  });
  areaShapes.forEach((shape, i) => {
    const base = (pointLights.length + i) * LightLayout.stride;
    const emission = shapeMaterialBase(shapesU, shape) + Material.emission;
    lights.u[base + Light.kind] = LightKind.area;
    lights.u[base + Light.shadows] = 1;
    lights.vec3(base + Light.radiance, [materials.f[emission], materials.f[emission + 1], materials.f[emission + 2]]);
    lights.u[base + Light.shape] = shape;
  });
  frame.u[Frame.numLights] = pointLights.length + areaShapes.length;

  const samples = generateSampleSets(scene.sampler.type, scene.image.samples, scene.sampler.sets, scene.image.seed);
  return {
    frame: frame.buffer,
    shapes: bvh.shapes,
    materials: materials.buffer,
    lights: lights.buffer,
    samples: samples.buffer,
    nodes: bvh.nodes,
  };
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
  u[Frame.numShapes] = scene.objects.length;
  u[Frame.numSets] = scene.sampler.sets;
  u[Frame.maxDepth] = image.maxDepth;
  u[Frame.tracer] = TracerKind[scene.tracer];
  u[Frame.ambientKind] = AmbientKind[ambient.type];
  f[Frame.minAmount] = ambient.type === 'occlusion' ? ambient.minAmount : 1;
  frame.vec3(Frame.background, scene.background);
  frame.vec3(Frame.ambient, ambient.color.map((c) => c * ambient.radiance));
  writeEnvironment(scene, frame);

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
 * (envBottom = envTop = radiance · color) or the gradient from envBottom to envTop.
 */
function writeEnvironment(scene: Scene, frame: Records): void {
  const env = scene.lights.find((l) => l.type === 'environment');
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
}

/**
 * One Material record. matte, phong, plastic (phong's fields), reflective (phong's fields plus kr, reflectColor) and glossy
 * (reflective's plus glossyExp) as the book has them; the One Weekend materials fill the
 * fields pathTrace reads (lambertian and metal: color = albedo; metal: fuzz; dielectric: ior and
 * filters; emissive: emission = radiance · color). A lambertian also gets ka = kd = 1, so that
 * under rayCast it shades as the matte of the same reflectance; the other new kinds leave ka, kd
 * and color 0 (black under rayCast).
 */
function writeMaterial(m: SceneMaterial, base: number, materials: Records): void {
  materials.u[base + Material.kind] = MaterialKind[m.type];
  switch (m.type) {
    case 'matte':
    case 'phong':
    case 'plastic':
    case 'reflective':
    case 'glossy':
      materials.f[base + Material.ka] = m.ka;
      materials.f[base + Material.kd] = m.kd;
      materials.vec3(base + Material.color, m.color);
      if (m.type !== 'matte') {
        materials.f[base + Material.ks] = m.ks;
        materials.f[base + Material.exp] = m.exp;
        materials.vec3(base + Material.specularColor, m.specularColor);
      }
      if (m.type === 'reflective' || m.type === 'glossy') {
        materials.f[base + Material.kr] = m.kr;
        materials.vec3(base + Material.reflectColor, m.reflectColor);
      }
      if (m.type === 'glossy') materials.f[base + Material.glossyExp] = m.glossyExp;
      return;
    case 'lambertian':
      materials.f[base + Material.ka] = 1;
      materials.f[base + Material.kd] = 1;
      materials.vec3(base + Material.color, m.albedo);
      return;
    case 'metal':
      materials.vec3(base + Material.color, m.albedo);
      materials.f[base + Material.fuzz] = m.fuzz;
      return;
    case 'conductor':
      materials.vec3(base + Material.color, m.albedo);
      materials.f[base + Material.roughness] = m.roughness;
      return;
    case 'dielectric':
      materials.f[base + Material.ior] = m.ior;
      materials.vec3(base + Material.filterIn, m.filterIn);
      materials.vec3(base + Material.filterOut, m.filterOut);
      return;
    case 'emissive':
      materials.vec3(base + Material.emission, m.color.map((c) => c * m.radiance));
      return;
  }
}

/** Packs one object: its kind fills its own fields; the floor of its rays' offset follows from its scale (SHAPE_EPSILON). */
function writeShape(o: SceneObject, base: number, material: number, shapes: Records): void {
  const kind = shapeKindOf(ShapeKind[o.type]);
  shapes.u[base + Shape.kind] = ShapeKind[o.type];
  shapes.u[base + Shape.material] = material;
  const record: ShapeRecordWriter = {
    vec3: (field, v) => shapes.vec3(base + Shape[field], v),
    unit: (field, v) => shapes.vec3(base + Shape[field], vec3.normalize(vec3.create(), v as vec3)),
    f32: (field, x) => { shapes.f[base + Shape[field]] = x; },
  };
  // Each kind's pack and scale take its own object type; o.type picked the kind.
  (kind.pack as (o: SceneObject, r: ShapeRecordWriter) => void)(o, record);
  shapes.f[base + Shape.epsilon] = SHAPE_EPSILON * (kind.scale as (o: SceneObject) => number)(o);
}
