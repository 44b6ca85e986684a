import { isSsoError, SsoError } from '@sso/core/provider';

/**
 * Turns whatever a Redis call threw into an SsoError. The original error is not kept as `cause`:
 * ioredis attaches the failed command with its arguments (session values among them) to some
 * errors, and a `cause` is printed by `util.inspect`. Only its class name and message survive,
 * and Redis error messages do not echo arguments.
 */
export function redisError(operation: string, error: unknown): SsoError {
  if (isSsoError(error)) return error;
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const cause = new Error(`${name}: ${message}`);
  if (name === 'ReplyError') {
    // Redis answered, but refused the command (WRONGTYPE on a foreign key, OOM, a read-only replica).
    return new SsoError('PROVIDER_ERROR', `Redis refused ${operation}: ${firstWord(message)}`, {
      operation,
      cause,
    });
  }
  return new SsoError('NETWORK', `Redis is unreachable (${operation} failed)`, { operation, cause });
}

export function unavailable(operation: string, status: string): SsoError {
  return new SsoError('NETWORK', `Redis is unreachable (${operation}: connection ${status})`, { operation });
}

export function timedOut(operation: string, ms: number): SsoError {
  return new SsoError('NETWORK', `Redis did not answer ${operation} within ${ms} ms`, { operation });
}

/** Whether the error means Redis cannot be reached (as opposed to a refusal or a login failure). */
export function isUnavailable(error: unknown): boolean {
  return (
    isSsoError(error, 'NETWORK') &&
    typeof error.operation === 'string' &&
    error.operation.startsWith('redis.')
  );
}

function firstWord(message: string): string {
  const word = /^[A-Z][A-Z_-]+/.exec(message)?.[0];
  return word ?? 'error reply';
}
