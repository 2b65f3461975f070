import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { sceneJsonSchema } from '../../src/scene/index.js';
import { sceneJsonSchemaText } from '../../src/scene/schema.js';

const schemaFile = new URL('../../scenes/schema/scene.schema.json', import.meta.url);

describe('scenes/schema/scene.schema.json', () => {
  it('is what sceneJsonSchema() generates (else run: npx tsx src/scene/writeSchema.ts)', async () => {
    const committed = await readFile(schemaFile, 'utf8');
    expect(committed, 'scenes/schema/scene.schema.json is stale: run npx tsx src/scene/writeSchema.ts').toBe(sceneJsonSchemaText());
  });

  it('describes the format: strict, with the required fields and every kind', () => {
    const schema = sceneJsonSchema() as Record<string, any>;
    expect(schema['additionalProperties']).toBe(false);
    expect(schema['required']).toEqual(['version', 'materials', 'objects']);
    const types = (union: any) => union.oneOf.map((o: any) => o.properties.type.const);
    expect(types(schema['properties'].camera)).toEqual(['pinhole', 'thinLens', 'orthographic', 'fisheye', 'spherical', 'stereo']);
    expect(types(schema['properties'].objects.items)).toEqual(['sphere', 'plane', 'disk', 'rectangle', 'box', 'triangle', 'torus', 'openCylinder', 'solidCylinder', 'cone', 'solidCone', 'annulus', 'mesh', 'instance']);
    expect(types(schema['properties'].materials.additionalProperties)).toEqual(['matte', 'phong', 'reflective', 'glossy', 'plastic', 'lambertian', 'metal', 'dielectric', 'emissive', 'conductor']);
    expect(types(schema['properties'].lights.items)).toEqual(['directional', 'point', 'spot', 'environment']);
    // A tracer's name, or its object form with the kind's options.
    const [names, objects] = schema['properties'].tracer.anyOf;
    expect(names.enum).toEqual(['rayCast', 'whitted', 'areaLighting', 'pathTrace']);
    expect(types(objects)).toEqual(['rayCast', 'whitted', 'areaLighting', 'pathTrace']);
    expect(objects.oneOf[3].properties.nee.type).toBe('boolean');
    expect(schema['properties'].$schema.type).toBe('string');
  });
});
