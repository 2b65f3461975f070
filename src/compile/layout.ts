/**
 * The one table of packed record layouts (DESIGN.md contract 1). Each record is an ordered list
 * of [field, wgslType]; from it come the WGSL struct text (pasted into every shader by the
 * assembler) and the word offsets that compile/ writes and the CPU kernel reads. A field added
 * here appears on both sides or on neither.
 *
 * Offsets and strides are in 4-byte words, so one ArrayBuffer can be viewed as Float32Array and
 * Uint32Array at the same indices. Alignment follows WGSL's storage layout rules (vec3f: align 16,
 * size 12, so a scalar may sit in its fourth word).
 */

import { constantsWgsl } from './constants.js';

/** Numbers both kernels share live in compile/constants.ts; re-exported for modules that import them from here. */
export { BVH_STACK_SIZE, PER_TRIANGLE, RAY_EPSILON, WHITTED_STACK_SIZE } from './constants.js';

export type FieldType = 'u32' | 'f32' | 'vec3f' | 'vec4f';

const WORDS: Record<FieldType, { align: number; size: number }> = {
  u32: { align: 1, size: 1 },
  f32: { align: 1, size: 1 },
  vec3f: { align: 4, size: 3 },
  vec4f: { align: 4, size: 4 },
};

/**
 * Kernels read offsets as `F.width` in their innermost loops. An object built by keyed stores
 * with more than a dozen fields drops to V8's dictionary mode, where every such read is a hash
 * lookup (it made camera rays 10× slower); an object literal built by JSON.parse stays in fast
 * mode, so the reads become constants once optimised.
 */
function fastProperties<T extends object>(o: T): T {
  return Object.freeze(JSON.parse(JSON.stringify(o)) as T);
}

export interface RecordLayout<Name extends string> {
  readonly name: string;
  readonly fields: readonly (readonly [Name, FieldType])[];
  /** Word offset of each field inside one record. */
  readonly offset: Readonly<Record<Name, number>>;
  /** Words per record (the WGSL array stride / 4). */
  readonly stride: number;
  /** The WGSL struct declaration. */
  readonly wgsl: string;
}

export function defineRecord<const Name extends string>(
  name: string,
  fields: readonly (readonly [Name, FieldType])[],
  docs: Partial<Record<Name, string>> = {},
): RecordLayout<Name> {
  const offset = {} as Record<Name, number>;
  let at = 0;
  let structAlign = 1;
  const lines: string[] = [];
  for (const [field, type] of fields) {
    const { align, size } = WORDS[type];
    at = Math.ceil(at / align) * align;
    offset[field] = at;
    at += size;
    structAlign = Math.max(structAlign, align);
    const doc = docs[field];
    lines.push(`  ${field}: ${type},${doc ? ` // ${doc}` : ''}`);
  }
  // Round up so the struct also works as a uniform (16-byte multiples) and as an array element.
  const stride = Math.ceil(at / Math.max(structAlign, 4)) * Math.max(structAlign, 4);
  const wgsl = `struct ${name} {\n${lines.join('\n')}\n}\n`;
  return { name, fields, offset: fastProperties(offset), stride, wgsl };
}

/**
 * Kinds are numbered from 1 so that 0 always means "none"; the WGSL constants come from here too.
 * Shapes, materials, lights, cameras and tracers are enrolled in their families' modules
 * (shapes/shape.ts, materials/material.ts, lights/light.ts, cameras/camera.ts, tracers/tracer.ts),
 * which number them.
 */
export const AmbientKind = { constant: 1, occlusion: 2 } as const;

/**
 * The error of a dispatch that meets a kind number it has no case for: a packed scene holds only
 * the kinds above, so this names a bug in compile/ or a kind added without its case.
 */
export function unknownKind(family: string, kind: number): Error {
  return new Error(`no case for ${family} kind ${kind} (compile/layout.ts)`);
}
/** What escaped rays see (src/lights/environment.ts): the background, a constant, the One Weekend gradient, or an equirectangular image. */
export const EnvKind = { none: 0, constant: 1, gradient: 2, image: 3 } as const;
/**
 * Which sample set a pixel draws from is keyed by dimension, so the pixel, lens and hemisphere
 * samples of one camera sample come from different sets (the book's separate samplers): set
 * (hash(pixel, seed) + dimension) mod numSets (samplers/select.ts), different for dimensions
 * less than numSets apart. Bounce d takes bsdf + d, so past 32 bounces it meets the lights'; the path tracer's light sample
 * at bounce d takes light + d (direct lighting's area light i, under the other tracers, light + i).
 */
export const SampleDimension = { pixel: 0, lens: 1, ambient: 2, environment: 3, bsdf: 16, light: 48 } as const;
/**
 * Keys of the 1-D random numbers a path draws at a bounce besides its 2-D bsdf sample:
 * unitFloat(hash4(pixelKey, j, bounce, purpose)) (samplers/select.ts).
 */
export const RandomPurpose = { russianRoulette: 1, fresnel: 2, lobe: 3, lightChoice: 4 } as const;

/**
 * One shape. The meaning of a, b, c, n and r is its kind's: each kind's module (shapes/) packs
 * them and reads them.
 */
export const ShapeLayout = defineRecord(
  'Shape',
  [
    ['kind', 'u32'],
    ['material', 'u32'],
    ['index', 'u32'],
    ['flags', 'u32'],
    ['a', 'vec3f'],
    ['r', 'f32'],
    ['b', 'vec3f'],
    ['light', 'u32'],
    ['c', 'vec3f'],
    ['n', 'vec3f'],
    ['epsilon', 'f32'],
  ],
  {
    kind: 'ShapeKind', material: 'index into materials; PER_TRIANGLE: each triangle names its own (a mesh file\'s materials)',
    index: "mesh: its BVH's root node; instance: the shape record it places",
    flags: 'mesh: MeshFlags',
    light: 'its area light: 1 + the index into lights, 0 for none (the path tracer weighs emission it hits by it)', n: 'unit normal of flat shapes',
    epsilon: 'least offset for rays leaving this shape (SHAPE_EPSILON · its largest coordinate)',
  },
);

export const MaterialLayout = defineRecord(
  'Material',
  [
    ['kind', 'u32'],
    ['ka', 'f32'],
    ['kd', 'f32'],
    ['ks', 'f32'],
    ['color', 'vec3f'],
    ['exp', 'f32'],
    ['specularColor', 'vec3f'],
    ['fuzz', 'f32'],
    ['emission', 'vec3f'],
    ['ior', 'f32'],
    ['filterIn', 'vec3f'],
    ['roughness', 'f32'],
    ['filterOut', 'vec3f'],
    ['kr', 'f32'],
    ['reflectColor', 'vec3f'],
    ['glossyExp', 'f32'],
  ],
  {
    kind: 'MaterialKind (materials/material.ts)',
    color: 'cd, linear RGB',
    exp: 'Phong exponent',
    fuzz: 'metal: radius of the sphere the reflection is jittered within',
    emission: 'emissive: radiance · colour',
    ior: 'dielectric: index of refraction inside over outside',
    filterIn: 'dielectric: transmittance per unit distance inside',
    filterOut: 'dielectric: transmittance per unit distance outside',
    roughness: 'conductor, dielectric: GGX α (below GGX_MIN_ALPHA a perfect mirror, smooth glass)',
    kr: 'reflective, glossy: mirror (glossy) reflection coefficient',
    reflectColor: 'reflective, glossy: reflection colour cr, linear RGB',
    glossyExp: 'glossy: exponent of the cosine-power reflection lobe about the mirror direction',
  },
);

export const LightLayout = defineRecord(
  'Light',
  [
    ['kind', 'u32'],
    ['shadows', 'u32'],
    ['radiance', 'vec3f'],
    ['vector', 'vec3f'],
    ['shape', 'u32'],
    ['axis', 'vec3f'],
    ['cosOuter', 'f32'],
    ['cosInner', 'f32'],
    ['falloff', 'u32'],
    ['selectPdf', 'f32'],
    ['selectCdf', 'f32'],
    ['areaPdf', 'f32'],
  ],
  {
    kind: 'LightKind (lights/light.ts)',
    shadows: '1 = cast shadow rays',
    radiance: 'radiance · colour',
    vector: 'directional: unit direction toward the light; point, spot: position',
    shape: 'area: index of the emissive shape (after the BVH reordering)',
    axis: 'spot: unit direction from the light to what it lights',
    cosOuter: 'spot: cosine of the half-angle outside which it sends nothing',
    cosInner: 'spot: cosine of the half-angle inside which it sends its full radiance',
    falloff: 'point, spot: Falloff (lights/kind.ts), 0 = none',
    selectPdf: "the chance the path tracer's light sample picks this light (by power, compile/lightSelection.ts)",
    selectCdf: 'the chances of lights [0, this one] summed: the light sample searches it',
    areaPdf: "area: 1 / the shape's area, its points' density",
  },
);

/** Everything per render that is not an array: image, camera, ambient, counts. */
export const FrameLayout = defineRecord(
  'Frame',
  [
    ['width', 'u32'],
    ['height', 'u32'],
    ['spp', 'u32'],
    ['seed', 'u32'],
    ['numShapes', 'u32'],
    ['numBounded', 'u32'],
    ['numNodes', 'u32'],
    ['numLights', 'u32'],
    ['numSets', 'u32'],
    ['maxDepth', 'u32'],
    ['tracer', 'u32'],
    ['ambientKind', 'u32'],
    ['cameraKind', 'u32'],
    ['minAmount', 'f32'],
    ['background', 'vec3f'],
    ['ambient', 'vec3f'],
    ['eye', 'vec3f'],
    ['viewDistance', 'f32'],
    ['u', 'vec3f'],
    ['pixelSize', 'f32'],
    ['v', 'vec3f'],
    ['lensRadius', 'f32'],
    ['w', 'vec3f'],
    ['focalDistance', 'f32'],
    ['psiMax', 'f32'],
    ['lambdaMax', 'f32'],
    ['stereoEyeOffset', 'f32'],
    ['stereoPlaneShift', 'f32'],
    ['stereoGap', 'u32'],
    ['envKind', 'u32'],
    ['envBottom', 'vec3f'],
    ['envTop', 'vec3f'],
    ['nee', 'u32'],
    ['envSelectPdf', 'f32'],
    ['envMapWidth', 'u32'],
    ['envMapHeight', 'u32'],
    ['envCos', 'f32'],
    ['envSin', 'f32'],
    ['envMean', 'f32'],
    ['envPdfStart', 'u32'],
    ['envConditionalStart', 'u32'],
    ['envMarginalStart', 'u32'],
  ],
  {
    numBounded: 'shapes [0, numBounded) are in the BVH; [numBounded, numShapes) are planes, tested one by one',
    numNodes: 'BvhNode records; 0 when nothing is bounded (traversal is skipped)',
    ambient: 'ambient radiance · colour',
    minAmount: 'occlusion: fraction of ambient kept when occluded',
    viewDistance: "the book's d, in pixel units",
    pixelSize: 'world (orthographic) or view-plane units per pixel, zoom applied',
    u: 'camera basis; w points from lookAt back to the eye',
    cameraKind: 'CameraKind (cameras/camera.ts)',
    psiMax: "fisheye: half its fov across the width; spherical: half its vertical fov (the book's ψmax), radians",
    lambdaMax: "spherical: half its horizontal fov (the book's λmax), radians",
    stereoEyeOffset: "stereo: the left half's eye along u from eye, world units (the right half's is minus it)",
    stereoPlaneShift: "stereo: the left half's view-plane shift along u, pixel units, so both halves converge on lookAt",
    stereoGap: 'stereo: pixels between the two halves',
    envKind: 'EnvKind',
    envBottom: 'environment radiance straight down (constant: everywhere)',
    envTop: 'environment radiance straight up',
    nee: 'pathTrace: 1 = next-event estimation (a light sample at every vertex, weighed by MIS)',
    envSelectPdf: "the chance the path tracer's light sample picks the environment: u in [1 - it, 1)",
    envMapWidth: 'image: texels across the map (EnvMapLayout), 0 otherwise',
    envMapHeight: 'image: texel rows, the first straight up',
    envCos: "image: cos of the map's rotation about +y (a map direction m is seen at Ry·m)",
    envSin: "image: sin of the map's rotation",
    envMean: 'image: mean radiance over directions and channels, for its power',
    envPdfStart: 'image: word index in envMap of the texels\' pdf over (u, v)',
    envConditionalStart: "image: word index of the rows' conditional CDFs",
    envMarginalStart: 'image: word index of the marginal CDF over rows',
  },
);

/**
 * The envMap buffer (compile/packed.ts) of an image environment (lights/environmentMap.ts), f32
 * words, for a map of W × H texels, row 0 straight up (texel (i, j) covers u = φ/2π in
 * [i/W, (i+1)/W), v = θ/π in [j/H, (j+1)/H), θ from +y):
 *
 * - [0, 3WH):                   radiance, RGB per texel, row-major, color · radiance applied
 * - [pdfStart, + WH):           each texel's density over (u, v) ∈ [0,1)² (pbrt's PiecewiseConstant2D
 *                               of channel mean · sin θ at the row's centre)
 * - [conditionalStart, + H(W+1)): per row, the CDF over its texels, from 0 to 1
 * - [marginalStart, + H+1):     the CDF over rows, from 0 to 1
 *
 * Other environments bind one zero word, since WebGPU binds no empty buffer.
 */
export function envMapLayout(width: number, height: number): { pdfStart: number; conditionalStart: number; marginalStart: number; words: number } {
  const pdfStart = 3 * width * height;
  const conditionalStart = pdfStart + width * height;
  const marginalStart = conditionalStart + height * (width + 1);
  return { pdfStart, conditionalStart, marginalStart, words: marginalStart + height + 1 };
}

/**
 * A float32 intersection with a shape is only as exact as the shape's own coordinates: a ray
 * leaving RTIOW's ground sphere (centre 1000 away) near the origin must clear about 1e-4 of
 * rounding in |o − c|, however small |p| is. So each shape carries a floor for the offset,
 * SHAPE_EPSILON times its largest absolute coordinate (sphere: |c|∞ + r).
 */
export const SHAPE_EPSILON = 4e-6;

/**
 * One GPU dispatch (bind group 1 of shaders/render.wgsl), written per dispatch by gpu/: camera
 * samples [j0, j1) of the rows [y0, y0 + rows) of one band, a film buffer that starts at image
 * row bandY0. The film holds running sums; the host divides by the samples reached.
 */
export const ChunkLayout = defineRecord('Chunk', [['y0', 'u32'], ['rows', 'u32'], ['j0', 'u32'], ['j1', 'u32'], ['bandY0', 'u32']], {
  y0: 'first image row of this dispatch',
  rows: 'rows in the dispatch',
  j0: 'first camera sample of this pass',
  j1: 'one past its last camera sample',
  bandY0: "first image row of the band's film buffer",
});

/**
 * One node of the bounding volume hierarchy over the bounded shapes (src/shapes/bvh.ts), stored
 * depth first. Interior (count = 0): the first child is the next node, `first` is the second
 * child's index. Leaf (count ≥ 1): shapes[first .. first + count). Bounds are float32 rounded
 * outward from the float64 build, so they contain the shapes as both backends see them.
 */
export const BvhNodeLayout = defineRecord(
  'BvhNode',
  [
    ['min', 'vec3f'],
    ['first', 'u32'],
    ['max', 'vec3f'],
    ['count', 'u32'],
  ],
  {
    min: 'bounds, world units',
    first: "interior: second child's node index; leaf: first shape index",
    count: 'shapes in the leaf; 0 for an interior node',
  },
);

/**
 * One vertex of a triangle mesh (shapes/mesh.ts), in its object space: position, shading normal
 * (zero for a mesh without normals) and texture coordinates.
 */
export const MeshVertexLayout = defineRecord('MeshVertex', [['p', 'vec3f'], ['u', 'f32'], ['n', 'vec3f'], ['v', 'f32']], {
  p: 'position, object space', n: 'unit shading normal, or 0 where the file has none', u: 'texture coordinates', v: 'texture coordinates',
});

/** One triangle of a mesh: its vertices' indices into the vertex buffer, and its material. */
export const TriangleLayout = defineRecord('Triangle', [['a', 'u32'], ['b', 'u32'], ['c', 'u32'], ['material', 'u32']], {
  a: 'vertex indices, counter-clockwise seen from the front', material: 'index into materials (used where the shape\'s material is PER_TRIANGLE)',
});

/** Bits of a mesh's Shape.flags. */
export const MeshFlags = { smooth: 1 } as const;

export const RECORDS = [FrameLayout, ShapeLayout, MaterialLayout, LightLayout, ChunkLayout, BvhNodeLayout, MeshVertexLayout, TriangleLayout] as const;

/** The WGSL name of a kind: wgslKindName('MATERIAL', 'thinLens') is MATERIAL_THIN_LENS. */
export function wgslKindName(prefix: string, name: string): string {
  return `${prefix}_${name.replace(/[A-Z]/g, (c) => '_' + c).toUpperCase()}`;
}

function wgslConstants(prefix: string, kinds: Record<string, number>): string {
  return Object.entries(kinds)
    .map(([name, value]) => `const ${wgslKindName(prefix, name)}: u32 = ${value}u;`)
    .join('\n');
}

/** The generated WGSL prelude: record structs, kind constants and the shared constants (compile/constants.ts). */
export function layoutWgsl(): string {
  return [
    '// Generated from src/compile/layout.ts and src/compile/constants.ts: do not edit in shaders/.',
    ...RECORDS.map((r) => r.wgsl),
    wgslConstants('AMBIENT', AmbientKind),
    wgslConstants('DIM', SampleDimension),
    wgslConstants('ENV', EnvKind),
    wgslConstants('MESH', MeshFlags),
    wgslConstants('PURPOSE', RandomPurpose),
    constantsWgsl(),
    '',
  ].join('\n');
}
