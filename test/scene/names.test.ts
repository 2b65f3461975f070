/**
 * Names are data: any material name a JSON object can hold works (none reaches a prototype), and
 * whatever a message quotes from the file stays short and on one line.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileScene } from '../../src/compile/compile.js';
import { MaterialLayout, ShapeLayout } from '../../src/compile/layout.js';
import { applyOverrides, loadScene, parseScene, SceneError } from '../../src/scene/index.js';
import { closeBackends, renderScene, sharedBackend } from '../support/render.js';
import { FILE, messageAfter, sceneError } from './support.js';

afterAll(closeBackends);

/**
 * A scene whose sphere uses the material called `name` (pure red) beside one called "green",
 * written as JSON text, as a file would hold it: `{"__proto__": …}` in an object literal would
 * set the prototype instead.
 */
function sceneNaming(name: string, material = '{"type": "matte", "color": [1, 0, 0], "ka": 1, "kd": 0}'): unknown {
  const key = JSON.stringify(name);
  return JSON.parse(`{
    "version": 1,
    "image": {"width": 4, "height": 4, "samples": 1},
    "sampler": {"type": "regular", "sets": 1},
    "ambient": {"radiance": 1},
    "camera": {"eye": [0, 0, 10], "lookAt": [0, 0, 0], "fov": 10},
    "materials": {"green": {"type": "matte", "color": [0, 1, 0], "ka": 1, "kd": 0}, ${key}: ${material}},
    "objects": [{"type": "sphere", "center": [0, 0, 0], "radius": 5, "material": ${key}}]
  }`);
}

describe('material names that are also Object.prototype names', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'])(
    '%s: validated, kept in order, and its sphere renders with it',
    async (name) => {
      const scene = parseScene(sceneNaming(name), FILE);
      expect(Object.keys(scene.materials)).toEqual(['green', name]);
      expect(Object.hasOwn(scene.materials, name)).toBe(true);
      expect(Object.getPrototypeOf(scene.materials)).toBe(Object.prototype);
      expect(scene.materials[name]).toEqual({ type: 'matte', color: [1, 0, 0], ka: 1, kd: 0 });
      // The sphere's packed material is the second record, not the first.
      const packed = compileScene(scene);
      expect(new Uint32Array(packed.shapes)[ShapeLayout.offset.material]).toBe(1);
      expect(new Float32Array(packed.materials)[MaterialLayout.stride + MaterialLayout.offset.color]).toBe(1);
      const { film } = await renderScene(scene, await sharedBackend('cpu'));
      // The sphere fills the view: every pixel red (ka · color · ambient), none green.
      for (let i = 0; i < film.length; i += 3) expect([film[i], film[i + 1], film[i + 2]]).toEqual([1, 0, 0]);
      // Overrides copy the scene without losing it.
      expect(applyOverrides(scene, { spp: 4 }).materials[name]).toEqual(scene.materials[name]);
    },
  );

  it('a bad material called __proto__ is refused like any other', () => {
    expect(sceneError(sceneNaming('__proto__', '5')).message).toBe(
      'scenes/a.json: materials.__proto__: expected a material object with a "type" (matte, phong, reflective, glossy, plastic, lambertian, metal, dielectric, emissive, conductor), found 5',
    );
    expect(sceneError(sceneNaming('__proto__', '{"type": "matte", "color": [1, 0, 0], "kd": -1}')).message).toBe(
      'scenes/a.json: materials.__proto__.kd: expected a number >= 0, found -1',
    );
  });

  it('"__proto__" as a field of the document or of an object is an unknown field', () => {
    const top = JSON.parse('{"__proto__": {"version": 2}, "version": 1, "materials": {}, "objects": []}');
    expect(sceneError(top).found).toBe('unknown field "__proto__"');
    const json = sceneNaming('red') as { objects: object[] };
    json.objects[0] = JSON.parse('{"type": "sphere", "center": [0, 0, 0], "radius": 1, "material": "red", "__proto__": {}}');
    expect(sceneError(json).path).toBe('objects[0].__proto__');
  });
});

describe('messages quote user input short and on one line', () => {
  const oneLine = (message: string) => {
    expect(message).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(message.length).toBeLessThan(400);
  };

  it('a 1 MB unknown field is cut to 60 characters, in the path and in what was found', () => {
    const key = 'k'.repeat(1_000_000);
    const message = messageAfter((s) => (s.objects[0][key] = 1));
    oneLine(message);
    const cut = `"${'k'.repeat(57)}…"`;
    expect(message).toBe(`scenes/a.json: objects[0][${cut}]: expected a known field (type, center, radius, material), found unknown field ${cut}`);
  });

  it('control characters in names are escaped', () => {
    const message = messageAfter((s) => (s.objects[0]['ra\ndius\u2028'] = 1));
    oneLine(message);
    expect(message).toContain('found unknown field "ra\\ndius\\u2028"');
    const material = messageAfter((s) => {
      s.materials['line\nbreak'] = { type: 'matte', color: [1, 1, 1] };
      s.objects[0].material = 'x\ry';
    });
    oneLine(material);
    expect(material).toBe('scenes/a.json: objects[0].material: expected one of the materials: red, shiny, "line\\nbreak", found "x\\ry"');
  });

  it('a long list of material names is cut, saying how many more', () => {
    const message = messageAfter((s) => {
      for (let i = 0; i < 10_000; i++) s.materials[`material${i}`] = { type: 'matte', color: [1, 1, 1] };
      s.objects[0].material = 'nope';
    });
    oneLine(message);
    expect(message).toMatch(/^scenes\/a.json: objects\[0\].material: expected one of the materials: red, shiny, material0, .*, … \(\d+ more\), found "nope"$/);
  });

  it('a file name with a line break is shown as a JSON string', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dualray-names-'));
    try {
      const path = join(dir, 'two\nlines.json');
      await writeFile(path, '{');
      const error = await loadScene(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SceneError);
      const message = (error as SceneError).message;
      oneLine(message);
      expect(message).toBe(`${JSON.stringify(path)}: (file): expected valid JSON, found a syntax error at line 1, column 2 (unexpected end of file)`);
      expect((error as SceneError).file).toBe(path);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
