import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScene } from '../../src/compile/compile.js';
import { LightLayout, wgslKindName } from '../../src/compile/layout.js';
import { viewScene } from '../../src/compile/packed.js';
import { assembleShader, shaderPath } from '../../src/gpu/modules.js';
import { lightAttenuation, lightDirection, LightKind, lightKindOf, LIGHTS, SCENE_LIGHTS } from '../../src/lights/light.js';
import { lightSchema } from '../../src/scene/schema.js';
import { LIGHT_TYPES } from '../../src/scene/types.js';
import { sceneFrom } from '../support/render.js';

/**
 * The light registry (src/lights/light.ts): every enrolled kind has all it needs on both sides,
 * and everything derived from the list (numbers, schema union, both dispatches) follows it.
 */

const SCENES = new URL('../../scenes/', import.meta.url);
const GOLDEN = new URL('../golden/', import.meta.url);

/** Each scene file with a golden image, and the light types it uses. */
const scenes = readdirSync(SCENES)
  .filter((name) => name.endsWith('.json') && existsSync(new URL(name.replace(/\.json$/, '.png'), GOLDEN)))
  // Not the scenes of mesh files, which only loadScene reads (test/meshes/ has theirs).
  .filter((name) => !/"type":\s*"(mesh|instance)"/.test(readFileSync(new URL(name, SCENES), 'utf8')))
  .map((name) => {
    const json = JSON.parse(readFileSync(new URL(name, SCENES), 'utf8')) as { lights?: { type: string }[]; objects: object[] };
    return { name, json, types: new Set((json.lights ?? []).map((l) => l.type)) };
  });

const shader = assembleShader(['render.wgsl']);
/** The body of a generated WGSL function. */
const body = (fn: string): string => shader.slice(shader.indexOf(`fn ${fn}(`), shader.indexOf('\n}\n', shader.indexOf(`fn ${fn}(`)));

describe.each(SCENE_LIGHTS.map((kind) => [kind.type, kind] as const))('scene light kind %s', (type, kind) => {
  it('has its number, its place in the schema union and its WGSL functions, reached by the generated switches', () => {
    expect(lightKindOf(LightKind[type])).toBe(kind);
    expect(LIGHT_TYPES).toContain(type);
    expect(lightSchema.options).toContain(kind.schema);
    for (const name of [kind.wgsl.direction, kind.wgsl.attenuation]) expect(shader, `fn ${name}`).toMatch(new RegExp(`\\bfn ${name}\\(`));
    expect(readFileSync(shaderPath(kind.wgsl.file), 'utf8'), `${kind.wgsl.file} holds its attenuation`).toMatch(new RegExp(`\\bfn ${kind.wgsl.attenuation}\\(`));
    const name = wgslKindName('LIGHT', type);
    expect(body('light_direction')).toContain(`case ${name}: { return ${kind.wgsl.direction}(i, p); }`);
    expect(body('light_attenuation')).toContain(`case ${name}: { return ${kind.wgsl.attenuation}(i, wi, dist); }`);
  });

  it('is shown by a scene with a golden image', () => {
    expect(scenes.filter((s) => s.types.has(type)).map((s) => s.name), `a scene in scenes/ with a ${type} light`).not.toEqual([]);
  });

  it('is reached by both CPU dispatches, as its own functions', () => {
    const scene = scenes.find((s) => s.types.has(type))!;
    const light = scene.json.lights!.find((l) => l.type === type)!;
    const view = viewScene(compileScene(sceneFrom({ ...scene.json, lights: [light] })));
    expect(view.lightsU[LightLayout.offset.kind]).toBe(LightKind[type]);
    const [viaDispatch, direct] = [new Float64Array(3), new Float64Array(3)];
    const p = [0.3, -0.2, 0.1];
    const dist = lightDirection(view.lights, view.lightsU, 0, p[0], p[1], p[2], viaDispatch);
    expect(dist).toBe(kind.direction(view.lights, 0, p[0], p[1], p[2], direct));
    expect([...viaDispatch]).toEqual([...direct]);
    expect(Math.hypot(...viaDispatch)).toBeCloseTo(1, 6);
    expect(lightAttenuation(view.lights, view.lightsU, 0, direct, dist)).toBe(kind.attenuation(view.lights, view.lightsU, 0, direct, dist));
  });
});

describe('the light family', () => {
  it('enrols the area light without a scene schema, and only the scene kinds and the environment are scene types', () => {
    const area = LIGHTS.find((kind) => kind.type === 'area')!;
    expect(area.schema).toBeNull();
    expect(lightKindOf(LightKind.area)).toBe(area);
    expect(LIGHT_TYPES).toEqual([...SCENE_LIGHTS.map((kind) => kind.type), 'environment']);
    expect(body('light_direction')).toMatch(/case LIGHT_AREA, default:/);
  });

  it('numbers the kinds by their place, and the dispatches refuse a number no kind has', () => {
    LIGHTS.forEach((kind, i) => expect(LightKind[kind.type]).toBe(i + 1));
    expect(() => lightKindOf(0)).toThrow(/no case for light kind 0/);
    const lu = Uint32Array.of(LIGHTS.length + 1);
    expect(() => lightDirection(new Float32Array(1), lu, 0, 0, 0, 0, new Float64Array(3))).toThrow(/no case for light kind/);
    lu[0] = LightKind.area;
    expect(() => lightAttenuation(new Float32Array(1), lu, 0, new Float64Array(3), 1)).toThrow(/no case for light kind/);
  });
});
