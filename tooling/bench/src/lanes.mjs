/**
 * Runs `count` calls with `inFlight` of them pending at any time. Returns the wall seconds and the
 * process CPU microseconds (all threads, GC included) they took.
 */
export async function runCalls(call, count, inFlight) {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      next += 1;
      await call();
    }
  };
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, lane));
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { seconds, cpuMicros: cpu.user + cpu.system };
}
