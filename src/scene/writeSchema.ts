/**
 * Writes scenes/schema/scene.schema.json from the zod schema: `npx tsx src/scene/writeSchema.ts`.
 * test/scene/schemaFile.test.ts fails when the committed file differs from what this writes.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sceneJsonSchemaText } from './schema.js';

/** scenes/schema/scene.schema.json, from src/scene/ (tsx) or dist/scene/ (tsc build) alike. */
const schemaFilePath = fileURLToPath(new URL('../../scenes/schema/scene.schema.json', import.meta.url));

await writeFile(schemaFilePath, sceneJsonSchemaText());
console.log(`wrote ${schemaFilePath}`);
