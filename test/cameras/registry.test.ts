import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Camera, CAMERAS, CAMERA_TYPES, CameraKind, cameraKindOf, cameraRay, cameraSchema } from '../../src/cameras/camera.js';
import { compileScene } from '../../src/compile/compile.js';
import { viewScene } from '../../src/compile/packed.js';
import { assembleShader, shaderPath } from '../../src/gpu/modules.js';
import { parseScene } from '../../src/scene/load.js';

/**
 * The camera registry (src/cameras/camera.ts): every enrolled kind has all it needs, on both
 * sides, and everything derived from the list (numbers, schema union, both dispatches) follows it.
 */

const SCENES = new URL('../../scenes/', import.meta.url);
const GOLDEN = new URL('../golden/', import.meta.url);

/** Each scene file with a golden image, and its camera's type. */
const scenes = readdirSync(SCENES)
  .filter((name) => name.endsWith('.json') && existsSync(new URL(name.replace(/\.json$/, '.png'), GOLDEN)))
  .map((name) => {
    const json = JSON.parse(readFileSync(new URL(name, SCENES), 'utf8')) as { camera?: { type?: string } };
    return { name, json, type: json.camera?.type ?? 'pinhole' };
  });

describe.each(CAMERAS.map((kind) => [kind.type, kind] as const))('camera kind %s', (type, kind) => {
  it('has its number, its place in the schema union and its WGSL function', () => {
    expect(cameraKindOf(CameraKind[type])).toBe(kind);
    expect(CAMERA_TYPES).toContain(type);
    expect(cameraSchema.options).toContain(kind.schema);
    const wgsl = readFileSync(shaderPath(kind.wgsl.file), 'utf8');
    expect(wgsl, `${kind.wgsl.file} holds the kind's ray function`).toMatch(new RegExp(`\\bfn ${kind.wgsl.ray}\\(px: u32, py: u32, s: vec2f, lens: vec2f\\) -> Ray`));
    expect(assembleShader(['render.wgsl'])).toMatch(new RegExp(`\\bfn ${kind.wgsl.ray}\\(`));
  });

  it('is shown by a scene with a golden image', () => {
    expect(scenes.filter((s) => s.type === type).map((s) => s.name), `a scene in scenes/ with a ${type} camera`).not.toEqual([]);
  });

  it('is reached by the CPU dispatch, as its own function', () => {
    const scene = scenes.find((s) => s.type === type)!;
    const view = viewScene(compileScene(parseScene(scene.json, scene.name)));
    const camera = new Camera(view.frame, view.frameU);
    expect(camera.rayFunction).toBe(kind.ray);
    expect(camera.lens).toBe(kind.lens);
    const [viaDispatch, direct] = [new Float64Array(6), new Float64Array(6)];
    for (const [px, py] of [[0, 0], [10, 7], [31, 20]]) {
      cameraRay(camera, px, py, 0.3, 0.6, 0.2, -0.4, viaDispatch);
      kind.ray(camera, px, py, 0.3, 0.6, 0.2, -0.4, direct);
      expect([...viaDispatch]).toEqual([...direct]);
    }
  });
});

describe('the camera dispatches', () => {
  it('refuse a kind number no kind has, on the CPU', () => {
    const c = { kind: 0 } as unknown as Camera;
    expect(() => cameraRay(c, 0, 0, 0, 0, 0, 0, new Float64Array(6))).toThrow(/no case for camera kind 0/);
    expect(() => cameraKindOf(CAMERAS.length + 1)).toThrow(/no case for camera kind/);
  });

  it('in WGSL name every kind, each once', () => {
    const shader = assembleShader(['render.wgsl']);
    for (const fn of ['camera_ray', 'camera_uses_lens']) {
      const body = shader.slice(shader.indexOf(`fn ${fn}(`), shader.indexOf('\n}\n', shader.indexOf(`fn ${fn}(`)));
      for (const kind of CAMERAS) {
        const name = `CAMERA_${kind.type.replace(/[A-Z]/g, (c) => '_' + c).toUpperCase()}`;
        expect(body.match(new RegExp(`\\b${name}\\b`, 'g')) ?? [], `${fn} names ${name}`).toHaveLength(1);
      }
    }
  });
});
