import { type ProviderId, SsoError } from '@sso/core/provider';
import {
  isRepeated,
  type SoapField,
  type SoapMessageDescriptor,
  type SoapOperationDescriptor,
  type SoapServiceDescriptor,
} from './descriptor.js';
import { escapeXml, hasForbiddenXmlChar } from './xml.js';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

const ENVELOPE_OPEN = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_ENV_NS}" xmlns:xsi="${XSI_NS}" xmlns:xsd="${XSD_NS}"><soap:Body>`;
const ENVELOPE_CLOSE = '</soap:Body></soap:Envelope>';

export interface WriteContext {
  provider: ProviderId | 'core';
  operation: string;
}

/** Writes one document/literal body element: a precomputed prefix and suffix around the ordered fields. */
export type MessageWriter = (values: unknown) => string;

/**
 * Builds the writer of one message (the input of a client call, or the output of a simulated
 * server). The envelope prefix/suffix are computed once here; a call only serialises its fields.
 */
export function createMessageWriter(
  service: SoapServiceDescriptor,
  message: SoapMessageDescriptor,
  options: { namespace?: string; operation: string; provider: ProviderId | 'core' },
): MessageWriter {
  const namespace = options.namespace ?? service.namespace;
  const name = message.element;
  const prefix = service.qualified
    ? `${ENVELOPE_OPEN}<${name} xmlns="${escapeXml(namespace)}">`
    : `${ENVELOPE_OPEN}<tns:${name} xmlns:tns="${escapeXml(namespace)}">`;
  const suffix = service.qualified ? `</${name}>${ENVELOPE_CLOSE}` : `</tns:${name}>${ENVELOPE_CLOSE}`;
  const context: WriteContext = { provider: options.provider, operation: options.operation };
  return (values) => {
    const parts: string[] = [prefix];
    writeFields(parts, service, message.fields, values ?? {}, 'input', context);
    parts.push(suffix);
    return parts.join('');
  };
}

/** The writer of an operation's request envelope. */
export function createRequestWriter(
  service: SoapServiceDescriptor,
  operation: SoapOperationDescriptor,
  options: { namespace?: string; provider: ProviderId | 'core' },
): MessageWriter {
  return createMessageWriter(service, operation.input, { ...options, operation: operation.name });
}

function invalid(context: WriteContext, path: string, rule: string): SsoError {
  return new SsoError('INVALID_INPUT', `${context.operation}: ${path} ${rule}`, {
    provider: context.provider,
    operation: context.operation,
  });
}

function writeFields(
  parts: string[],
  service: SoapServiceDescriptor,
  fields: readonly SoapField[],
  values: unknown,
  path: string,
  context: WriteContext,
): void {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw invalid(context, path, 'must be an object');
  }
  const record = values as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (record[key] !== undefined && !fields.some((f) => f.name === key)) {
      throw invalid(context, path, `has unknown key "${key}"`);
    }
  }
  for (const field of fields) {
    const value = record[field.name];
    const fieldPath = `${path}.${field.name}`;
    if (value === undefined) {
      if (field.min > 0) throw invalid(context, fieldPath, 'is required');
      continue;
    }
    if (isRepeated(field)) {
      if (!Array.isArray(value)) throw invalid(context, fieldPath, 'must be an array');
      if (value.length < field.min)
        throw invalid(context, fieldPath, `must have at least ${field.min} items`);
      if (field.max !== 'unbounded' && value.length > field.max) {
        throw invalid(context, fieldPath, `must have at most ${field.max} items`);
      }
      value.forEach((item, index) => {
        writeOne(parts, service, field, item, `${fieldPath}[${index}]`, context);
      });
    } else {
      writeOne(parts, service, field, value, fieldPath, context);
    }
  }
}

function writeOne(
  parts: string[],
  service: SoapServiceDescriptor,
  field: SoapField,
  value: unknown,
  path: string,
  context: WriteContext,
): void {
  const tag = field.name;
  if (value === null) {
    if (!field.nillable) throw invalid(context, path, 'must not be null');
    parts.push(`<${tag} xsi:nil="true"/>`);
    return;
  }
  if (field.type === 'complex') {
    const type = service.types[field.ref ?? ''];
    if (!type) throw invalid(context, path, `has an unknown type ${field.ref}`);
    parts.push(`<${tag}>`);
    writeFields(parts, service, type.fields, value, path, context);
    parts.push(`</${tag}>`);
    return;
  }
  parts.push(`<${tag}>`, escapeXml(simpleText(field, value, path, context)), `</${tag}>`);
}

const INTEGER_RANGES: Partial<Record<string, readonly [number, number]>> = {
  int: [-2147483648, 2147483647],
  short: [-32768, 32767],
  byte: [-128, 127],
  unsignedInt: [0, 4294967295],
  unsignedShort: [0, 65535],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  integer: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  unsignedLong: [0, Number.MAX_SAFE_INTEGER],
};

function simpleText(field: SoapField, value: unknown, path: string, context: WriteContext): string {
  const range = INTEGER_RANGES[field.type];
  if (range) {
    if (typeof value === 'bigint') {
      if (field.type !== 'long' && field.type !== 'integer' && field.type !== 'unsignedLong') {
        throw invalid(context, path, 'must be a number');
      }
      return value.toString();
    }
    if (typeof value !== 'number' || !Number.isInteger(value))
      throw invalid(context, path, 'must be an integer');
    if (value < range[0] || value > range[1])
      throw invalid(context, path, `must be within the ${field.type} range`);
    return String(value);
  }
  switch (field.type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(context, path, 'must be a boolean');
      return value ? 'true' : 'false';
    case 'decimal':
    case 'double':
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw invalid(context, path, 'must be a finite number');
      return String(value);
    case 'dateTime':
    case 'date':
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw invalid(context, path, 'must be a valid date');
        const iso = value.toISOString();
        return field.type === 'date' ? iso.slice(0, 10) : iso;
      }
      break;
    default:
      break;
  }
  if (typeof value !== 'string') throw invalid(context, path, 'must be a string');
  if (hasForbiddenXmlChar(value))
    throw invalid(context, path, 'contains a control character XML cannot carry');
  if (field.enum && !field.enum.includes(value)) {
    throw invalid(context, path, `must be one of ${field.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  return value;
}

/** A SOAP 1.1 Fault envelope (for simulators). */
export function writeFault(faultcode: string, faultstring: string): string {
  return `${ENVELOPE_OPEN}<soap:Fault><faultcode>${escapeXml(faultcode)}</faultcode><faultstring>${escapeXml(faultstring)}</faultstring></soap:Fault>${ENVELOPE_CLOSE}`;
}
