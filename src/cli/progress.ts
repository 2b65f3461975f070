import cliProgress from 'cli-progress';

const { TimeFormat: formatTime } = cliProgress.Format;

/** Signals that end a render from the terminal. */
export const INTERRUPTS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export interface ProgressOptions {
  quiet: boolean;
  /** Pixels in the image: progress comes in pixel-samples and shows as samples per pixel. */
  pixels: number;
  /** Whether an interrupt ends the process (the default) or is the caller's to handle. */
  interruptsEnd?: boolean;
}

/** A progress bar on a terminal; nothing at all with --quiet or when stderr is not a TTY. */
export function progressBar(label: string, options: ProgressOptions): Progress {
  if (options.quiet || !process.stderr.isTTY) return { update() {}, stop() {} };
  const interruptsEnd = options.interruptsEnd ?? true;
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {spp}/{sppTotal} spp | {eta_formatted} left`,
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
  const perPixel = (n: number): string => (n / options.pixels).toFixed(n % options.pixels === 0 ? 0 : 1);
  return {
    update(done, total) {
      if (!started) {
        // Listen first: an interrupt that came between the bar's first frame and the listener
        // would end the process by default and leave the terminal without its cursor.
        if (interruptsEnd) for (const signal of INTERRUPTS) process.once(signal, interrupted);
        started = true;
        bar.start(total, 0, { spp: '0', sppTotal: perPixel(total) });
      }
      bar.setTotal(total);
      bar.update(done, { spp: perPixel(done), sppTotal: perPixel(total) });
    },
    stop,
  };
}
