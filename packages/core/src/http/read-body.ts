import { SsoError, type SsoErrorOptions } from '../errors.js';

export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

// Decoding without `stream: true` keeps no state between calls, so one decoder serves every read.
// Like fetch's text(), it drops a leading byte order mark.
export const utf8 = new TextDecoder('utf-8');

/** A failure while reading the body (after the status arrived), kept apart from failures to connect. */
export class BodyReadFailure {
  constructor(
    readonly status: number,
    readonly cause: unknown,
  ) {}
}

/** MALFORMED_RESPONSE for a body over the size cap. */
export function bodyTooLarge(maxBytes: number, status: number, errorOptions: SsoErrorOptions): SsoError {
  return new SsoError('MALFORMED_RESPONSE', `Response body is larger than the ${maxBytes}-byte limit`, {
    ...errorOptions,
    status,
  });
}

/**
 * Reads a response body as UTF-8 text, stopping as soon as it passes `maxBytes` so a huge or
 * endless body can neither exhaust memory nor hang the caller.
 */
export async function readBodyCapped(
  response: Response,
  maxBytes: number,
  errorOptions: SsoErrorOptions,
): Promise<string> {
  const tooLarge = () => bodyTooLarge(maxBytes, response.status, errorOptions);
  // A missing or unreadable Content-Length compares false: the read below still counts the bytes.
  if (Number(response.headers.get('content-length')) > maxBytes) {
    discard(response.body);
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  let received = 0;
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 0) return '';
  return utf8.decode(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received));
}

/**
 * Releases a body we will not read. Not awaited: some stream sources (mocked responses among
 * them) only settle a cancel once the producer finishes, which must not block the caller.
 */
export function discard(body: ReadableStream<Uint8Array> | null): void {
  body?.cancel().catch(() => {});
}
