import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { wgslKindName } from '../../src/compile/layout.js';
import { assembleShader, shaderPath } from '../../src/gpu/modules.js';
import { TRACER_TYPES, TRACERS, TracerKind, tracerKindOf } from '../../src/tracers/tracer.js';
import { parseScene } from '../../src/scene/load.js';
import { tinyScene } from '../support/cli.js';

/** The tracer registry (src/tracers/tracer.ts): each enrolled kind has its twin, and what follows from the list follows it. */
describe.each(TRACERS.map((kind) => [kind.type, kind] as const))('tracer %s', (type, kind) => {
  it('has its number, its scene name and its WGSL trace function, reached by the generated trace', () => {
    expect(tracerKindOf(TracerKind[type])).toBe(kind);
    expect(TRACER_TYPES).toContain(type);
    expect(readFileSync(shaderPath(kind.wgsl.file), 'utf8')).toMatch(new RegExp(`\\bfn ${kind.wgsl.trace}\\(`));
    const shader = assembleShader(['render.wgsl']);
    const trace = shader.slice(shader.indexOf('fn trace('), shader.indexOf('\n}\n', shader.indexOf('fn trace(')));
    expect(trace).toContain(`case ${wgslKindName('TRACER', type)}: { return ${kind.wgsl.trace}(ray, j); }`);
  });

  it('takes a scene that names it, up to its depth limit', () => {
    const scene = { ...tinyScene(), tracer: type, image: { ...tinyScene().image, maxDepth: kind.maxDepth?.value ?? 5 } };
    if (type === 'pathTrace') Object.assign(scene, { lights: [{ type: 'environment' }] });
    expect(parseScene(scene, 't.json').tracer.type).toBe(type);
    if (kind.maxDepth !== undefined) {
      scene.image.maxDepth = kind.maxDepth.value + 1;
      expect(() => parseScene(scene, 't.json')).toThrow(new RegExp(`maxDepth.*from 0 to ${kind.maxDepth.value} under the ${type} tracer`));
    }
  });
});

describe('the tracer dispatch', () => {
  it('refuses a number no tracer has', () => {
    expect(() => tracerKindOf(0)).toThrow(/no case for tracer kind 0/);
    expect(() => tracerKindOf(TRACERS.length + 1)).toThrow(/no case for tracer kind/);
  });
});
