import { isSsoError, type SsoError } from '../errors.js';

/**
 * The SsoError a promise rejects with, for assertions in tests. A fulfilled promise, or a rejection
 * with anything that is not an SsoError, fails the test instead.
 */
export async function ssoErrorOf(promise: Promise<unknown>): Promise<SsoError> {
  try {
    await promise;
  } catch (error) {
    if (isSsoError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail with an SsoError, but it succeeded');
}
