import cliProgress from 'cli-progress';

const { TimeFormat: formatTime } = cliProgress.Format;

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
  return {
    update(done, total) {
      if (!started) { bar.start(total, 0); started = true; }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
