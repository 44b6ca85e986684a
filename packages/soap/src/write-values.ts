// Leaf values while writing: a simple-typed value as XML text (checked against its XSD type), an
// opaque `{ xml }` fragment, and the INVALID_INPUT error both raise.
import { type ProviderId, SsoError } from '@sso/core/provider';
import type { SoapField, SoapServiceDescriptor, SoapXml } from './descriptor.js';
import { opaqueXmlProblem } from './opaque.js';
import { hasForbiddenXmlChar } from './xml.js';

export interface WriteContext {
  provider: ProviderId | 'core';
  operation: string;
  /** The namespace of a field: its own, or the service default, after a namespace override. */
  nsOf: (field: SoapField) => string;
  service: SoapServiceDescriptor;
}

export function invalid(context: WriteContext, path: string, rule: string): SsoError {
  return new SsoError('INVALID_INPUT', `${context.operation}: ${path} ${rule}`, {
    provider: context.provider,
    operation: context.operation,
  });
}

export function opaque(value: unknown, path: string, context: WriteContext): string {
  const xml = (value as SoapXml | null)?.xml;
  if (typeof xml !== 'string') throw invalid(context, path, 'must be { xml: string }');
  const problem = opaqueXmlProblem(xml);
  if (problem) throw invalid(context, path, problem);
  return xml;
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

export function simpleText(field: SoapField, value: unknown, path: string, context: WriteContext): string {
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
