import http from 'node:http';

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

/**
 * A bare node:http request of fixed bytes with a keep-alive agent, body read as UTF-8 text: the
 * stack the clients send through on Node, without anything of ours on top.
 */
export function rawHttpCall({ url, method, headers, body }) {
  const agent = new http.Agent({ keepAlive: true });
  const options = {
    method,
    agent,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }) },
  };
  return () =>
    new Promise((resolve, reject) => {
      const request = http.request(url, options, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(body);
    });
}
