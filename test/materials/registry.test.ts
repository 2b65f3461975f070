import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScene } from '../../src/compile/compile.js';
import { MaterialLayout } from '../../src/compile/layout.js';
import { viewScene } from '../../src/compile/packed.js';
import { assembleShader, shaderPath } from '../../src/gpu/modules.js';
import {
  MATERIAL_TYPES, MATERIALS, MaterialKind, materialBrdf, materialKindOf, materialSchema, scatterMaterial, whittedStep,
} from '../../src/materials/material.js';
import { parseScene } from '../../src/scene/load.js';
import { TraceContext } from '../../src/tracers/context.js';

/**
 * The material registry (src/materials/material.ts): every enrolled kind has all it needs, on
 * both sides, and everything derived from the list (numbers, schema union, the dispatches)
 * follows it.
 */

const SCENES = new URL('../../scenes/', import.meta.url);
const GOLDEN = new URL('../golden/', import.meta.url);

interface SceneJson { materials: Record<string, { type: string }>; objects: { material: string }[] }

/** Each scene file with a golden image, and the material types its objects use. */
const scenes = readdirSync(SCENES)
  .filter((name) => name.endsWith('.json') && existsSync(new URL(name.replace(/\.json$/, '.png'), GOLDEN)))
  // Not the scenes of mesh files, which only loadScene reads (test/meshes/ has theirs).
  .filter((name) => !/"type":\s*"(mesh|instance)"/.test(readFileSync(new URL(name, SCENES), 'utf8')))
  .map((name) => {
    const json = JSON.parse(readFileSync(new URL(name, SCENES), 'utf8')) as SceneJson;
    return { name, json, types: new Set(json.objects.map((o) => json.materials[o.material]!.type)) };
  });

/** The function a WGSL call expression calls: `phong_brdf(m, n, wi, wo)` → phong_brdf. */
const callee = (call: string): string => /^(\w+)\(/.exec(call)![1]!;

describe.each(MATERIALS.map((kind) => [kind.type, kind] as const))('material kind %s', (type, kind) => {
  it('has its number, its place in the schema union and its WGSL functions', () => {
    expect(materialKindOf(MaterialKind[type])).toBe(kind);
    expect(MATERIAL_TYPES).toContain(type);
    expect(materialSchema.options).toContain(kind.schema);
    for (const file of kind.wgsl.files) expect(existsSync(shaderPath(file)), `shaders/${file}`).toBe(true);
    const shader = assembleShader(['render.wgsl']);
    for (const call of [kind.wgsl.brdf, kind.wgsl.scatter, kind.wgsl.bsdf, kind.wgsl.whitted]) {
      expect(shader, `fn ${callee(call)} in the assembled shader`).toMatch(new RegExp(`\\bfn ${callee(call)}\\(`));
    }
  });

  it('is shown by a scene with a golden image', () => {
    expect(scenes.filter((s) => s.types.has(type)).map((s) => s.name), `a scene in scenes/ using a ${type}`).not.toEqual([]);
  });

  it('is reached by the CPU dispatches, as its own functions', () => {
    const scene = scenes.find((s) => s.types.has(type))!;
    const [name, material] = Object.entries(scene.json.materials).find(([, m]) => m.type === type)!;
    const object = scene.json.objects.find((o) => o.material === name)!;
    // An image environment needs its file read by loadScene; the material does not need it.
    const lights = ((scene.json as { lights?: object[] }).lights ?? []).filter((light) => !('image' in light));
    const single = parseScene({ ...scene.json, lights, materials: { [name]: material }, objects: [object] }, scene.name);
    const view = viewScene(compileScene(single));
    const [a, b] = [new TraceContext(view), new TraceContext(view)];
    const base = 0;
    expect(view.materialsU[base + MaterialLayout.offset.kind]).toBe(MaterialKind[type]);

    // Direct lighting: n = +y, wo and wi on either side of it.
    const shading = Float64Array.of(0, 0, 0, 0, 1, 0, 0.6, 0.8, 0);
    const wi = Float64Array.of(-0.28, 0.96, 0);
    const [viaDispatch, direct] = [new Float64Array(3), new Float64Array(3)];
    materialBrdf(view.materials, view.materialsU, base, shading, wi, viaDispatch);
    kind.brdf(view.materials, base, shading, wi, direct);
    expect([...viaDispatch]).toEqual([...direct]);

    // A bounce, and a whitted step, from the same arguments through each door.
    const args = [0.1, 0.2, 0.3, 1e-4, 0.6, -0.8, 0, 0, 1, 0, true, 2, 0.37, 0.71, 5, 1] as const;
    const scattered = [scatterMaterial(a, view.materialsU, base, ...args), kind.scatter(b, base, ...args)];
    expect(scattered[0]).toBe(scattered[1]);
    expect([...a.scatter.wi, ...a.scatter.origin, ...a.scatter.attenuation]).toEqual([...b.scatter.wi, ...b.scatter.origin, ...b.scatter.attenuation]);
    const step = [0.1, 0.2, 0.3, 1e-4, 0.6, -0.8, 0, 0, 1, 0, true, 2, 0.6, 0.8, 0, 0.5, 0.25, 1, true, 5, 1] as const;
    expect(whittedStep(a, view.materialsU, base, ...step)).toBe(kind.whitted(b, base, ...step));
    expect([...a.spawn]).toEqual([...b.spawn]);
  });
});

describe('the material dispatches', () => {
  it('refuse a kind number no kind has, on the CPU', () => {
    const mu = new Uint32Array(MaterialLayout.stride);
    expect(() => materialBrdf(new Float32Array(mu.buffer), mu, 0, new Float64Array(9), new Float64Array(3), new Float64Array(3))).toThrow(/no case for material kind 0/);
    mu[MaterialLayout.offset.kind] = MATERIALS.length + 1;
    expect(() => materialBrdf(new Float32Array(mu.buffer), mu, 0, new Float64Array(9), new Float64Array(3), new Float64Array(3))).toThrow(/no case for material kind/);
  });

  it('in WGSL name every kind, each once', () => {
    const shader = assembleShader(['render.wgsl']);
    for (const fn of ['material_brdf', 'scatter_material', 'whitted_step']) {
      const body = shader.slice(shader.indexOf(`fn ${fn}(`), shader.indexOf('\n}\n', shader.indexOf(`fn ${fn}(`)));
      for (const kind of MATERIALS) {
        const name = `MATERIAL_${kind.type.toUpperCase()}`;
        expect(body.match(new RegExp(`\\b${name}\\b`, 'g')) ?? [], `${fn} names ${name}`).toHaveLength(1);
      }
    }
  });
});
