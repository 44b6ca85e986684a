import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { isSsoError, SsoError } from '../src/provider.js';

describe('SsoError', () => {
  it('carries code, provider fields and a default retryable flag', () => {
    const error = new SsoError('AUTHENTICATION_FAILED', 'Login refused', {
      provider: 'euromsg',
      providerCode: '99',
      providerMessage: 'Invalid IP',
      status: 200,
      operation: 'login',
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SsoError');
    expect(error).toMatchObject({ code: 'AUTHENTICATION_FAILED', provider: 'euromsg', providerCode: '99' });
    expect(error.retryable).toBe(false);
    expect(new SsoError('NETWORK', 'x').retryable).toBe(true);
    expect(new SsoError('TIMEOUT', 'x').retryable).toBe(true);
  });

  it('serialises its public fields, never its cause', () => {
    const cause = new Error('socket said password=hunter2');
    const error = new SsoError('NETWORK', 'could not reach host', { cause, provider: 'dia' });
    const json = JSON.parse(JSON.stringify(error));
    expect(json).toMatchObject({
      name: 'SsoError',
      code: 'NETWORK',
      provider: 'dia',
      message: 'could not reach host',
    });
    expect(JSON.stringify(error)).not.toContain('hunter2');
    expect(error.cause).toBe(cause);
  });

  it('is recognised across two copies of the package (the ESM and the CJS build)', () => {
    const require = createRequire(import.meta.url);
    const cjs = require('../dist/index.cjs') as typeof import('../src/index.js');
    const fromCjs = new cjs.SsoError('TIMEOUT', 'slow');
    const fromEsm = new SsoError('TIMEOUT', 'slow');
    expect(cjs.SsoError).not.toBe(SsoError);
    expect(isSsoError(fromCjs)).toBe(true);
    expect(cjs.isSsoError(fromEsm)).toBe(true);
    expect(fromCjs instanceof SsoError).toBe(true);
    expect(isSsoError(fromCjs, 'TIMEOUT')).toBe(true);
    expect(isSsoError(fromCjs, 'NETWORK')).toBe(false);
  });

  it('does not mistake look-alike objects for SsoErrors', () => {
    expect(isSsoError({ name: 'SsoError', code: 'NETWORK' })).toBe(false);
    expect(isSsoError(new Error('x'))).toBe(false);
    expect(isSsoError(null)).toBe(false);
    expect(isSsoError('SsoError')).toBe(false);
  });

  it('inspects without exposing anything but its fields', () => {
    const text = inspect(new SsoError('INVALID_INPUT', 'createUser: input.user.Name must not be empty'));
    expect(text).toContain('INVALID_INPUT');
  });
});

describe('isSsoError(value, code)', () => {
  it('narrows error.code to the code asked for (checked by tsc over this file)', () => {
    const error: unknown = new SsoError('TIMEOUT', 'late', { provider: 'dia' });
    if (!isSsoError(error, 'TIMEOUT')) throw new Error('expected a TIMEOUT');
    expectTypeOf(error.code).toEqualTypeOf<'TIMEOUT'>();
    const code: 'TIMEOUT' = error.code;
    expect(code).toBe('TIMEOUT');
    expect(isSsoError(error, 'NETWORK')).toBe(false);
  });
});
