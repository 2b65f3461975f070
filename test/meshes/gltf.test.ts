import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, type GLTF, NodeIO, Primitive } from '@gltf-transform/core';
import { describe, expect, it } from 'vitest';
import { readMeshFile } from '../../src/meshes/read.js';
import { refuse, tempFolder, transformPoint, writeAndRead } from './support.js';

const folder = tempFolder();
const io = new NodeIO();

const POSITIONS = [0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0];
const NORMALS = [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1];
const UVS = [0, 0, 1, 0, 1, 1, 0, 1];
const INDICES = [0, 1, 2, 0, 2, 3];

/** A document of one square mesh with a material, on one node, optionally with more put in by `extend`. */
function squareDocument(extend?: (document: Document, mesh: ReturnType<Document['createMesh']>) => void): Document {
  const document = new Document();
  const buffer = document.createBuffer('data');
  const accessor = (type: 'VEC2' | 'VEC3' | 'SCALAR', array: Float32Array | Uint16Array) => document.createAccessor().setType(type).setArray(array).setBuffer(buffer);
  const material = document.createMaterial('gold').setBaseColorFactor([1, 0.8, 0.3, 1]).setMetallicFactor(1).setRoughnessFactor(0.25).setEmissiveFactor([0.5, 0.25, 0]);
  const primitive = document.createPrimitive()
    .setAttribute('POSITION', accessor('VEC3', new Float32Array(POSITIONS)))
    .setAttribute('NORMAL', accessor('VEC3', new Float32Array(NORMALS)))
    .setAttribute('TEXCOORD_0', accessor('VEC2', new Float32Array(UVS)))
    .setIndices(accessor('SCALAR', new Uint16Array(INDICES)))
    .setMaterial(material);
  const mesh = document.createMesh('square').addPrimitive(primitive);
  const scene = document.createScene('scene');
  if (extend) extend(document, mesh);
  else scene.addChild(document.createNode('only').setMesh(mesh));
  document.getRoot().setDefaultScene(scene);
  return document;
}

const GOLD = { name: 'gold', baseColor: [1, 0.8, 0.3], metallic: 1, roughness: 0.25, emission: [0.5, 0.25, 0] };

function expectSquare(file: Awaited<ReturnType<typeof readMeshFile>>) {
  expect(file.meshes).toHaveLength(1);
  const mesh = file.meshes[0]!;
  expect(Array.from(mesh.positions)).toStrictEqual(POSITIONS);
  expect(Array.from(mesh.normals!)).toStrictEqual(NORMALS);
  expect(Array.from(mesh.uvs!)).toStrictEqual(UVS);
  expect(Array.from(mesh.indices)).toStrictEqual(INDICES);
  expect(mesh.materials).toStrictEqual([GOLD]);
  expect(Array.from(mesh.triangleMaterials!)).toStrictEqual([0, 0]);
  expect(file.placements).toStrictEqual([{ mesh: 0, matrix: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1] }]);
}

/** The document as .gltf JSON with its buffer inlined as a base64 data URI; `edit` may change the JSON first. */
async function dataUriGltf(document: Document, edit?: (json: GLTF.IGLTF) => void): Promise<string> {
  const { json, resources } = await io.writeJSON(document);
  for (const buffer of json.buffers ?? []) buffer.uri = `data:application/octet-stream;base64,${Buffer.from(resources[buffer.uri!]!).toString('base64')}`;
  edit?.(json);
  return JSON.stringify(json);
}

describe('glTF reader', () => {
  it('reads a .gltf with a separate .bin buffer', async () => {
    await io.write(join(folder, 'square.gltf'), squareDocument());
    expectSquare(await readMeshFile(join(folder, 'square.gltf'), 'square.gltf', refuse));
  });

  it('reads a .gltf with a data-URI buffer', async () => {
    expectSquare(await writeAndRead(folder, 'inline.gltf', await dataUriGltf(squareDocument())));
  });

  it('reads a .glb', async () => {
    expectSquare(await writeAndRead(folder, 'square.glb', await io.writeBinary(squareDocument())));
  });

  it('composes the node hierarchy into placements, reading a mesh two nodes use once', async () => {
    const document = squareDocument((document, mesh) => {
      const scene = document.getRoot().listScenes()[0]!;
      const half = Math.SQRT1_2; // 90° about +y
      const parent = document.createNode('parent').setTranslation([10, 0, 0]).setRotation([0, half, 0, half]);
      parent.addChild(document.createNode('child').setTranslation([0, 1, 0]).setScale([2, 2, 2]).setMesh(mesh));
      scene.addChild(parent);
      scene.addChild(document.createNode('other').setMatrix([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, -5, 1]).setMesh(mesh));
    });
    const file = await writeAndRead(folder, 'hierarchy.glb', await io.writeBinary(document));
    expect(file.meshes).toHaveLength(1);
    expect(file.placements.map((p) => p.mesh)).toStrictEqual([0, 0]);
    const [child, other] = file.placements.map((p) => p.matrix);
    // child: scale 2, up 1 → (2, 1, 0); parent: 90° about y takes +x to -z → (0, 1, -2), then +10 in x.
    const close = (points: number[][], expected: number[][]) => points.forEach((p, i) => p.forEach((c, k) => expect(c).toBeCloseTo(expected[i]![k]!, 6)));
    close([transformPoint(child!, [1, 0, 0]), transformPoint(child!, [0, 1, 0])], [[10, 1, -2], [10, 3, 0]]);
    close([transformPoint(other!, [1, 0, 0])], [[1, 0, -5]]);
    expect(child!.slice(12)).toStrictEqual([0, 0, 0, 1]);
  });

  it('converts a triangle strip and a fan to triangle lists, keeping their winding', async () => {
    const strip = squareDocument((document, mesh) => {
      const primitive = mesh.listPrimitives()[0]!.setIndices(document.createAccessor().setType('SCALAR').setArray(new Uint16Array([1, 2, 0, 3])).setBuffer(document.getRoot().listBuffers()[0]!));
      primitive.setMode(Primitive.Mode.TRIANGLE_STRIP);
      document.getRoot().listScenes()[0]!.addChild(document.createNode('strip').setMesh(mesh));
    });
    expect(Array.from((await writeAndRead(folder, 'strip.glb', await io.writeBinary(strip))).meshes[0]!.indices)).toStrictEqual([1, 2, 0, 2, 3, 0]);
    const fan = squareDocument((document, mesh) => {
      mesh.listPrimitives()[0]!.setIndices(null).setMode(Primitive.Mode.TRIANGLE_FAN);
      document.getRoot().listScenes()[0]!.addChild(document.createNode('fan').setMesh(mesh));
    });
    expect(Array.from((await writeAndRead(folder, 'fan.glb', await io.writeBinary(fan))).meshes[0]!.indices)).toStrictEqual([1, 2, 0, 2, 3, 0]);
  });

  it('scales the emissive factor by KHR_materials_emissive_strength, required or not', async () => {
    const text = await dataUriGltf(squareDocument(), (json) => {
      json.materials![0]!.extensions = { KHR_materials_emissive_strength: { emissiveStrength: 4 } };
      json.extensionsUsed = json.extensionsRequired = ['KHR_materials_emissive_strength'];
    });
    const file = await writeAndRead(folder, 'strength.gltf', text);
    expect(file.meshes[0]!.materials[0]!.emission).toStrictEqual([2, 1, 0]);
  });

  it('refuses a required extension it does not read, naming it', async () => {
    const text = await dataUriGltf(squareDocument(), (json) => {
      json.extensionsUsed = json.extensionsRequired = ['KHR_draco_mesh_compression', 'KHR_materials_emissive_strength'];
    });
    await expect(writeAndRead(folder, 'draco.gltf', text)).rejects.toThrow(
      /scenes\/mesh\.json: objects\[0\]\.file: expected a glTF file requiring no extension beyond KHR_materials_emissive_strength, found "draco\.gltf": it requires "KHR_draco_mesh_compression"/,
    );
  });

  it('refuses a missing or short .bin, a truncated .glb, bad JSON, points and a scene without meshes', async () => {
    await io.write(join(folder, 'lost.gltf'), squareDocument());
    const bin = join(folder, 'lost.bin');
    const binBytes = readFileSync(bin);
    writeFileSync(bin, binBytes.subarray(0, 10));
    await expect(readMeshFile(join(folder, 'lost.gltf'), 'lost.gltf', refuse)).rejects.toThrow(/expected complete buffer data, found "lost\.gltf": buffers\[0\] holds 10 of its \d+ bytes \(truncated\)/);
    rmSync(bin);
    await expect(readMeshFile(join(folder, 'lost.gltf'), 'lost.gltf', refuse)).rejects.toThrow(
      /expected a readable glTF buffer file, found "lost\.bin" \(buffers\[0\] of "lost\.gltf"\): no such file/,
    );
    const glb = await io.writeBinary(squareDocument());
    await expect(writeAndRead(folder, 'cut.glb', glb.subarray(0, glb.length - 16))).rejects.toThrow(/expected a complete \.glb file, found "cut\.glb": its header says \d+ bytes, the file has \d+/);
    await expect(writeAndRead(folder, 'bad.gltf', '{"asset": ')).rejects.toThrow(/expected a glTF file of valid JSON, found "bad\.gltf": /);
    const points = squareDocument((document, mesh) => {
      mesh.listPrimitives()[0]!.setMode(Primitive.Mode.POINTS);
      document.getRoot().listScenes()[0]!.addChild(document.createNode('dots').setMesh(mesh));
    });
    await expect(writeAndRead(folder, 'points.glb', await io.writeBinary(points))).rejects.toThrow(
      /expected glTF primitives of triangles \(mode 4, 5 or 6\), found "points\.glb": mesh "square": a primitive of mode 0/,
    );
    const empty = squareDocument((document) => document.getRoot().listScenes()[0]!.addChild(document.createNode('empty')));
    await expect(writeAndRead(folder, 'empty.glb', await io.writeBinary(empty))).rejects.toThrow(/expected a glTF scene with at least one triangle mesh, found "empty\.glb": its scene places none/);
  });
});
