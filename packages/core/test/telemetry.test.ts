import { trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTransport, SsoError } from '../src/provider.js';

const exporter = new InMemorySpanExporter();
beforeAll(() => {
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  );
});
afterAll(() => trace.disable());
beforeEach(() => exporter.reset());

const SESSION_ID = 'b2d4820cc43f4d98a8c6698686b6d386';
const PASSWORD = 'Tr0ub4dor&3-secret';

describe('OpenTelemetry spans (with @opentelemetry/api installed)', () => {
  it('one client span per call, named <provider>.<name>, with provider, operation, attempts and status', async () => {
    const transport = createTransport({
      provider: 'dia',
      fetch: async () => new Response(`{"code":"200","msg":"${SESSION_ID}"}`),
      secrets: () => [PASSWORD],
    });
    await transport.call(
      {
        operation: 'sis_kontor_sorgula',
        spanName: 'call',
        url: `https://x.test/sis/json`,
        body: `{"p":"${PASSWORD}"}`,
      },
      (r) => r.text,
    );
    await transport.send({ operation: 'login', url: 'https://x.test/sis/json' });
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual(['dia.call', 'dia.login']);
    expect(spans[0]!.attributes).toEqual({
      'sso.provider': 'dia',
      'sso.operation': 'sis_kontor_sorgula',
      'sso.attempts': 1,
      'http.response.status_code': 200,
    });
    expect(spans[0]!.kind).toBe(2); // SpanKind.CLIENT
  });

  it('a failed call records the SsoError code and provider code, never a secret, ticket or session id', async () => {
    const transport = createTransport({
      provider: 'euromsg',
      retry: false,
      fetch: async () => new Response(`ticket ${SESSION_ID} for ${PASSWORD}`, { status: 200 }),
      secrets: () => [PASSWORD],
    });
    await transport
      .call({ operation: 'Login', url: 'https://x.test/auth.asmx', secrets: [SESSION_ID] }, () => {
        throw new SsoError('AUTHENTICATION_FAILED', `refused ${PASSWORD}`, {
          provider: 'euromsg',
          providerCode: '99',
        });
      })
      .catch(() => undefined);
    const [span] = exporter.getFinishedSpans();
    expect(span!.name).toBe('euromsg.login');
    expect(span!.status).toEqual({ code: 2, message: 'AUTHENTICATION_FAILED' });
    expect(span!.attributes).toMatchObject({
      'sso.error.code': 'AUTHENTICATION_FAILED',
      'sso.provider_code': '99',
    });
    const everything = JSON.stringify({
      attributes: span!.attributes,
      events: span!.events,
      status: span!.status,
    });
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(SESSION_ID);
  });

  it('a network failure ends the span with NETWORK', async () => {
    const transport = createTransport({
      provider: 'dia',
      retry: false,
      fetch: async () => Promise.reject(new TypeError('x')),
    });
    await transport.send({ operation: 'login', url: 'https://x.test/' }).catch(() => undefined);
    expect(exporter.getFinishedSpans()[0]!.attributes['sso.error.code']).toBe('NETWORK');
  });
});
