/**
 * Writing an output file (DESIGN.md contract 9): checked before any rendering, then written
 * atomically through a temporary file beside the target that is renamed over it, so a failed or
 * interrupted render never leaves a truncated image under the real name.
 *
 * The temporary file is `.<name>.dualray-<pid>-<random>.tmp`: recognisable in a listing, and the
 * pid says whether the process that made it still runs. An interrupt (SIGINT, SIGTERM, SIGHUP)
 * that ends the process during the write removes it; a process killed outright (SIGKILL, power
 * loss) cannot, so the next write to the same target removes those whose process is gone.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Signals that end a process from a terminal or a supervisor; the temporary file goes with them. */
const INTERRUPTS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** A fresh temporary name for `path`, in its directory (a rename across file systems is not atomic). */
export function temporaryPath(path: string, pid = process.pid): string {
  return join(dirname(path), `.${basename(path)}.dualray-${pid}-${randomBytes(6).toString('hex')}.tmp`);
}

/** Matches the temporary files of `name` (a base name), capturing the pid that made each. */
function temporaryPattern(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${escaped}\\.dualray-(\\d+)-[0-9a-f]+\\.tmp$`);
}

/** Whether a process with this pid runs (EPERM: it runs, as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files of `path` left by processes that are gone. Best effort: a directory
 * that cannot be listed, or a file another process removes first, is not an error here.
 */
export async function removeStaleTemporaries(path: string): Promise<void> {
  const pattern = temporaryPattern(basename(path));
  const names = await readdir(dirname(path) || '.').catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1] ?? NaN);
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) {
      await rm(join(dirname(path), name), { force: true }).catch(() => {});
    }
  }
}

/**
 * `mkdir -p`, without Node's own recursive mkdir: that one never returns where a directory
 * refuses new entries with ENOENT (mkdir('/proc/x', { recursive: true }) spins forever).
 */
async function makeDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if (!(await stat(dir)).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
      return;
    }
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw e;
    await makeDirectory(parent);
    // Made meanwhile by another process: as good as made here.
    await mkdir(dir).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST') throw again;
    });
  }
}

/**
 * Why a path cannot be written, in words rather than an errno, never naming a temporary file.
 * `dir` is the output's directory, `made` whether it exists by now.
 */
function writeProblem(e: unknown, dir: string, made: boolean): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EISDIR': return 'it is a directory';
    case 'ENOTDIR':
    case 'EEXIST': return 'a part of its directory path is a file';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EROFS': return 'the file system is read-only';
    case 'ENOSPC': return 'no space left on the device';
    case 'EDQUOT': return 'disk quota exceeded';
    // An existing directory that refuses a new file: /proc, /sys.
    case 'ENOENT': return made ? `${dir} does not take new files` : `its directory ${dir} cannot be made`;
    default: {
      // Node's message ends in ", <syscall> '<path>'", and that path is the temporary file's.
      const message = e instanceof Error ? e.message : String(e);
      return message.replace(/, \w+ '.*$/s, '');
    }
  }
}

/**
 * Checks, before any rendering, that `path` can be written: its directory is made, the path is
 * not a directory, and a probe file is created in the directory and removed again (which is
 * what finds a read-only or permission-denied directory, or one like /proc that takes no files).
 */
export async function prepareOutput(path: string): Promise<void> {
  const dir = dirname(path) || '.';
  let made = false;
  try {
    await makeDirectory(dir);
    made = true;
    if ((await stat(path).catch(() => null))?.isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
    const probe = temporaryPath(path);
    await (await open(probe, 'wx')).close();
    await rm(probe, { force: true });
  } catch (e) {
    throw new Error(`cannot write ${path}: ${writeProblem(e, dir, made)}`);
  }
}

/**
 * Writes the file atomically: a temporary file beside the target, then a rename. An interrupt
 * that would end the process meanwhile (nobody else listens for it) removes the temporary file
 * and then ends the process by that signal; one that others handle (a render that stops and
 * writes what it has) lets the write finish. Temporary files of this target left by killed
 * processes are removed first.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const dir = dirname(path) || '.';
  const tmp = temporaryPath(path);
  const interrupted = (signal: NodeJS.Signals): void => {
    if (process.listenerCount(signal) > 1) return;
    rmSync(tmp, { force: true });
    removeHandlers();
    // With no listener left, the signal raised again takes its default action.
    process.kill(process.pid, signal);
  };
  const removeHandlers = (): void => {
    for (const signal of INTERRUPTS) process.off(signal, interrupted);
  };
  for (const signal of INTERRUPTS) process.on(signal, interrupted);
  let made = false;
  let written = false;
  try {
    await makeDirectory(dir);
    made = true;
    await removeStaleTemporaries(path);
    await writeFile(tmp, bytes);
    written = true;
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    const gone = written && (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(`cannot write ${path}: ${gone ? 'its temporary file was removed before the rename' : writeProblem(e, dir, made)}`);
  } finally {
    removeHandlers();
  }
}
