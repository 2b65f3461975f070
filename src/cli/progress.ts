import cliProgress from 'cli-progress';

const { TimeFormat: formatTime } = cliProgress.Format;

/** Signals that end a render from the terminal. */
const INTERRUPTS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** A progress bar on a terminal; nothing at all with --quiet or when stderr is not a TTY. */
export function progressBar(label: string, quiet: boolean): Progress {
  if (quiet || !process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
      // Before the first chunk finishes there is no estimate: say so rather than "NFs".
      formatTime: (t, options, roundTo) => (Number.isFinite(t) && t >= 0 ? formatTime(t, options, roundTo) : '?'),
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  // The bar hides the cursor: an interrupt while it shows gives the terminal its cursor back,
  // then ends the process by the same signal, as it would have without the bar.
  const interrupted = (signal: NodeJS.Signals): void => {
    stop();
    process.kill(process.pid, signal);
  };
  function stop(): void {
    if (!started) return;
    started = false;
    bar.stop();
    for (const signal of INTERRUPTS) process.off(signal, interrupted);
  }
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
        for (const signal of INTERRUPTS) process.once(signal, interrupted);
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop,
  };
}
