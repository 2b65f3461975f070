/**
 * The package's entry point (`import … from 'dualray'`): load a scene, render it on either
 * backend, write the image. The CLI (dist/cli/main.js) is built on the same modules.
 */
export { loadScene, parseScene, render, writeImage, type Image, type RenderOptions, type RenderResult } from './api/library.js';
export { BACKEND_CHOICES, BACKENDS, type BackendChoice, type BackendName } from './backend.js';
export { SceneError } from './scene/errors.js';
export type * from './scene/types.js';
export { sceneWarnings } from './scene/warnings.js';
