/**
 * Writes scenes/models/hierarchy.glb, a small glTF scene whose node tree the mesh reader composes:
 * a root node turned 30° about +y, under it one icosphere mesh placed three times (different
 * positions and scales, one of them through a nested node) and a floor quad. Two materials: a
 * gold metal on the spheres, a rough grey on the floor. Reads the file back to print its placements.
 *
 *   npx tsx scripts/gltf-scene.ts [out.glb]
 */
import { Document, NodeIO } from '@gltf-transform/core';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readMeshFile } from '../src/meshes/read.js';
import { SceneError } from '../src/scene/errors.js';

/** An icosahedron subdivided `levels` times, on the unit sphere, normals equal to positions. */
function icosphere(levels: number): { positions: number[]; indices: number[] } {
  const t = (1 + Math.sqrt(5)) / 2;
  const positions: number[] = [];
  const add = (x: number, y: number, z: number) => {
    const length = Math.hypot(x, y, z);
    positions.push(x / length, y / length, z / length);
    return positions.length / 3 - 1;
  };
  for (const [x, y, z] of [[-1, t, 0], [1, t, 0], [-1, -t, 0], [1, -t, 0], [0, -1, t], [0, 1, t], [0, -1, -t], [0, 1, -t], [t, 0, -1], [t, 0, 1], [-t, 0, -1], [-t, 0, 1]]) add(x!, y!, z!);
  let indices = [0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
    3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1];
  for (let level = 0; level < levels; level++) {
    const midpoints = new Map<string, number>();
    const midpoint = (a: number, b: number) => {
      const key = a < b ? `${a},${b}` : `${b},${a}`;
      let index = midpoints.get(key);
      if (index === undefined) {
        index = add(...([0, 1, 2].map((c) => positions[a * 3 + c]! + positions[b * 3 + c]!) as [number, number, number]));
        midpoints.set(key, index);
      }
      return index;
    };
    const finer: number[] = [];
    for (let i = 0; i < indices.length; i += 3) {
      const [a, b, c] = [indices[i]!, indices[i + 1]!, indices[i + 2]!];
      const [ab, bc, ca] = [midpoint(a, b), midpoint(b, c), midpoint(c, a)];
      finer.push(a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca);
    }
    indices = finer;
  }
  return { positions, indices };
}

function hierarchyDocument(): Document {
  const document = new Document();
  const buffer = document.createBuffer();
  const accessor = (type: 'VEC3' | 'VEC2' | 'SCALAR', array: Float32Array | Uint16Array) => document.createAccessor().setType(type).setArray(array).setBuffer(buffer);
  const gold = document.createMaterial('gold').setBaseColorFactor([1, 0.78, 0.34, 1]).setMetallicFactor(1).setRoughnessFactor(0.3);
  const floorGrey = document.createMaterial('floor').setBaseColorFactor([0.6, 0.6, 0.6, 1]).setMetallicFactor(0).setRoughnessFactor(0.9);

  const sphere = icosphere(2);
  const sphereMesh = document.createMesh('icosphere').addPrimitive(document.createPrimitive()
    .setAttribute('POSITION', accessor('VEC3', new Float32Array(sphere.positions)))
    .setAttribute('NORMAL', accessor('VEC3', new Float32Array(sphere.positions)))
    .setIndices(accessor('SCALAR', new Uint16Array(sphere.indices)))
    .setMaterial(gold));
  const floorMesh = document.createMesh('floor').addPrimitive(document.createPrimitive()
    .setAttribute('POSITION', accessor('VEC3', new Float32Array([-4, 0, -4, -4, 0, 4, 4, 0, 4, 4, 0, -4])))
    .setAttribute('NORMAL', accessor('VEC3', new Float32Array([0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0])))
    .setAttribute('TEXCOORD_0', accessor('VEC2', new Float32Array([0, 0, 0, 1, 1, 1, 1, 0])))
    .setIndices(accessor('SCALAR', new Uint16Array([0, 1, 2, 0, 2, 3])))
    .setMaterial(floorGrey));

  const turn = (30 * Math.PI) / 180;
  const root = document.createNode('root').setRotation([0, Math.sin(turn / 2), 0, Math.cos(turn / 2)]);
  root.addChild(document.createNode('floor').setMesh(floorMesh));
  root.addChild(document.createNode('big sphere').setTranslation([0, 1, 0]).setMesh(sphereMesh));
  root.addChild(document.createNode('small sphere').setTranslation([-2, 0.5, 1]).setScale([0.5, 0.5, 0.5]).setMesh(sphereMesh));
  // A nested placement: the group is raised and scaled, the sphere inside it moved within the group.
  const group = document.createNode('group').setTranslation([2, 0, -1]).setScale([0.75, 0.75, 0.75]);
  group.addChild(document.createNode('grouped sphere').setTranslation([0, 1, 0]).setMesh(sphereMesh));
  root.addChild(group);
  const scene = document.createScene('hierarchy').addChild(root);
  document.getRoot().setDefaultScene(scene);
  return document;
}

const out = process.argv[2] ?? fileURLToPath(new URL('../scenes/models/hierarchy.glb', import.meta.url));
const glb = await new NodeIO().writeBinary(hierarchyDocument());
writeFileSync(out, glb);
const file = await readMeshFile(out, out, (expected, found) => new SceneError(out, '(file)', expected, found));
console.log(`${out}: ${glb.length} bytes, ${file.meshes.length} meshes (${file.meshes.map((m) => m.indices.length / 3).join(', ')} triangles), ${file.placements.length} placements`);
for (const placement of file.placements) {
  const m = placement.matrix;
  console.log(`  mesh ${placement.mesh} at (${[m[3]!, m[7]!, m[11]!].map((v) => v.toFixed(3)).join(', ')})`);
}
