import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScene } from '../../src/compile/compile.js';
import { BvhNodeLayout, FrameLayout, LightLayout, MaterialLayout, RECORDS, ShapeLayout, type FieldType, type RecordLayout } from '../../src/compile/layout.js';
import type { PackedScene } from '../../src/compile/packed.js';
import { gpuAvailable } from '../support/gpu.js';
import { GpuEval, inlineKernels } from '../support/gpuEval.js';
import { sceneFrom } from '../support/render.js';

const SIZE: Record<FieldType, number> = { u32: 1, f32: 1, vec3f: 3, vec4f: 4 };

describe('layout table (DESIGN.md contract 1)', () => {
  it.each(RECORDS.map((r) => [r.name, r] as const))('%s follows WGSL alignment and fits its stride', (_, r) => {
    const layout = r as RecordLayout<string>;
    let end = 0;
    for (const [field, type] of layout.fields) {
      const at = layout.offset[field];
      if (type === 'vec3f' || type === 'vec4f') expect(at % 4, `${layout.name}.${field}`).toBe(0);
      expect(at, `${layout.name}.${field} overlaps the field before`).toBeGreaterThanOrEqual(end);
      end = at + SIZE[type];
    }
    expect(layout.stride).toBeGreaterThanOrEqual(end);
    expect(layout.stride % 4).toBe(0);
    expect(layout.wgsl).toContain(`struct ${layout.name} {`);
  });
});

/**
 * The same bytes read by both sides: a kernel generated from the table copies every field of the
 * frame and of the first two records of each array, as WGSL sees them, to the word offset the
 * TypeScript side uses. Any disagreement between the generated struct and the offsets shows up.
 */
const arrays: [RecordLayout<string>, string, keyof PackedScene][] = [
  [ShapeLayout as RecordLayout<string>, 'shapes', 'shapes'],
  [MaterialLayout as RecordLayout<string>, 'materials', 'materials'],
  [LightLayout as RecordLayout<string>, 'lights', 'lights'],
  [BvhNodeLayout as RecordLayout<string>, 'nodes', 'nodes'],
];

function copyFields(layout: RecordLayout<string>, source: string, outBase: number): string[] {
  return layout.fields.flatMap(([field, type]) => {
    const at = outBase + layout.offset[field];
    const value = `${source}.${field}`;
    if (type === 'u32') return [`outputs[${at}] = ${value};`];
    if (type === 'f32') return [`outputs[${at}] = bitcast<u32>(${value});`];
    return [...'xyzw'.slice(0, SIZE[type])].map((c, i) => `outputs[${at + i}] = bitcast<u32>(${value}.${c});`);
  });
}

const blocks: { name: keyof PackedScene | 'frame'; base: number; words: number }[] = [];
let outWords = 0;
const lines = [...copyFields(FrameLayout as RecordLayout<string>, 'frame', 0)];
blocks.push({ name: 'frame', base: 0, words: FrameLayout.stride });
outWords = FrameLayout.stride;
for (const [layout, binding, key] of arrays) {
  for (let i = 0; i < 2; i++) lines.push(...copyFields(layout, `${binding}[${i}]`, outWords + i * layout.stride));
  blocks.push({ name: key, base: outWords, words: 2 * layout.stride });
  outWords += 2 * layout.stride;
}

const KERNEL = inlineKernels('test/compile/layout.test.ts', /* wgsl */ `
@group(1) @binding(0) var<storage, read> inputs: array<f32>;
@group(1) @binding(1) var<storage, read_write> outputs: array<u32>;
@compute @workgroup_size(64)
fn copy_records(@builtin(global_invocation_id) id: vec3u) {
  if (id.x > 0u || inputs[0] != 0.0) { return; }
  ${lines.join('\n  ')}
}
`);

const hasGpu = await gpuAvailable();

describe.runIf(hasGpu)('layout table: a GPU readback field by field', () => {
  let gpu: GpuEval;
  beforeAll(async () => { gpu = await GpuEval.open(); });
  afterAll(() => gpu?.close());

  it('every field of every record reads the same word on both sides', async () => {
    const scene = sceneFrom({
      image: { width: 33, height: 17, samples: 4, seed: 99 },
      sampler: { type: 'jittered', sets: 5 },
      camera: { type: 'thinLens', eye: [1, 2, 30], lookAt: [0.5, 0, 0], lensRadius: 0.3, roll: 12 },
      ambient: { type: 'occlusion', color: [0.9, 0.8, 0.7], radiance: 0.5, minAmount: 0.1 },
      lights: [
        { type: 'point', position: [3, 9, 4], color: [1, 0.5, 0.25], radiance: 2 },
        { type: 'directional', direction: [0, 1, 1], shadows: false },
      ],
      materials: {
        a: { type: 'phong', color: [0.1, 0.2, 0.3], ka: 0.4, kd: 0.5, ks: 0.6, exp: 7, specularColor: [0.7, 0.8, 0.9] },
        b: { type: 'matte', color: [1, 0.5, 0] },
      },
      objects: [
        { type: 'sphere', center: [1, 2, 3], radius: 4, material: 'a' },
        { type: 'triangle', vertices: [[0, 0, 0], [1, 0, 0], [0, 1, 0.5]], material: 'b' },
        { type: 'disk', center: [-3, 1, 2], normal: [0, 1, 1], radius: 2, material: 'a' },
        { type: 'plane', point: [0, -5, 0], normal: [0, 1, 0], material: 'b' },
        // More than a leaf holds (BVH_MAX_LEAF_SIZE), so the tree has interior nodes to read.
        ...Array.from({ length: 12 }, (_, i) => ({ type: 'sphere', center: [10 * i, 0, -20], radius: 1, material: 'b' })),
      ],
    });
    const packed = compileScene(scene);
    const out = new Uint32Array((await gpu.run(KERNEL, 'copy_records', packed, new Float32Array(1), { count: 1, outputFloats: outWords })).buffer);
    for (const { name, base, words } of blocks) {
      const expected = new Uint32Array(packed[name]).subarray(0, words);
      expect(expected.length, `${name} holds the two records read`).toBe(words);
      const layout = name === 'frame' ? (FrameLayout as RecordLayout<string>) : arrays.find(([, , key]) => key === name)![0];
      for (const [field, type] of layout.fields) {
        for (let r = 0; r < (name === 'frame' ? 1 : 2); r++) {
          for (let c = 0; c < SIZE[type]; c++) {
            const at = r * layout.stride + layout.offset[field] + c;
            expect(out[base + at], `${layout.name}[${r}].${field}[${c}]`).toBe(expected[at]);
          }
        }
      }
    }
  });
});
