import { describe, expect, it } from 'vitest';
import { parseScene, SceneError } from '../../src/scene/index.js';
import { FILE, messageAfter, minimal, sceneError } from './support.js';

const sphere = (radius: number) => ({ type: 'sphere', center: [0, 0, 0], radius, material: 'red' });

describe('SceneError', () => {
  it('formats file, path, expected and found on one line', () => {
    const error = new SceneError('scenes/a.json', 'objects[2].radius', 'a number > 0', '-1');
    expect(error.message).toBe('scenes/a.json: objects[2].radius: expected a number > 0, found -1');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SceneError');
    expect([error.file, error.path, error.expected, error.found]).toEqual(['scenes/a.json', 'objects[2].radius', 'a number > 0', '-1']);
  });
});

describe('parseScene error messages (contract 10)', () => {
  it('a bad number names the path and the value', () => {
    expect(messageAfter((s) => s.objects.push(sphere(1), sphere(-1)))).toBe(
      'scenes/a.json: objects[2].radius: expected a number > 0, found -1',
    );
  });

  it('a bad type lists the valid types', () => {
    expect(messageAfter((s) => s.objects.push({ ...sphere(1), type: 'spere' }))).toBe(
      'scenes/a.json: objects[1].type: expected one of sphere, plane, disk, rectangle, box, triangle, torus, openCylinder, solidCylinder, cone, solidCone, annulus, mesh, instance, found "spere" (did you mean "sphere"?)',
    );
  });

  it("a near miss of an enum's value or a union's type gets a suggestion, a far one none", () => {
    expect(messageAfter((s) => (s.tracer = 'pathTrac'))).toBe(
      'scenes/a.json: tracer: expected one of rayCast, whitted, areaLighting, pathTrace, found "pathTrac" (did you mean "pathTrace"?)',
    );
    expect(messageAfter((s) => (s.camera = { type: 'Pinhole' }))).toMatch(/found "Pinhole" \(did you mean "pinhole"\?\)$/);
    expect(messageAfter((s) => (s.materials.red.type = 'lambertan'))).toMatch(/found "lambertan" \(did you mean "lambertian"\?\)$/);
    expect(messageAfter((s) => (s.tracer = 'bidirectional'))).toMatch(/found "bidirectional"$/);
  });

  it('an unknown field lists the known ones and suggests the near miss', () => {
    expect(messageAfter((s) => (s.camera = { fovv: 45 }))).toBe(
      'scenes/a.json: camera.fovv: expected a known field (type, eye, lookAt, up, zoom, roll, fov, viewDistance), found unknown field "fovv" (did you mean "fov"?)',
    );
  });

  it('suggests only fields the object does not have yet', () => {
    expect(messageAfter((s) => (s.objects[0].radiu = 2))).toBe(
      'scenes/a.json: objects[0].radiu: expected a known field (type, center, radius, material), found unknown field "radiu"',
    );
    expect(messageAfter((s) => (s.objects[0] = { type: 'sphere', center: [0, 0, 0], radiu: 2, material: 'red' }))).toBe(
      'scenes/a.json: objects[0].radiu: expected a known field (type, center, radius, material), found unknown field "radiu" (did you mean "radius"?)',
    );
  });

  it('an unknown field of another type of the union says which type has it', () => {
    expect(messageAfter((s) => (s.camera = { lensRadius: 2 }))).toBe(
      'scenes/a.json: camera.lensRadius: expected a known field (type, eye, lookAt, up, zoom, roll, fov, viewDistance), found unknown field "lensRadius" (a field of type "thinLens")',
    );
  });

  it('an unknown top-level field is refused, with a suggestion', () => {
    const renamed = messageAfter((s) => {
      s.object = s.objects;
      delete s.objects;
    });
    expect(renamed).toBe(
      'scenes/a.json: object: expected a known field (version, image, sampler, camera, tracer, background, ambient, lights, materials, definitions, objects), found unknown field "object" (did you mean "objects"?)',
    );
  });

  it('a grid sampler needs a square sample count', () => {
    expect(
      messageAfter((s) => {
        s.image = { samples: 10 };
        s.sampler = { type: 'jittered' };
      }),
    ).toBe('scenes/a.json: image.samples: expected a perfect square for the jittered sampler (e.g. 16 or 25), found 10');
    expect(messageAfter((s) => (s.image = { samples: 10 }))).toBe(
      'scenes/a.json: image.samples: expected a perfect square for the multiJittered sampler (e.g. 16 or 25), found 10',
    );
  });

  it('every sample set is stored, so sets × samples is bounded (2^24 points, 128 MiB)', () => {
    expect(
      messageAfter((s) => {
        s.image = { samples: 65536 };
        s.sampler = { type: 'random', sets: 4096 };
      }),
    ).toBe('scenes/a.json: sampler.sets: expected sampler.sets × image.samples at most 16777216 (every set is stored; fewer sets or samples), found 4096 × 65536 = 268435456');
    // The default 83 sets with the most samples still fit.
    const most = minimal();
    most.image = { samples: 65536 };
    expect(parseScene(most, FILE).image.samples).toBe(65536);
  });

  it('a missing required field is found as nothing', () => {
    expect(messageAfter((s) => delete s.objects[0].material)).toBe(
      'scenes/a.json: objects[0].material: expected a string naming a material, found nothing',
    );
  });

  it('an object names a defined material', () => {
    expect(messageAfter((s) => (s.objects[0].material = 'blu'))).toBe(
      'scenes/a.json: objects[0].material: expected one of the materials: red, shiny, found "blu"',
    );
    expect(messageAfter((s) => (s.objects[0].material = 'toString'))).toContain('found "toString"');
    expect(
      messageAfter((s) => {
        s.materials = {};
        s.objects[0].material = 'red';
      }),
    ).toBe('scenes/a.json: objects[0].material: expected a material defined in "materials" (none are), found "red"');
  });

  it('a missing type lists the valid types', () => {
    expect(messageAfter((s) => (s.lights = [{ direction: [0, 1, 0] }]))).toBe(
      'scenes/a.json: lights[0].type: expected one of directional, point, spot, environment, found nothing',
    );
  });

  it('inside a valid type, the inner field is reported', () => {
    expect(messageAfter((s) => (s.materials.shiny.exp = 'high'))).toBe(
      'scenes/a.json: materials.shiny.exp: expected a number >= 0, found "high"',
    );
    expect(messageAfter((s) => (s.camera = { type: 'thinLens', lensRadius: -1 }))).toBe(
      'scenes/a.json: camera.lensRadius: expected a number >= 0, found -1',
    );
  });

  it('a wrong version comes first, whatever else is wrong', () => {
    expect(
      messageAfter((s) => {
        s.objects = [];
        s.version = 2;
      }),
    ).toBe('scenes/a.json: version: expected 1 (the scene format version), found 2');
    expect(messageAfter((s) => delete s.version)).toBe(
      'scenes/a.json: version: expected 1 (the scene format version), found nothing',
    );
  });

  it('the root must be an object', () => {
    expect(sceneError([1, 2]).message).toBe('scenes/a.json: (root): expected a JSON object (a dualray scene), found [1, 2]');
    expect(sceneError(null).message).toBe('scenes/a.json: (root): expected a JSON object (a dualray scene), found null');
  });

  it('keys that are not identifiers are quoted in the path', () => {
    expect(messageAfter((s) => (s.materials['my red'] = { type: 'matte', color: [1, 0, 0], kd: -1 }))).toBe(
      'scenes/a.json: materials["my red"].kd: expected a number >= 0, found -1',
    );
  });

  it('long values are truncated', () => {
    const message = messageAfter((s) => (s.objects = 'a'.repeat(1000)));
    expect(message).toBe(`scenes/a.json: objects: expected a non-empty array of objects, found "${'a'.repeat(58)}…`);
    const big = messageAfter((s) => (s.background = Array.from({ length: 100000 }, (_, i) => i)));
    expect(big.length).toBeLessThan(200);
    expect(big).toMatch(/^scenes\/a.json: background: expected a color \[r, g, b\] of 3 numbers >= 0, found \[0, 1, 2, .*…$/);
  });

  it('reports the first problem in document order', () => {
    // zod lists the unknown field after the field problems; the file has it first.
    expect(messageAfter((s) => (s.objects[0] = { typo: 1, ...sphere(-1) }))).toBe(
      'scenes/a.json: objects[0].typo: expected a known field (type, center, radius, material), found unknown field "typo"',
    );
    // A cross-section problem (the material) and a field problem: the earlier one in the file.
    expect(
      messageAfter((s) => {
        s.objects = [{ ...sphere(1), material: 'nope' }, sphere(-1)];
      }),
    ).toBe('scenes/a.json: objects[0].material: expected one of the materials: red, shiny, found "nope"');
    expect(
      messageAfter((s) => {
        s.objects = [sphere(-1), { ...sphere(1), material: 'nope' }];
      }),
    ).toBe('scenes/a.json: objects[0].radius: expected a number > 0, found -1');
    // Sections in the order the file gives them.
    const json = { objects: [sphere(0)], version: 1, materials: { red: { type: 'matte', color: [1, 0, 0] } }, image: { width: 0 } };
    expect(sceneError(json).message).toBe('scenes/a.json: objects[0].radius: expected a number > 0, found 0');
  });
});

/** Each constraint of the format, broken once: [what, edit, path, expected]. */
const rejections: [string, (s: Record<string, any>) => void, string, string][] = [
  ['image not an object', (s) => (s.image = 5), 'image', 'an object {width, height, samples, seed, maxDepth}'],
  ['width 0', (s) => (s.image = { width: 0 }), 'image.width', 'an integer from 1 to 67108864'],
  ['width fractional', (s) => (s.image = { width: 1.5 }), 'image.width', 'an integer from 1 to 67108864'],
  ['height 0', (s) => (s.image = { height: 0 }), 'image.height', 'an integer from 1 to 67108864'],
  ['height a string', (s) => (s.image = { height: '100' }), 'image.height', 'an integer from 1 to 67108864'],
  ['samples 0', (s) => (s.image = { samples: 0 }), 'image.samples', 'an integer from 1 to 65536'],
  ['seed negative', (s) => (s.image = { seed: -1 }), 'image.seed', 'an integer from 0 to 4294967295'],
  ['seed above u32', (s) => (s.image = { seed: 2 ** 32 }), 'image.seed', 'an integer from 0 to 4294967295'],
  ['maxDepth negative', (s) => (s.image = { maxDepth: -1 }), 'image.maxDepth', 'an integer from 0 to 256'],
  ['too many pixels', (s) => (s.image = { width: 8193, height: 8192 }), 'image', 'width x height at most 67108864 pixels (8192 x 8192)'],
  ['sampler type', (s) => (s.sampler = { type: 'sobol' }), 'sampler.type', 'one of regular, random, jittered, nRooks, multiJittered, hammersley'],
  ['sets 0', (s) => (s.sampler = { sets: 0 }), 'sampler.sets', 'an integer from 1 to 4096'],
  ['sets 4097', (s) => (s.sampler = { sets: 4097 }), 'sampler.sets', 'an integer from 1 to 4096'],
  ['regular 10', (s) => ((s.sampler = { type: 'regular' }), (s.image = { samples: 10 })), 'image.samples', 'a perfect square for the regular sampler (e.g. 16 or 25)'],
  ['camera type', (s) => (s.camera = { type: 'panoramic' }), 'camera.type', 'one of pinhole, thinLens, orthographic, fisheye, spherical, stereo'],
  ['camera not an object', (s) => (s.camera = 'pinhole'), 'camera', 'a camera object with a "type" (pinhole, thinLens, orthographic, fisheye, spherical, stereo)'],
  ['fisheye fov 400', (s) => (s.camera = { type: 'fisheye', fov: 400 }), 'camera.fov', 'an angle in degrees, > 0 and at most 360'],
  ['spherical verticalFov 190', (s) => (s.camera = { type: 'spherical', verticalFov: 190 }), 'camera.verticalFov', 'an angle in degrees, > 0 and at most 180'],
  ['stereo viewing', (s) => (s.camera = { type: 'stereo', viewing: 'crossed' }), 'camera.viewing', 'one of parallel, transverse'],
  ['stereo gap', (s) => (s.camera = { type: 'stereo', gap: -1 }), 'camera.gap', 'an integer >= 0'],
  ['stereo halves uneven', (s) => ((s.image = { width: 64 }), (s.camera = { type: 'stereo', gap: 3 })), 'camera.gap', 'a gap less than image.width that leaves an even number of pixels for the two halves'],
  ['eye of two', (s) => (s.camera = { eye: [0, 0] }), 'camera.eye', 'a point [x, y, z]'],
  ['eye of four', (s) => (s.camera = { eye: [0, 0, 1, 1] }), 'camera.eye', 'a point [x, y, z]'],
  ['eye with a string', (s) => (s.camera = { eye: [0, 'a', 0] }), 'camera.eye[1]', 'a finite number'],
  ['lookAt null', (s) => (s.camera = { lookAt: null }), 'camera.lookAt', 'a point [x, y, z]'],
  ['eye = lookAt', (s) => (s.camera = { eye: [1, 2, 3], lookAt: [1, 2, 3] }), 'camera.lookAt', 'a point different from eye'],
  ['up zero', (s) => (s.camera = { up: [0, 0, 0] }), 'camera.up', 'a nonzero up direction [x, y, z]'],
  ['zoom 0', (s) => (s.camera = { zoom: 0 }), 'camera.zoom', 'a number > 0'],
  ['roll a string', (s) => (s.camera = { roll: '90' }), 'camera.roll', 'a finite number'],
  ['fov 0', (s) => (s.camera = { fov: 0 }), 'camera.fov', 'an angle in degrees, > 0 and < 180'],
  ['fov 180', (s) => (s.camera = { fov: 180 }), 'camera.fov', 'an angle in degrees, > 0 and < 180'],
  ['viewDistance 0', (s) => (s.camera = { viewDistance: 0 }), 'camera.viewDistance', 'a number > 0'],
  ['fov and viewDistance', (s) => (s.camera = { fov: 40, viewDistance: 500 }), 'camera.viewDistance', 'either fov or viewDistance, not both'],
  ['thin lens both', (s) => (s.camera = { type: 'thinLens', fov: 40, viewDistance: 500 }), 'camera.viewDistance', 'either fov or viewDistance, not both'],
  ['focalDistance 0', (s) => (s.camera = { type: 'thinLens', focalDistance: 0 }), 'camera.focalDistance', 'a number > 0'],
  ['pixelSize 0', (s) => (s.camera = { type: 'orthographic', pixelSize: 0 }), 'camera.pixelSize', 'a number > 0'],
  ['fov on orthographic', (s) => (s.camera = { type: 'orthographic', fov: 40 }), 'camera.fov', 'a known field (type, eye, lookAt, up, zoom, roll, pixelSize)'],
  ['tracer', (s) => (s.tracer = 'raytrace'), 'tracer', 'one of rayCast, whitted, areaLighting, pathTrace'],
  ['background negative', (s) => (s.background = [0, -1, 0]), 'background[1]', 'a number >= 0'],
  ['background of two', (s) => (s.background = [0, 0]), 'background', 'a color [r, g, b] of 3 numbers >= 0'],
  ['ambient type', (s) => (s.ambient = { type: 'sky' }), 'ambient.type', 'one of constant, occlusion'],
  ['ambient radiance', (s) => (s.ambient = { radiance: -1 }), 'ambient.radiance', 'a number >= 0'],
  ['ambient minAmount on constant', (s) => (s.ambient = { minAmount: 0.5 }), 'ambient.minAmount', 'a known field (type, color, radiance)'],
  ['minAmount above 1', (s) => (s.ambient = { type: 'occlusion', minAmount: 1.5 }), 'ambient.minAmount', 'a number from 0 to 1'],
  ['minAmount below 0', (s) => (s.ambient = { type: 'occlusion', minAmount: -0.5 }), 'ambient.minAmount', 'a number from 0 to 1'],
  ['lights not an array', (s) => (s.lights = {}), 'lights', 'an array of lights'],
  ['light type', (s) => (s.lights = [{ type: 'area' }]), 'lights[0].type', 'one of directional, point, spot, environment'],
  ['environment gradient and color', (s) => (s.lights = [{ type: 'environment', color: [1, 1, 1], gradient: {} }]), 'lights[0].gradient', 'either gradient or color and radiance, not both'],
  ['environment gradient colour', (s) => (s.lights = [{ type: 'environment', gradient: { top: [1, -1, 1] } }]), 'lights[0].gradient.top[1]', 'a number >= 0'],
  ['environment shadows', (s) => (s.lights = [{ type: 'environment', shadows: true }]), 'lights[0].shadows', 'a known field (type, color, radiance, gradient, image, rotation)'],
  ['two environments', (s) => (s.lights = [{ type: 'environment' }, { type: 'point', position: [0, 0, 0] }, { type: 'environment' }]), 'lights[2]', 'at most one environment light'],
  ['point light under pathTrace without nee', (s) => ((s.tracer = { type: 'pathTrace', nee: false }), (s.lights = [{ type: 'environment' }, { type: 'point', position: [0, 0, 0] }])), 'lights[1].type', 'environment under the pathTrace tracer with "nee": false (its paths find light only on emissive objects and the environment; with next-event estimation, the default, it samples directional, point and spot lights)'],
  ['directional light under pathTrace without nee', (s) => ((s.tracer = { type: 'pathTrace', nee: false }), (s.lights = [{ type: 'directional', direction: [0, 1, 0] }])), 'lights[0].type', 'environment under the pathTrace tracer with "nee": false (its paths find light only on emissive objects and the environment; with next-event estimation, the default, it samples directional, point and spot lights)'],
  ['tracer type', (s) => (s.tracer = { type: 'pathTrac' }), 'tracer.type', 'one of rayCast, whitted, areaLighting, pathTrace'],
  ['tracer nee', (s) => (s.tracer = { type: 'pathTrace', nee: 'yes' }), 'tracer.nee', 'true or false'],
  ['tracer option of another kind', (s) => (s.tracer = { type: 'whitted', nee: true }), 'tracer.nee', 'a known field (type)'],
  ['tracer neither name nor object', (s) => (s.tracer = 3), 'tracer', 'a tracer name (rayCast, whitted, areaLighting, pathTrace) or an object with its "type"'],
  ['ambient under pathTrace', (s) => ((s.tracer = 'pathTrace'), (s.ambient = { radiance: 0.5 })), 'ambient', 'no ambient light under the pathTrace tracer (it traces indirect light instead)'],
  ['direction missing', (s) => (s.lights = [{ type: 'directional' }]), 'lights[0].direction', 'a direction [x, y, z]'],
  ['direction zero', (s) => (s.lights = [{ type: 'directional', direction: [0, 0, 0] }]), 'lights[0].direction', 'a nonzero direction [x, y, z]'],
  ['position missing', (s) => (s.lights = [{ type: 'point' }]), 'lights[0].position', 'a point [x, y, z]'],
  ['light radiance', (s) => (s.lights = [{ type: 'point', position: [0, 0, 0], radiance: -1 }]), 'lights[0].radiance', 'a number >= 0'],
  ['light color', (s) => (s.lights = [{ type: 'point', position: [0, 0, 0], color: [1, 1, -1] }]), 'lights[0].color[2]', 'a number >= 0'],
  ['shadows', (s) => (s.lights = [{ type: 'point', position: [0, 0, 0], shadows: 'yes' }]), 'lights[0].shadows', 'true or false'],
  ['falloff', (s) => (s.lights = [{ type: 'point', position: [0, 0, 0], falloff: 'linear' }]), 'lights[0].falloff', 'one of none, inverseSquare'],
  ['spot innerAngle missing', (s) => (s.lights = [{ type: 'spot', position: [0, 0, 0], direction: [0, -1, 0], outerAngle: 30 }]), 'lights[0].innerAngle', 'an angle in degrees from 0 to 180'],
  ['spot innerAngle negative', (s) => (s.lights = [{ type: 'spot', position: [0, 0, 0], direction: [0, -1, 0], innerAngle: -1, outerAngle: 30 }]), 'lights[0].innerAngle', 'an angle in degrees from 0 to 180'],
  ['spot outerAngle above 180', (s) => (s.lights = [{ type: 'spot', position: [0, 0, 0], direction: [0, -1, 0], innerAngle: 10, outerAngle: 181 }]), 'lights[0].outerAngle', 'an angle in degrees from 0 to 180'],
  ['spot innerAngle above outerAngle', (s) => (s.lights = [{ type: 'spot', position: [0, 0, 0], direction: [0, -1, 0], innerAngle: 40, outerAngle: 30 }]), 'lights[0].innerAngle', 'an angle in degrees from 0 to outerAngle (30)'],
  ['spot direction zero', (s) => (s.lights = [{ type: 'spot', position: [0, 0, 0], direction: [0, 0, 0], innerAngle: 10, outerAngle: 30 }]), 'lights[0].direction', 'a nonzero direction [x, y, z]'],
  ['spot falloff', (s) => (s.lights = [{ type: 'spot', position: [0, 0, 0], direction: [0, -1, 0], innerAngle: 10, outerAngle: 30, falloff: 2 }]), 'lights[0].falloff', 'one of none, inverseSquare'],
  ['materials missing', (s) => delete s.materials, 'materials', 'an object mapping material names to materials'],
  ['materials an array', (s) => (s.materials = []), 'materials', 'an object mapping material names to materials'],
  ['material type', (s) => (s.materials.red.type = 'glass'), 'materials.red.type', 'one of matte, phong, reflective, glossy, plastic, lambertian, metal, dielectric, emissive, conductor'],
  ['albedo missing', (s) => (s.materials.red = { type: 'lambertian' }), 'materials.red.albedo', 'a color [r, g, b] of 3 numbers from 0 to 1'],
  ['albedo above 1', (s) => (s.materials.red = { type: 'lambertian', albedo: [0.5, 1.5, 0.5] }), 'materials.red.albedo[1]', 'a number from 0 to 1'],
  ['metal fuzz above 1', (s) => (s.materials.red = { type: 'metal', albedo: [1, 1, 1], fuzz: 2 }), 'materials.red.fuzz', 'a number from 0 to 1'],
  ['ior 0', (s) => (s.materials.red = { type: 'dielectric', ior: 0 }), 'materials.red.ior', 'a number > 0'],
  ['filterIn negative', (s) => (s.materials.red = { type: 'dielectric', filterIn: [1, 1, -1] }), 'materials.red.filterIn[2]', 'a number from 0 to 1 (a transmittance)'],
  ['emissive radiance negative', (s) => (s.materials.red = { type: 'emissive', radiance: -1 }), 'materials.red.radiance', 'a number >= 0'],
  ['color on lambertian', (s) => (s.materials.red = { type: 'lambertian', albedo: [1, 1, 1], color: [1, 1, 1] }), 'materials.red.color', 'a known field (type, albedo)'],
  ['material color missing', (s) => delete s.materials.red.color, 'materials.red.color', 'a color [r, g, b] of 3 numbers >= 0'],
  ['ka negative', (s) => (s.materials.red.ka = -0.1), 'materials.red.ka', 'a number >= 0'],
  ['kd negative', (s) => (s.materials.red.kd = -0.1), 'materials.red.kd', 'a number >= 0'],
  ['ks on matte', (s) => (s.materials.red.ks = 0.1), 'materials.red.ks', 'a known field (type, color, ka, kd)'],
  ['ks negative', (s) => (s.materials.shiny.ks = -1), 'materials.shiny.ks', 'a number >= 0'],
  ['exp negative', (s) => (s.materials.shiny.exp = -1), 'materials.shiny.exp', 'a number >= 0'],
  ['specularColor', (s) => (s.materials.shiny.specularColor = [1, 1]), 'materials.shiny.specularColor', 'a color [r, g, b] of 3 numbers >= 0'],
  ['objects missing', (s) => delete s.objects, 'objects', 'a non-empty array of objects'],
  ['objects empty', (s) => (s.objects = []), 'objects', 'a non-empty array of objects'],
  ['object not an object', (s) => (s.objects = [5]), 'objects[0]', 'a geometric object with a "type" (sphere, plane, disk, rectangle, box, triangle, torus, openCylinder, solidCylinder, cone, solidCone, annulus, mesh, instance)'],
  ['material not a string', (s) => (s.objects[0].material = 3), 'objects[0].material', 'a string naming a material'],
  ['radius 0', (s) => (s.objects[0].radius = 0), 'objects[0].radius', 'a number > 0'],
  ['center missing', (s) => delete s.objects[0].center, 'objects[0].center', 'a point [x, y, z]'],
  ['plane normal zero', (s) => (s.objects[0] = { type: 'plane', point: [0, 0, 0], normal: [0, 0, 0], material: 'red' }), 'objects[0].normal', 'a nonzero normal [x, y, z]'],
  ['disk normal zero', (s) => (s.objects[0] = { type: 'disk', center: [0, 0, 0], normal: [0, 0, 0], radius: 1, material: 'red' }), 'objects[0].normal', 'a nonzero normal [x, y, z]'],
  ['disk radius', (s) => (s.objects[0] = { type: 'disk', center: [0, 0, 0], normal: [0, 0, 1], radius: -1, material: 'red' }), 'objects[0].radius', 'a number > 0'],
  ['rectangle edge zero', (s) => (s.objects[0] = { type: 'rectangle', corner: [0, 0, 0], edgeA: [0, 0, 0], edgeB: [0, 1, 0], material: 'red' }), 'objects[0].edgeA', 'a nonzero edge [x, y, z]'],
  ['rectangle parallel', (s) => (s.objects[0] = { type: 'rectangle', corner: [0, 0, 0], edgeA: [1, 0, 0], edgeB: [-2, 0, 0], material: 'red' }), 'objects[0].edgeB', 'an edge not parallel to edgeA (at least 1e-6 rad apart)'],
  ['box min = max on an axis', (s) => (s.objects[0] = { type: 'box', min: [0, 0, 0], max: [1, 0, 1], material: 'red' }), 'objects[0].max', 'a point greater than min on every axis'],
  ['box inverted', (s) => (s.objects[0] = { type: 'box', min: [1, 1, 1], max: [0, 0, 0], material: 'red' }), 'objects[0].max', 'a point greater than min on every axis'],
  ['triangle collinear', (s) => (s.objects[0] = { type: 'triangle', vertices: [[0, 0, 0], [1, 1, 1], [3, 3, 3]], material: 'red' }), 'objects[0].vertices', 'three vertices not on one line (sides at least 1e-6 rad apart)'],
  ['triangle repeated vertex', (s) => (s.objects[0] = { type: 'triangle', vertices: [[0, 0, 0], [0, 0, 0], [0, 1, 0]], material: 'red' }), 'objects[0].vertices', 'three vertices not on one line (sides at least 1e-6 rad apart)'],
  ['triangle of two', (s) => (s.objects[0] = { type: 'triangle', vertices: [[0, 0, 0], [1, 0, 0]], material: 'red' }), 'objects[0].vertices', 'three vertices [[x, y, z], [x, y, z], [x, y, z]]'],
  ['triangle vertex short', (s) => (s.objects[0] = { type: 'triangle', vertices: [[0, 0, 0], [1, 0], [0, 1, 0]], material: 'red' }), 'objects[0].vertices[1]', 'a vertex [x, y, z]'],
  ['torus tube as wide as the ring', (s) => (s.objects[0] = { type: 'torus', center: [0, 0, 0], sweptRadius: 1, tubeRadius: 1, material: 'red' }), 'objects[0].tubeRadius', 'a length less than sweptRadius (a ring with a hole)'],
  ['cylinder top at its bottom', (s) => (s.objects[0] = { type: 'openCylinder', bottom: 1, top: 1, radius: 1, material: 'red' }), 'objects[0].top', 'a number greater than bottom'],
  ['solid cylinder upside down', (s) => (s.objects[0] = { type: 'solidCylinder', bottom: 1, top: 0, radius: 1, material: 'red' }), 'objects[0].top', 'a number greater than bottom'],
  ['cone of height 0', (s) => (s.objects[0] = { type: 'cone', radius: 1, height: 0, material: 'red' }), 'objects[0].height', 'a number > 0'],
  ['solid cone of radius 0', (s) => (s.objects[0] = { type: 'solidCone', radius: 0, height: 1, material: 'red' }), 'objects[0].radius', 'a number > 0'],
  ['annulus hole as wide as the ring', (s) => (s.objects[0] = { type: 'annulus', center: [0, 0, 0], normal: [0, 1, 0], innerRadius: 1, outerRadius: 1, material: 'red' }), 'objects[0].outerRadius', 'a length greater than innerRadius'],
  ['$schema not a string', (s) => (s.$schema = 1), '$schema', 'a string (the path of scene.schema.json)'],
];

describe('every constraint rejects', () => {
  it.each(rejections)('%s', (_what, edit, path, expected) => {
    const scene = (() => {
      const s = { version: 1, materials: { red: { type: 'matte', color: [1, 0, 0] }, shiny: { type: 'phong', color: [1, 1, 0] } }, objects: [{ type: 'sphere', center: [0, 0, 0], radius: 50, material: 'red' }] } as Record<string, any>;
      edit(s);
      return s;
    })();
    const error = sceneError(scene);
    expect({ path: error.path, expected: error.expected }).toEqual({ path, expected });
    expect(error.message).toBe(`scenes/a.json: ${path}: expected ${expected}, found ${error.found}`);
    expect(error.found).not.toBe('');
  });
});
