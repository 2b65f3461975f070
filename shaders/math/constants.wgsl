// The constants of src/samplers/mapping.ts (and Math.PI), written once: WGSL module-scope names
// are shared by every file of the assembled shader.

const PI: f32 = 3.14159265358979323846;
const PI_OVER_2: f32 = 1.57079632679489661923;
const PI_OVER_4: f32 = 0.78539816339744830962;
const INV_PI: f32 = 0.31830988618379067154;
const INV_2PI: f32 = 0.15915494309189533577;
