/** The scene module: schema, defaults, loading and errors for scene files (DESIGN.md contract 10). */
export * from './types.js';
export { displayFile, SceneError } from './errors.js';
export { applyOverrides, DEFAULT_FOV, loadScene, parseScene, sceneJsonSchema, type SceneOverrides } from './load.js';
export * from './limits.js';
export { MAX_NESTING, MAX_SCENE_BYTES } from './readScene.js';
export { MAX_SAMPLES, MAX_SETS } from './schema.js';
export { sceneWarnings } from './warnings.js';
