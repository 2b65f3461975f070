/**
 * A child process for test/cli/output.test.ts: writes <megabytes> MiB to <path> with
 * writeFileAtomic and, as soon as the temporary file appears beside it (the write is under way,
 * in 512 KiB chunks), sends itself <signal>. Prints "done" if the write finishes anyway. With
 * "handled", a listener of its own takes the signal first, as a render that stops gracefully does.
 *
 *   node --import tsx test/support/atomicWriter.ts <path> <megabytes> <signal> [handled]
 */
import { readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { writeFileAtomic } from '../../src/image/png.js';

const [path, megabytes, signal, handled] = process.argv.slice(2) as [string, string, NodeJS.Signals, string?];
const prefix = `.${basename(path)}.`;
if (handled === 'handled') process.on(signal, () => console.log('handled'));

const writing = writeFileAtomic(path, new Uint8Array(Number(megabytes) * 2 ** 20).fill(7));
let sent = false;
const poll = (): void => {
  if (sent) return;
  if (readdirSync(dirname(path)).some((name) => name.startsWith(prefix))) {
    sent = true;
    process.kill(process.pid, signal);
  } else {
    setImmediate(poll);
  }
};
poll();
await writing;
console.log('done');
