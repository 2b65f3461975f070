import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PNG } from 'pngjs';

export interface Rgba8Image {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, row 0 at the top. */
  data: Uint8Array;
}

export function encodePng(image: Rgba8Image): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(png);
}

export function readPng(path: string): Rgba8Image {
  const png = PNG.sync.read(readFileSync(path));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
}

/** Why a path cannot be written, in words rather than an errno. */
function writeProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EISDIR': return 'it is a directory';
    case 'ENOTDIR':
    case 'EEXIST': return 'a part of its directory path is a file';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'ENOSPC': return 'no space left on the device';
    default: return e instanceof Error ? e.message : String(e);
  }
}

/** Makes the output's directory and checks the path is not a directory, before any rendering. */
export async function prepareOutput(path: string): Promise<void> {
  try {
    await mkdir(dirname(path) || '.', { recursive: true });
    if ((await stat(path).catch(() => null))?.isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
  } catch (e) {
    throw new Error(`cannot write ${path}: ${writeProblem(e)}`);
  }
}

/**
 * Writes the file atomically (DESIGN.md contract 9): a temporary file beside the target, then a
 * rename, so an interrupted or failed render never leaves a truncated image under the real name.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dirname(path) || '.', { recursive: true });
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new Error(`cannot write ${path}: ${writeProblem(e)}`);
  }
}
