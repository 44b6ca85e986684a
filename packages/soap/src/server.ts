import { SsoError } from '@sso/core/provider';
import type { SoapOperationDescriptor, SoapServiceDescriptor } from './descriptor.js';
import { readMessage, readSoapBody } from './reader.js';

export interface SoapRequestInfo {
  operation: SoapOperationDescriptor;
  input: Record<string, unknown>;
}

/**
 * The server side of the engine, for simulators: finds the operation a request envelope calls
 * (by its body element) and reads its input. Throws MALFORMED_RESPONSE-coded errors for
 * envelopes that cannot be read; a simulator answers those with a SOAP fault.
 */
export function readSoapRequest(service: SoapServiceDescriptor, text: string): SoapRequestInfo {
  const context = { provider: 'core' as const, operation: service.name };
  const body = readSoapBody(text, context);
  const operation = Object.values(service.operations).find((op) => op.input.element === body.name);
  if (!operation) {
    throw new SsoError(
      'MALFORMED_RESPONSE',
      `${service.name} has no operation with the body element <${body.name}>`,
    );
  }
  return {
    operation,
    input: readMessage(service, operation.input, body, { ...context, operation: operation.name }),
  };
}
