import { SsoError, type SsoErrorOptions } from '../errors.js';

/** NETWORK for a request that got no response, naming the host and the system error code. */
export function networkError(
  url: string,
  operation: string,
  cause: unknown,
  base: SsoErrorOptions,
): SsoError {
  const code = systemErrorCode(cause);
  let host = '';
  try {
    host = new URL(url).host;
  } catch {
    // keep the message without a host
  }
  const detail = code ? ` (${code})` : '';
  return new SsoError('NETWORK', `${operation}: could not reach ${host || 'the server'}${detail}`, {
    ...base,
    cause,
  });
}

function systemErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
