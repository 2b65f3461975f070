/**
 * Reading a scene file into a JSON value, refusing up front what is not a scene's text: anything
 * but a regular file (a FIFO would block the read forever, /dev/zero never ends), files over
 * MAX_SCENE_BYTES, text that is not UTF-8, and JSON nested deeper than MAX_NESTING. Every
 * refusal is a SceneError with the path `(file)`.
 */
import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { SceneError } from './errors.js';
import { lineColumn, locateJsonSyntaxError, nestingBeyond } from './jsonSyntax.js';

/**
 * Largest scene file accepted: far more than any hand-written scene (the examples are a few
 * KiB); large geometry belongs in mesh files of its own, not in the scene's JSON.
 */
export const MAX_SCENE_BYTES = 16 * 2 ** 20;
/**
 * Deepest nesting of arrays and objects accepted. A scene uses about five levels (root,
 * objects, an object, its vertices, a vertex); the bound keeps the recursive steps after
 * parsing (validation, the syntax-error locator) far from the stack's limit.
 */
export const MAX_NESTING = 64;

/** Reads, decodes and parses a scene file; every failure is a SceneError naming `path`. */
export async function readSceneJson(path: string): Promise<unknown> {
  const text = await readSceneText(path);
  const deep = nestingBeyond(text, MAX_NESTING);
  if (deep !== undefined) {
    const { line, column } = lineColumn(text, deep);
    throw new SceneError(path, '(file)', `JSON nested at most ${MAX_NESTING} levels deep`, `a level ${MAX_NESTING + 1} at line ${line}, column ${column}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    const { line, column, reason } = locateJsonSyntaxError(text);
    throw new SceneError(path, '(file)', 'valid JSON', `a syntax error at line ${line}, column ${column} (${reason})`);
  }
}

/** The file's text, decoded from UTF-8 (a byte-order mark dropped). */
export async function readSceneText(path: string): Promise<string> {
  const refuse = (expected: string, found: string) => new SceneError(path, '(file)', expected, found);
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    throw refuse('a readable file', describeErrno(error));
  }
  checkKind(info, refuse);
  let handle: FileHandle;
  try {
    // Non-blocking, should the path have been replaced by a FIFO since stat: open must not wait.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw refuse('a readable file', describeErrno(error));
  }
  try {
    checkKind(await handle.stat(), refuse);
    const bytes = await readAtMost(handle, MAX_SCENE_BYTES + 1);
    if (bytes.length > MAX_SCENE_BYTES) throw refuse(`a scene file of at most ${MAX_SCENE_BYTES / 2 ** 20} MiB`, `more than ${MAX_SCENE_BYTES / 2 ** 20} MiB`);
    return decode(bytes, refuse);
  } catch (error) {
    if (error instanceof SceneError) throw error;
    throw refuse('a readable file', describeErrno(error));
  } finally {
    await handle.close();
  }
}

function checkKind(info: Stats, refuse: (expected: string, found: string) => SceneError): void {
  if (!info.isFile()) throw refuse('a regular file', kindOf(info));
  if (info.size > MAX_SCENE_BYTES) {
    const mib = (info.size / 2 ** 20).toFixed(1);
    throw refuse(`a scene file of at most ${MAX_SCENE_BYTES / 2 ** 20} MiB`, `${mib} MiB (${info.size} bytes)`);
  }
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'something other than a regular file';
}

function describeErrno(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'ENOTDIR': return 'no such file (a part of the path is not a directory)';
    case 'EACCES': case 'EPERM': return 'a file it may not read';
    case 'EISDIR': return 'a directory';
    case 'ELOOP': return 'a loop of symbolic links';
    case 'ENAMETOOLONG': return 'a name too long for the system';
    default: return code ?? (error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
}

/** Up to `limit` bytes from the handle, read in chunks, so a file that grows cannot exhaust memory. */
async function readAtMost(handle: FileHandle, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

/** UTF-8 text; other encodings are refused by name, since JSON.parse would only see garbage. */
function decode(bytes: Buffer, refuse: (expected: string, found: string) => SceneError): string {
  const expected = 'a UTF-8 text file';
  const encoding = otherEncoding(bytes);
  if (encoding !== undefined) throw refuse(expected, encoding);
  try {
    // fatal: bytes that are not UTF-8 are an error, not U+FFFD; a UTF-8 byte-order mark is dropped.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const { line, column } = lineColumn(text, Math.max(0, text.indexOf('\uFFFD')));
    throw refuse(expected, `bytes that are not UTF-8 at line ${line}, column ${column} (save it as UTF-8)`);
  }
}

/** The encoding a file's byte-order mark or NUL bytes give away, as a "found" phrase. */
function otherEncoding(b: Buffer): string | undefined {
  const save = '; save it as UTF-8';
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return `UTF-32 text (little-endian)${save}`;
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return `UTF-32 text (big-endian)${save}`;
  if (b[0] === 0xff && b[1] === 0xfe) return `UTF-16 text (little-endian)${save}`;
  if (b[0] === 0xfe && b[1] === 0xff) return `UTF-16 text (big-endian)${save}`;
  const nul = b.indexOf(0);
  if (nul < 0) return undefined;
  // Without a mark, ASCII in UTF-16 leaves every other byte NUL: the odd ones little-endian.
  let even = 0, odd = 0;
  const n = Math.min(b.length, 4096);
  for (let i = 0; i < n; i++) if (b[i] === 0) (i % 2 === 0 ? even++ : odd++);
  if (odd > n / 4 && even === 0) return `UTF-16 text (little-endian, NUL bytes between the characters)${save}`;
  if (even > n / 4 && odd === 0) return `UTF-16 text (big-endian, NUL bytes between the characters)${save}`;
  return `a NUL byte at byte ${nul} (a binary file, not text)`;
}
