/**
 * An AbortSignal that fires on SIGINT or SIGTERM, for commands that run until stopped.
 *
 * Ctrl-C under `pnpm <script>` delivers SIGINT twice: the terminal signals the whole process
 * group and pnpm forwards its own. With a one-shot listener the second one would kill the
 * process mid-shutdown (pnpm then reports the run as failed), so signals arriving within
 * `graceMs` of the first are absorbed; a later one (a user pressing Ctrl-C again because
 * stopping hangs) ends the process at once with 130.
 */
export function stopSignal(graceMs = 2_000): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let firstAt: number | undefined;
  const onSignal = () => {
    if (firstAt === undefined) {
      firstAt = Date.now();
      controller.abort();
    } else if (Date.now() - firstAt > graceMs) {
      process.exit(130);
    }
  };
  const signals = ['SIGINT', 'SIGTERM'] as const;
  for (const name of signals) process.on(name, onSignal);
  return {
    signal: controller.signal,
    dispose() {
      for (const name of signals) process.off(name, onSignal);
    },
  };
}
