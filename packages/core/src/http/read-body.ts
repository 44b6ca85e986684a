import { SsoError, type SsoErrorOptions } from '../errors.js';

export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * Reads a response body as UTF-8 text, stopping as soon as it passes `maxBytes` so a huge or
 * endless body can neither exhaust memory nor hang the caller.
 */
export async function readBodyCapped(
  response: Response,
  maxBytes: number,
  errorOptions: SsoErrorOptions,
): Promise<string> {
  const tooLarge = () =>
    new SsoError('MALFORMED_RESPONSE', `Response body is larger than the ${maxBytes}-byte limit`, {
      ...errorOptions,
      status: response.status,
    });
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    discard(response.body);
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      reader.cancel().catch(() => {});
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * Releases a body we will not read. Not awaited: some stream sources (mocked responses among
 * them) only settle a cancel once the producer finishes, which must not block the caller.
 */
export function discard(body: ReadableStream<Uint8Array> | null): void {
  body?.cancel().catch(() => {});
}
