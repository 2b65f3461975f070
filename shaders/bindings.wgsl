// Bind group 0: the packed scene (DESIGN.md contract 1), the same bytes the CPU kernel reads
// through compile/packed.ts. Shared by the renderer and the test kernels; src/gpu/scene.ts binds it.

@group(0) @binding(0) var<uniform> frame: Frame;
@group(0) @binding(1) var<storage, read> shapes: array<Shape>; // frame.numShapes records
@group(0) @binding(2) var<storage, read> materials: array<Material>;
@group(0) @binding(3) var<storage, read> lights: array<Light>; // frame.numLights records
// Sample sets, set-major: sample j of set k at index k * frame.spp + j (u, v in [0,1)²).
@group(0) @binding(4) var<storage, read> samples: array<vec2f>;
// The BVH over shapes [0, frame.numBounded): frame.numNodes records, depth first from the root at 0
// (src/shapes/bvh.ts). At least one record is bound even when numNodes = 0.
@group(0) @binding(5) var<storage, read> nodes: array<BvhNode>;
// An image environment's texels and sampling distribution (compile/layout.ts envMapLayout), read
// at the word indices frame.envPdfStart etc.; one zero word for other environments.
@group(0) @binding(6) var<storage, read> env_map: array<f32>;
// Every mesh's vertices and triangles (src/shapes/mesh.ts): a mesh shape's BVH, in nodes after the
// top-level tree, has leaves naming ranges of triangles. At least one record of each is bound.
@group(0) @binding(7) var<storage, read> vertices: array<MeshVertex>;
@group(0) @binding(8) var<storage, read> triangles: array<Triangle>;
