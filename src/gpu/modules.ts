/**
 * Assembles WGSL programs from shaders/ (STYLE.md, "Assembly"): the generated prelude (record
 * layouts and constants from compile/, kind numbers and dispatches from the enrolled kinds), the
 * scene bindings, the whole shader library and the entry files, concatenated. WGSL module-scope
 * declarations may come in any order, so concatenation needs no ordering; every .wgsl file stays
 * real WGSL, and the only generated text is the prelude.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CAMERA_WGSL_FILES, cameraWgsl } from '../cameras/camera.js';
import { layoutWgsl } from '../compile/layout.js';
import { MATERIAL_WGSL_FILES, materialWgsl } from '../materials/material.js';
import { LIGHT_WGSL_FILES, lightWgsl } from '../lights/light.js';
import { SHAPE_WGSL_FILES, shapeWgsl } from '../shapes/shape.js';
import { TRACER_WGSL_FILES, tracerWgsl } from '../tracers/tracer.js';

/** WGSL files in the shader library (everything but entry points), in a stable order. */
export const LIBRARY: readonly string[] = Object.freeze([
  'math/hash.wgsl',
  'math/onb.wgsl',
  'math/trig.wgsl',
  'math/ray.wgsl',
  'samplers/mapping.wgsl',
  'samplers/select.wgsl',
  'cameras/camera.wgsl',
  ...CAMERA_WGSL_FILES,
  ...SHAPE_WGSL_FILES,
  // The ray–torus solver hit_torus and torus_normal call (shapes/torus.wgsl).
  'shapes/torus_math.wgsl',
  'shapes/bvh.wgsl',
  'shapes/intersect.wgsl',
  'lights/light.wgsl',
  ...LIGHT_WGSL_FILES,
  'lights/ambient.wgsl',
  'lights/environment.wgsl',
  'materials/glossy_lobe.wgsl',
  'materials/scatter.wgsl',
  'materials/fresnel.wgsl',
  'materials/steps.wgsl',
  ...MATERIAL_WGSL_FILES,
  'tracers/context.wgsl',
  'tracers/direct.wgsl',
  'tracers/next_event.wgsl',
  ...TRACER_WGSL_FILES,
]);

/** Bind group 0, the packed scene: part of every assembled program. */
const BINDINGS = 'bindings.wgsl';

/**
 * The shaders folder sits at the package root; this file runs from src/gpu/ (tsx, vitest) or
 * dist/gpu/ (the build), both two levels below it.
 */
const SHADERS_DIR = new URL('../../shaders/', import.meta.url);

/** Absolute path of a file given relative to shaders/, e.g. 'math/hash.wgsl'. */
export function shaderPath(file: string): string {
  return fileURLToPath(new URL(file, SHADERS_DIR));
}

function section(name: string, text: string): string {
  return `// ---- ${name} ----\n${text.endsWith('\n') ? text : text + '\n'}`;
}

let libraryText: string | undefined;

/** Prelude, bindings and library: what every program starts with. Read once per process. */
function library(): string {
  libraryText ??= [
    section('layout (generated)', layoutWgsl()),
    section('camera kinds (generated)', cameraWgsl()),
    section('shape kinds (generated)', shapeWgsl()),
    section('material kinds (generated)', materialWgsl()),
    section('light kinds (generated)', lightWgsl()),
    section('tracer kinds (generated)', tracerWgsl()),
    ...[BINDINGS, ...LIBRARY].map((file) => section(file, readFileSync(shaderPath(file), 'utf8'))),
  ].join('\n');
  return libraryText;
}

const assembled = new Map<string, string>();

/**
 * layoutWgsl() + bindings.wgsl + LIBRARY + the given entry files (paths relative to shaders/),
 * concatenated with a `// ---- file ----` header per file; cached per entry list.
 */
export function assembleShader(entries: readonly string[]): string {
  const key = entries.join('\n');
  let code = assembled.get(key);
  if (code === undefined) {
    code = [library(), ...entries.map((file) => section(file, readFileSync(shaderPath(file), 'utf8')))].join('\n');
    assembled.set(key, code);
  }
  return code;
}

/** Prelude + bindings + library + the given WGSL text: for test kernels written inline. */
export function assembleWith(code: string): string {
  return [library(), section('(inline)', code)].join('\n');
}
