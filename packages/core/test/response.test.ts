import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { describeBody, httpError, isSsoError, parseJsonBody, redactText } from '../src/provider.js';

const response = (text: string, status = 200) => ({ status, text, headers: new Headers(), attempts: 1 });
const context = {
  provider: 'dia' as const,
  operation: 'login',
  redact: (t: string) => redactText(t, ['b2d4820cc43f4d98a8c6698686b6d386']),
};

describe('response helpers', () => {
  it('parses JSON bodies', () => {
    expect(parseJsonBody(response('{"code":"200"}'), context)).toEqual({ code: '200' });
  });

  it('turns a truncated body into MALFORMED_RESPONSE without quoting a secret, even through util.inspect', () => {
    const body = '{"code":"200","msg":"b2d4820cc43f4d98a8c6698686b6d386"';
    try {
      parseJsonBody(response(body), context);
      expect.unreachable();
    } catch (error) {
      expect(isSsoError(error, 'MALFORMED_RESPONSE')).toBe(true);
      expect(inspect(error, { depth: 10 })).not.toContain('b2d4820cc43f4d98a8c6698686b6d386');
      expect((error as Error).message).toContain('[redacted]');
    }
  });

  it('describes HTML and empty bodies plainly', () => {
    expect(describeBody('<!DOCTYPE html><html><body>503</body></html>')).toBe('an HTML page');
    expect(describeBody('  ')).toBe('an empty body');
    expect(describeBody('x'.repeat(200))).toMatch(/^"x{80}…"$/);
  });

  it('makes HTTP_ERROR with the status and marks gateway errors retryable', () => {
    const error = httpError(response('<html>bad gateway</html>', 502), context);
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 502, retryable: true, provider: 'dia' });
    expect(error.message).toBe('login: the server answered HTTP 502 with an HTML page');
    expect(httpError(response('', 500), context).retryable).toBe(false);
  });
});

describe('ssoErrorOf', () => {
  it('returns the SsoError a promise rejects with, and fails on success or a foreign error', async () => {
    const { ssoErrorOf } = await import('../src/testing/index.js');
    const { SsoError } = await import('../src/index.js');
    const error = new SsoError('TIMEOUT', 'slow');
    await expect(ssoErrorOf(Promise.reject(error))).resolves.toBe(error);
    await expect(ssoErrorOf(Promise.resolve(1))).rejects.toThrow(/succeeded/);
    await expect(ssoErrorOf(Promise.reject(new TypeError('boom')))).rejects.toThrow('boom');
  });
});
