// One measured run in a fresh process: `node worker.mjs '<json config>'`. Prints one JSON line.
// Modes: ours (the provider client), rawHttp (node:http with a keep-alive agent and the recorded
// bytes of the same call: the stack the clients use on Node, and the baseline), control (a second,
// identical node:http request: ratio control/rawHttp shows the noise floor of the method), raw
// (global fetch with the same bytes, a peer),
// soap (node-soap's client, SOAP providers only), ssoToken (FaxMAX token generation, no I/O), and
// paired: `config.modes` measured in the same process in alternating blocks (A B B A …), so that
// whatever else the machine does at that moment weighs on every mode alike.
import { md5Hex } from '@sso/core';
import { providerById, ROOT } from '@sso/gates-kit';
import { rawHttpCall, runCalls } from './lanes.mjs';

const config = JSON.parse(process.argv[2]);
const { providerId, mode, concurrency, calls, warmup, baseUrl } = config;
const provider = providerById(providerId);

async function makeCall(mode) {
  if (mode === 'raw') {
    const { url, method, headers, body } = config.request;
    return async () => {
      const response = await fetch(url, { method, headers, body });
      return response.text();
    };
  }
  if (mode === 'rawHttp' || mode === 'control') return rawHttpCall(config.request);
  if (mode === 'soap') return makeSoapCall();
  const loaded = await provider.load();
  const demo = provider.demo(loaded);
  const client = provider.create(loaded, {
    ...provider.clientOptions(demo),
    baseUrl,
    allowInsecureHttp: true,
  });
  const context = provider.prepare ? await provider.prepare(client, demo) : {};
  if (provider.warm) await provider.warm(client, demo, context);
  const first = await provider.call(client, demo, context);
  if (!provider.isResult(first)) throw new Error(`${providerId}: unexpected result ${JSON.stringify(first)}`);
  return () => provider.call(client, demo, context);
}

async function makeSoapCall() {
  const soap = (await import('soap')).default;
  const loaded = await provider.load();
  const demo = provider.demo(loaded);
  if (providerId === 'euromsg') {
    const client = await soap.createClientAsync(`${ROOT}specs/euromsg/auth.wsdl`, {
      endpoint: `${baseUrl}auth.asmx`,
    });
    const call = async () => {
      const [result] = await client.LoginAsync({ Username: demo.username, Password: demo.password });
      return result;
    };
    const first = await call();
    if (!first?.LoginResult?.ServiceTicket)
      throw new Error(`node-soap euromsg: unexpected ${JSON.stringify(first)}`);
    return call;
  }
  if (providerId === 'gittigidiyor') {
    const client = await soap.createClientAsync(`${ROOT}specs/gittigidiyor/CommunityAuthService.wsdl`, {
      endpoint: `${baseUrl}CommunityAuthService`,
    });
    client.setSecurity(new soap.BasicAuthSecurity(demo.roleName, demo.rolePassword));
    const call = async () => {
      const time = Date.now();
      const [result] = await client.createTokenAsync({
        apiKey: demo.apiKey,
        sign: md5Hex(demo.apiKey, demo.secretKey, time),
        time,
        lang: 'tr',
      });
      return result;
    };
    const first = await call();
    if (!JSON.stringify(first ?? {}).includes('tokenId'))
      throw new Error(`node-soap gittigidiyor: unexpected ${JSON.stringify(first)}`);
    return call;
  }
  throw new Error(`no node-soap peer for ${providerId}`);
}

async function measureCalls(call) {
  for (let i = 0; i < warmup; i++) await call();
  const { seconds, cpuMicros } = await runCalls(call, calls, concurrency);
  return { perSecond: calls / seconds, seconds, cpuMicrosPerCall: cpuMicros / calls };
}

async function measurePaired(modes, blocks) {
  const callOf = {};
  for (const m of modes) callOf[m] = await makeCall(m);
  for (const m of modes) for (let i = 0; i < warmup; i++) await callOf[m]();
  const totals = Object.fromEntries(
    modes.map((m) => [m, { seconds: 0, cpuMicros: 0, calls: 0, blockRates: [] }]),
  );
  const perBlock = Math.max(1, Math.round(calls / blocks));
  for (let block = 0; block < blocks; block++) {
    const order = block % 2 === 0 ? modes : [...modes].reverse();
    for (const m of order) {
      const { seconds, cpuMicros } = await runCalls(callOf[m], perBlock, concurrency);
      totals[m].seconds += seconds;
      totals[m].cpuMicros += cpuMicros;
      totals[m].calls += perBlock;
      totals[m].blockRates.push(perBlock / seconds);
    }
  }
  return Object.fromEntries(
    modes.map((m) => [
      m,
      {
        perSecond: totals[m].calls / totals[m].seconds,
        cpuMicrosPerCall: totals[m].cpuMicros / totals[m].calls,
        blockRates: totals[m].blockRates,
      },
    ]),
  );
}

async function measureSsoToken() {
  const loaded = await provider.load();
  const demo = provider.demo(loaded);
  const client = provider.create(loaded, provider.clientOptions(demo));
  const input = { username: demo.username, remoteIp: '203.0.113.7' };
  for (let i = 0; i < 2_000; i++) await client.ssoToken(input);
  const start = performance.now();
  for (let i = 0; i < calls; i++) await client.ssoToken(input);
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: calls / seconds, seconds };
}

const outcome =
  mode === 'ssoToken'
    ? await measureSsoToken()
    : mode === 'paired'
      ? await measurePaired(config.modes, config.blocks)
      : await measureCalls(await makeCall(mode));
process.stdout.write(`${JSON.stringify(outcome)}\n`);
