import cliProgress from 'cli-progress';

export interface Progress {
  tick(n?: number): void;
  stop(): void;
}

const quiet: Progress = { tick: () => {}, stop: () => {} };

/** A progress bar on a terminal for long runs; nothing at all when output is piped or the run is short. */
export function progress(label: string, total: number, min = 500): Progress {
  if (!process.stderr.isTTY || total < min || process.env['CI']) return quiet;
  const bar = new cliProgress.SingleBar({
    format: `${label} {bar} {value}/{total} {percentage}% · {eta_formatted} left`,
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: true,
    fps: 10,
  }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  return { tick: (n = 1) => bar.increment(n), stop: () => bar.stop() };
}
