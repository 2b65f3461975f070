import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Node's default size of V8's platform thread pool. */
const NODE_DEFAULT_POOL = 4;

/**
 * Runs this same command again in a child process with V8's platform thread pool sized to the
 * machine, and resolves to its exit code; undefined where no relaunch is needed.
 *
 * Every worker thread's isolate queues its background work (optimising compilation, parallel
 * and concurrent GC) on one process-wide pool, four threads by default. With 16 render workers
 * the queue starves them: on a 16-core machine whitted.json at 640×400 ran at 25 M rays/s with
 * the default pool and 42 with one thread per core, and many-spheres 15 against 21. The pool's
 * size can only be set when a process starts, so a CPU render on a machine with more cores than
 * the default pool starts over with --v8-pool-size=0 (one thread per core).
 */
export async function relaunchWithWidePool(needsPool: boolean): Promise<number | undefined> {
  if (!needsPool || availableParallelism() <= NODE_DEFAULT_POOL) return undefined;
  if (process.execArgv.some((arg) => arg.startsWith('--v8-pool-size'))) return undefined;
  const child = spawn(process.execPath, ['--v8-pool-size=0', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  // A terminal's Ctrl-C reaches both processes; the child decides what it means. A signal sent
  // to this process alone is passed on.
  const forward = (signal: NodeJS.Signals): void => { child.kill(signal); };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, signal === 'SIGINT' ? () => {} : forward);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal) {
        for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(s);
        process.kill(process.pid, signal);
      }
      resolve(code ?? 1);
    });
  });
}
