import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileScene } from '../../src/compile/compile.js';
import { ShapeLayout } from '../../src/compile/layout.js';
import { viewScene } from '../../src/compile/packed.js';
import { assembleShader, shaderPath } from '../../src/gpu/modules.js';
import { shapeBounds } from '../../src/shapes/bounds.js';
import { hitShape, objectSchema, OBJECT_TYPES, SHAPES, ShapeKind, shapeKindOf, shapeNormal } from '../../src/shapes/shape.js';
import { parseScene } from '../../src/scene/load.js';
import { loadMeshFiles } from '../../src/scene/meshFiles.js';

/**
 * The shape registry (src/shapes/shape.ts): every enrolled kind has all it needs, on both sides,
 * and everything derived from the list (numbers, schema union, both dispatches) follows it.
 */

const SCENES = new URL('../../scenes/', import.meta.url);
const GOLDEN = new URL('../golden/', import.meta.url);

/** Each scene file with a golden image, and the object types it uses. */
const scenes = readdirSync(SCENES)
  .filter((name) => name.endsWith('.json') && existsSync(new URL(name.replace(/\.json$/, '.png'), GOLDEN)))
  .map((name) => {
    const json = JSON.parse(readFileSync(new URL(name, SCENES), 'utf8')) as { objects: { type: string }[] };
    return { name, json, types: new Set(json.objects.map((o) => o.type)) };
  });

describe.each(SHAPES.map((kind) => [kind.type, kind] as const))('shape kind %s', (type, kind) => {
  it('has its number, its place in the schema union and its WGSL functions', () => {
    expect(shapeKindOf(ShapeKind[type])).toBe(kind);
    expect(OBJECT_TYPES).toContain(type);
    // Its schema, with the transform every object may have (shapes/shape.ts).
    const option = objectSchema.options.find((o) => Object.keys(o.shape).length > 0 && (o.shape as { type: { value: unknown } }).type.value === type);
    expect(Object.keys(option!.shape)).toEqual([...Object.keys((kind.schema as unknown as { shape: object }).shape), 'transform']);
    const wgsl = readFileSync(shaderPath(kind.wgsl.file), 'utf8');
    const names = [kind.wgsl.hit, kind.wgsl.normal, kind.wgsl.areaSample].filter((n) => n !== undefined);
    const shader = assembleShader(['render.wgsl']);
    for (const name of names) expect(shader, `fn ${name} in the assembled shader`).toMatch(new RegExp(`\\bfn ${name}\\(`));
    expect(wgsl, `${kind.wgsl.file} holds the kind's hit function`).toMatch(new RegExp(`\\bfn ${kind.wgsl.hit}\\(`));
    expect(kind.areaSample === undefined).toBe(kind.wgsl.areaSample === undefined);
  });

  it('is shown by a scene with a golden image', () => {
    expect(scenes.filter((s) => s.types.has(type)).map((s) => s.name), `a scene in scenes/ using a ${type}`).not.toEqual([]);
  });

  it('is reached by both CPU dispatches, as its own functions', async () => {
    const scene = scenes.find((s) => s.types.has(type))!;
    // Untransformed, so that the kind's own record comes first (a transform makes an instance of
    // it); an instance keeps its own, without which it would place its definition as it is.
    const found = scene.json.objects.find((o) => o.type === type)! as { type: string; transform?: unknown };
    const { transform: _moved, ...untransformed } = found;
    const object = type === 'instance' ? found : untransformed;
    const path = fileURLToPath(new URL(scene.name, SCENES));
    const single = await loadMeshFiles(parseScene({ ...scene.json, objects: [object] }, path), path);
    const view = viewScene(compileScene(single));
    const box = new Float64Array(6);
    // A ray from outside the shape toward the middle of its bounds, or, where that is a hole (an
    // annulus), halfway from there to the bounds' +x side; along a plane's normal for a plane.
    const rayTo = (target: number[], from: number[]): Float64Array => {
      const d = target.map((x, i) => x - from[i]!);
      const length = Math.hypot(...d);
      return Float64Array.of(from[0]!, from[1]!, from[2]!, d[0]! / length, d[1]! / length, d[2]! / length);
    };
    let rays: Float64Array[];
    if (shapeBounds(view.shapes, view.shapesU, 0, box, 0, view.nodes)) {
      const size = Math.max(box[3] - box[0], box[4] - box[1], box[5] - box[2]);
      rays = [0.5, 0.75].map((alongX) => {
        const target = [box[0] + alongX * (box[3] - box[0]), (box[1] + box[4]) / 2, (box[2] + box[5]) / 2];
        return rayTo(target, [target[0] + 0.31 * size, target[1] + 0.23 * size, target[2] + 3 * size]);
      });
    } else {
      const a = ShapeLayout.offset.a, n = ShapeLayout.offset.n;
      const target = [0, 1, 2].map((i) => view.shapes[a + i]);
      rays = [rayTo(target, target.map((x, i) => x + 10 * view.shapes[n + i] + (i === 0 ? 0.5 : 0)))];
    }
    const ray = rays.find((r) => hitShape(view.shapes, view.shapesU, 0, r, 0, view) < Infinity) ?? rays[0]!;
    const t = hitShape(view.shapes, view.shapesU, 0, ray, 0, view);
    expect(t).toBe(kind.hit(view.shapes, 0, ray, 0, view));
    expect(Number.isFinite(t), 'the ray hits').toBe(true);
    const [viaDispatch, direct] = [new Float64Array(3), new Float64Array(3)];
    const p = [0, 1, 2].map((i) => ray[i] + t * ray[i + 3]);
    shapeNormal(view.shapes, view.shapesU, 0, p[0], p[1], p[2], viaDispatch, view);
    kind.normal(view.shapes, 0, p[0], p[1], p[2], direct, view);
    expect([...viaDispatch]).toEqual([...direct]);
    expect(Math.hypot(...viaDispatch)).toBeCloseTo(1, 5);
  });
});

describe('the shape dispatches', () => {
  it('refuse a kind number no kind has, on the CPU', () => {
    const kinds = Uint32Array.of(0, 0, 0, 0);
    expect(() => hitShape(new Float32Array(4), kinds, 0, new Float64Array(6), 0, undefined as never)).toThrow(/no case for shape kind 0/);
    kinds[0] = SHAPES.length + 1;
    expect(() => shapeNormal(new Float32Array(4), kinds, 0, 0, 0, 0, new Float64Array(3), undefined as never)).toThrow(/no case for shape kind/);
  });

  it('in WGSL name every kind, each once', () => {
    const shader = assembleShader(['render.wgsl']);
    for (const fn of ['hit_shape', 'shape_normal', 'sample_area_light']) {
      const body = shader.slice(shader.indexOf(`fn ${fn}(`), shader.indexOf('\n}\n', shader.indexOf(`fn ${fn}(`)));
      for (const kind of SHAPES) {
        const name = `SHAPE_${kind.type.replace(/[A-Z]/g, (c) => '_' + c).toUpperCase()}`;
        expect(body.match(new RegExp(`\\b${name}\\b`, 'g')) ?? [], `${fn} names ${name}`).toHaveLength(1);
      }
    }
  });
});
