import { describe, expect, it } from 'vitest';
import { errors as specErrors } from '../src/generated/model.js';
import { FAXMAX_ERRORS, JSON_RPC_ERROR_NAMES, JSON_RPC_ERRORS, rpcError } from '../src/index.js';

const context = (operation: string, method = 'Core.login') => ({
  operation,
  method,
  status: 200,
  redact: (text: string) => text.replaceAll('SECRET', '[redacted]'),
});

describe('the FaxMAX error table', () => {
  it('has one row per login operation and one per reserved code the spec names', () => {
    expect(Object.keys(FAXMAX_ERRORS).sort()).toEqual(['login', 'tokenLogin']);
    expect(Object.keys(JSON_RPC_ERRORS).sort()).toEqual(Object.keys(specErrors).sort());
    expect(JSON_RPC_ERROR_NAMES).toBe(specErrors);
    for (const [code, row] of Object.entries(JSON_RPC_ERRORS)) {
      expect(row).toMatchObject({ code: 'RPC_ERROR', documented: JSON_RPC_ERROR_NAMES[Number(code)] });
    }
  });

  it.each([
    ['login', 401, 'AUTHENTICATION_FAILED'],
    ['tokenLogin', 7, 'AUTHENTICATION_FAILED'],
    ['call', 1010, 'RPC_ERROR'],
    ['login', -32601, 'RPC_ERROR'],
    ['tokenLogin', -32603, 'RPC_ERROR'],
    // Reserved but not named by JSON-RPC 2.0 (its "server error" range): still a protocol error.
    ['login', -32000, 'RPC_ERROR'],
    ['login', -32768, 'RPC_ERROR'],
    // Just outside the reserved range: an application error of a login method.
    ['login', -32769, 'AUTHENTICATION_FAILED'],
    ['login', -31999, 'AUTHENTICATION_FAILED'],
  ])('%s answered with code %d is %s', (operation, code, expected) => {
    const error = rpcError({ code, message: 'no' }, context(operation));
    expect(error).toMatchObject({
      code: expected,
      provider: 'faxmax',
      operation,
      providerCode: String(code),
      providerMessage: 'no',
      status: 200,
      retryable: false,
    });
  });

  it('the message names the method, the row and the code; the provider message is redacted', () => {
    const login = rpcError({ code: 401, message: 'bad SECRET' }, context('login'));
    expect(login.message).toBe(
      'login: Core.login: FaxMAX refused the user name or password (FaxMAX code 401: bad [redacted])',
    );
    expect(login.providerMessage).toBe('bad [redacted]');
    const call = rpcError({ code: 1010, message: '' }, context('call', 'Fax.send'));
    expect(call.message).toBe('call: Fax.send: FaxMAX answered with a JSON-RPC error (FaxMAX code 1010)');
    expect(call.providerMessage).toBeUndefined();
    const unknown = rpcError({ code: -32601, message: 'Method not found' }, context('tokenLogin', 'X.y'));
    expect(unknown.message).toBe(
      'tokenLogin: X.y: FaxMAX could not process the JSON-RPC request (FaxMAX code -32601 method not found: Method not found)',
    );
  });

  it('a row is found by own key only', () => {
    expect(rpcError({ code: 5, message: 'x' }, context('constructor')).code).toBe('RPC_ERROR');
    expect(rpcError({ code: 5, message: 'x' }, context('toString')).code).toBe('RPC_ERROR');
  });
});
