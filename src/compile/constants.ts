/**
 * The one table of numbers both kernels use. The CPU kernel imports the exports below; the WGSL
 * `const` lines are generated from the same entries (constantsWgsl, pasted into every shader by the
 * layout prelude), so a number changed here changes on both sides.
 */

export type ConstantType = 'f32' | 'u32';

export interface SharedConstant {
  readonly type: ConstantType;
  /** The CPU's value (float64); WGSL gets the nearest f32 for an f32 constant. */
  readonly value: number;
  readonly why: string;
}

export const SHARED_CONSTANTS = {
  PI: { type: 'f32', value: Math.PI, why: 'half a turn: warp angles, diffuse and sphere densities' },
  PI_OVER_2: { type: 'f32', value: Math.PI / 2, why: 'a quarter turn: the concentric disk map' },
  PI_OVER_4: { type: 'f32', value: Math.PI / 4, why: 'an eighth of a turn: the concentric disk map' },
  INV_PI: { type: 'f32', value: 1 / Math.PI, why: 'density of the cosine hemisphere and of matte' },
  INV_2PI: { type: 'f32', value: 1 / (2 * Math.PI), why: 'normalises the cosine-power hemisphere density' },
  RAY_EPSILON: {
    type: 'f32', value: 1e-4,
    why: 'secondary rays start this far off the surface, relative to the hit point (at least 1): f32 hit points carry ~1e-6 relative error',
  },
  SHADOW_RAY_SHORTENING: {
    type: 'f32', value: 1e-4,
    why: "area-light shadow rays stop this fraction short of the light's point, so its own shape does not block it",
  },
  TINY_DIRECTION: {
    type: 'f32', value: 1e-20,
    why: 'ray direction components smaller than this count as parallel in the slab test: their inverse stays finite',
  },
  BVH_STACK_SIZE: {
    type: 'u32', value: 64,
    why: 'traversal stack entries: the build stops at depth BVH_STACK_SIZE - 1 and a traversal holds one sibling per level',
  },
  PER_TRIANGLE: {
    type: 'u32', value: 0xffffffff,
    why: "Shape.material of a mesh whose triangles name their own materials (a mesh file's): Triangle.material applies",
  },
  WHITTED_STACK_SIZE: {
    type: 'u32', value: 16,
    why: 'pending rays of the Whitted tracer: a pop at depth d pushes at most two at d + 1, so maxDepth + 1 entries drop nothing up to maxDepth 15',
  },
  WHITTED_MAX_RAYS: {
    type: 'u32', value: 1024,
    why: 'rays the Whitted tracer follows for one camera sample: glass doubles them at each bounce, so glass between mirrors would take 2^16 at maxDepth 15; the example scenes take at most 53',
  },
  ROULETTE_START_BOUNCE: {
    type: 'u32', value: 3,
    why: 'the path tracer plays Russian roulette from this bounce on: earlier bounces carry most of the light',
  },
  LIGHT_DIMENSIONS: {
    type: 'u32', value: 16,
    why: 'area light i samples dimension light + (i mod LIGHT_DIMENSIONS): distinct sets for the first 16 lights',
  },
  PCG_MULTIPLIER: {
    type: 'u32', value: 747796405,
    why: "the hash's LCG step multiplies by this (PCG's 32-bit multiplier)",
  },
  PCG_INCREMENT: {
    type: 'u32', value: 2891336453,
    why: "the hash's LCG step adds this (PCG's 32-bit increment)",
  },
  PCG_OUTPUT_MULTIPLIER: {
    type: 'u32', value: 277803737,
    why: "the multiplier of PCG's RXS-M-XS output permutation",
  },
  GGX_MIN_ALPHA: {
    type: 'f32', value: 1e-3,
    why: 'a GGX roughness below this is a perfect mirror, a delta lobe (materials/ggx.ts says why 1e-3)',
  },
  UNIT_FLOAT_SCALE: {
    type: 'f32', value: 1 / 16777216,
    why: "2^-24: a hash's top 24 bits times this is a float in [0, 1), exact in f32",
  },
} as const satisfies Record<string, SharedConstant>;

// The CPU kernel's names: plain numbers, so hot loops read constants.
export const PI = SHARED_CONSTANTS.PI.value;
export const PI_OVER_2 = SHARED_CONSTANTS.PI_OVER_2.value;
export const PI_OVER_4 = SHARED_CONSTANTS.PI_OVER_4.value;
export const INV_PI = SHARED_CONSTANTS.INV_PI.value;
export const INV_2PI = SHARED_CONSTANTS.INV_2PI.value;
export const RAY_EPSILON = SHARED_CONSTANTS.RAY_EPSILON.value;
export const SHADOW_RAY_SHORTENING = SHARED_CONSTANTS.SHADOW_RAY_SHORTENING.value;
export const TINY_DIRECTION = SHARED_CONSTANTS.TINY_DIRECTION.value;
export const BVH_STACK_SIZE = SHARED_CONSTANTS.BVH_STACK_SIZE.value;
export const PER_TRIANGLE = SHARED_CONSTANTS.PER_TRIANGLE.value;
export const WHITTED_STACK_SIZE = SHARED_CONSTANTS.WHITTED_STACK_SIZE.value;
export const WHITTED_MAX_RAYS = SHARED_CONSTANTS.WHITTED_MAX_RAYS.value;
export const ROULETTE_START_BOUNCE = SHARED_CONSTANTS.ROULETTE_START_BOUNCE.value;
export const LIGHT_DIMENSIONS = SHARED_CONSTANTS.LIGHT_DIMENSIONS.value;
export const PCG_MULTIPLIER = SHARED_CONSTANTS.PCG_MULTIPLIER.value;
export const PCG_INCREMENT = SHARED_CONSTANTS.PCG_INCREMENT.value;
export const PCG_OUTPUT_MULTIPLIER = SHARED_CONSTANTS.PCG_OUTPUT_MULTIPLIER.value;
export const UNIT_FLOAT_SCALE = SHARED_CONSTANTS.UNIT_FLOAT_SCALE.value;
export const GGX_MIN_ALPHA = SHARED_CONSTANTS.GGX_MIN_ALPHA.value;

/**
 * The shortest decimal that reads back as the same f32 as x, with a decimal point so WGSL parses
 * it as a float: WGSL rounds a literal to f32, so the digits past f32 precision say nothing.
 */
export function wgslFloat(x: number): string {
  const target = Math.fround(x);
  if (!Number.isFinite(target)) throw new Error(`${x} is not a finite f32`);
  let text = String(target);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(target.toPrecision(digits));
    if (Math.fround(candidate) === target) { text = String(candidate); break; }
  }
  const [mantissa, exponent] = text.split('e');
  const withPoint = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return exponent === undefined ? withPoint : `${withPoint}e${exponent.replace('+', '')}`;
}

/** One WGSL `const` line per shared constant, each after a comment saying why. */
export function constantsWgsl(): string {
  return Object.entries(SHARED_CONSTANTS as Record<string, SharedConstant>)
    .map(([name, { type, value, why }]) => {
      const literal = type === 'f32' ? wgslFloat(value) : `${value}u`;
      if (type === 'u32' && !(Number.isInteger(value) && value >= 0 && value < 2 ** 32)) {
        throw new Error(`${name} = ${value} is not a u32`);
      }
      return `// ${why}\nconst ${name}: ${type} = ${literal};`;
    })
    .join('\n');
}
