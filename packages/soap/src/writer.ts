import { type ProviderId, SsoError } from '@sso/core/provider';
import {
  isRepeated,
  type SoapField,
  type SoapMessageDescriptor,
  type SoapOperationDescriptor,
  type SoapServiceDescriptor,
  type SoapXml,
} from './descriptor.js';
import { opaqueXmlProblem } from './opaque.js';
import { escapeXml, hasForbiddenXmlChar } from './xml.js';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENV_NS = 'http://www.w3.org/2003/05/soap-envelope';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

const envelopeOpen = (envNs: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${envNs}" xmlns:xsi="${XSI_NS}" xmlns:xsd="${XSD_NS}"><soap:Body>`;
const ENVELOPE_OPEN = envelopeOpen(SOAP_ENV_NS);
const ENVELOPE_CLOSE = '</soap:Body></soap:Envelope>';

export interface WriteContext {
  provider: ProviderId | 'core';
  operation: string;
  /** The namespace of a field: its own, or the service default, after a namespace override. */
  nsOf: (field: SoapField) => string;
  service: SoapServiceDescriptor;
}

/** Writes one Body: the message element (or nothing, for an empty message) inside the envelope. */
export type MessageWriter = (values: unknown) => string;

/** In-scope namespace bindings while writing: the default namespace and the declared prefixes. */
interface Scope {
  dflt: string;
  prefixes: Prefix | undefined;
  /** Prefixes declared so far in this document (for fresh names). */
  count: { n: number };
}
interface Prefix {
  ns: string;
  prefix: string;
  next: Prefix | undefined;
}

/**
 * Builds the writer of one message (the input of a client call, or the output of a simulated
 * server). Elements are written in their namespaces: a qualified element sets the default namespace
 * for its children, unless unqualified children follow, then it is written with a prefix.
 */
export function createMessageWriter(
  service: SoapServiceDescriptor,
  message: SoapMessageDescriptor,
  options: { namespace?: string; operation: string; provider: ProviderId | 'core' },
): MessageWriter {
  const from = service.namespace;
  const to = options.namespace ?? from;
  const fallback = service.qualified ? to : '';
  const nsOf = (field: SoapField): string =>
    field.ns === undefined ? fallback : field.ns === from ? to : field.ns;
  const open = service.soapVersion === '1.2' ? envelopeOpen(SOAP12_ENV_NS) : ENVELOPE_OPEN;
  const context: WriteContext = { provider: options.provider, operation: options.operation, nsOf, service };
  const name = message.element;
  if (name === undefined) {
    // No wrapper: the fields (if any) are the children of the Body itself.
    return (values) => {
      const record = values ?? {};
      if (typeof record !== 'object' || Array.isArray(record))
        throw invalid(context, 'input', 'must be an object');
      checkKeys(record as Record<string, unknown>, message.fields, 'input', context);
      const parts: string[] = [open];
      writeFields(parts, message.fields, record, 'input', context, rootScope());
      parts.push(ENVELOPE_CLOSE);
      return parts.join('');
    };
  }
  const body: SoapField = { name, ns: message.ns ?? from, type: 'complex', min: 1, max: 1 };
  if (message.fields.some((f) => f.attribute)) {
    return (values) => {
      const parts: string[] = [open];
      writeElement(parts, body, message.fields, values ?? {}, 'input', context, rootScope());
      parts.push(ENVELOPE_CLOSE);
      return parts.join('');
    };
  }
  // Without attributes the body element's start tag is the same on every call: written once here.
  const start: string[] = [open];
  const [qname, inner] = openTag(
    start,
    name,
    nsOf(body),
    rootScope(),
    hasUnqualifiedChildren(message.fields, context),
  );
  const prefix = `${start.join('')}>`;
  const suffix = `</${qname}>${ENVELOPE_CLOSE}`;
  return (values) => {
    const record = values ?? {};
    if (typeof record !== 'object' || Array.isArray(record))
      throw invalid(context, 'input', 'must be an object');
    checkKeys(record as Record<string, unknown>, message.fields, 'input', context);
    const parts: string[] = [prefix];
    writeFields(parts, message.fields, record, 'input', context, { ...inner, count: { n: inner.count.n } });
    parts.push(suffix);
    return parts.join('');
  };
}

const rootScope = (): Scope => ({ dflt: '', prefixes: undefined, count: { n: 0 } });

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

const keyOf = (field: SoapField): string => field.key ?? field.name;
const isChild = (field: SoapField): boolean => !field.attribute && !field.text;

function prefixOf(scope: Scope, ns: string): string | undefined {
  for (let p = scope.prefixes; p; p = p.next) if (p.ns === ns) return p.prefix;
  return ns === 'http://www.w3.org/XML/1998/namespace' ? 'xml' : undefined;
}

/** Binds a prefix to `ns` (declared on the element being opened); returns it with the new scope. */
function bind(parts: string[], scope: Scope, ns: string): [string, Scope] {
  const known = prefixOf(scope, ns);
  if (known) return [known, scope];
  const prefix = scope.count.n === 0 ? 'tns' : `ns${scope.count.n}`;
  scope.count.n++;
  parts.push(` xmlns:${prefix}="${escapeXml(ns)}"`);
  return [prefix, { ...scope, prefixes: { ns, prefix, next: scope.prefixes } }];
}

/** Opens `<name` in namespace `ns`; returns the qualified name to close and the children's scope. */
function openTag(
  parts: string[],
  name: string,
  ns: string,
  scope: Scope,
  unqualifiedChildren: boolean,
): [string, Scope] {
  if (ns === '') {
    if (scope.dflt === '') {
      parts.push('<', name);
      return [name, scope];
    }
    parts.push('<', name, ' xmlns=""');
    return [name, { ...scope, dflt: '' }];
  }
  if (unqualifiedChildren || (ns !== scope.dflt && prefixOf(scope, ns) !== undefined)) {
    const at = parts.length;
    parts.push('');
    const [prefix, inner] = bind(parts, scope, ns);
    parts[at] = `<${prefix}:${name}`;
    return [`${prefix}:${name}`, inner];
  }
  if (ns === scope.dflt) {
    parts.push('<', name);
    return [name, scope];
  }
  parts.push('<', name, ' xmlns="', escapeXml(ns), '"');
  return [name, { ...scope, dflt: ns }];
}

const unqualifiedCache = new WeakMap<readonly SoapField[], boolean>();
function hasUnqualifiedChildren(fields: readonly SoapField[], context: WriteContext): boolean {
  let known = unqualifiedCache.get(fields);
  if (known === undefined) {
    known = fields.some((f) => isChild(f) && !f.wildcard && context.nsOf(f) === '');
    unqualifiedCache.set(fields, known);
  }
  return known;
}

function writeElement(
  parts: string[],
  field: SoapField,
  fields: readonly SoapField[],
  value: unknown,
  path: string,
  context: WriteContext,
  scope: Scope,
): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(context, path, 'must be an object');
  }
  const record = value as Record<string, unknown>;
  checkKeys(record, fields, path, context);
  const [qname, inner] = openTag(
    parts,
    field.name,
    context.nsOf(field),
    scope,
    hasUnqualifiedChildren(fields, context),
  );
  let scoped = inner;
  for (const f of fields) {
    if (!f.attribute) continue;
    const v = record[keyOf(f)];
    const fieldPath = `${path}.${keyOf(f)}`;
    if (v === undefined) {
      if (f.min > 0) throw invalid(context, fieldPath, 'is required');
      continue;
    }
    const ns = f.ns ?? '';
    let attr = f.name;
    if (ns !== '') {
      const [prefix, next] = bind(parts, scoped, ns);
      scoped = next;
      attr = `${prefix}:${f.name}`;
    }
    parts.push(' ', attr, '="', escapeXml(simpleText(f, v, fieldPath, context)), '"');
  }
  parts.push('>');
  writeFields(parts, fields, record, path, context, scoped);
  parts.push('</', qname, '>');
}

function checkKeys(
  record: Record<string, unknown>,
  fields: readonly SoapField[],
  path: string,
  context: WriteContext,
): void {
  for (const key of Object.keys(record)) {
    if (record[key] !== undefined && !fields.some((f) => keyOf(f) === key)) {
      throw invalid(context, path, `has unknown key "${key}"`);
    }
  }
}

function writeFields(
  parts: string[],
  fields: readonly SoapField[],
  values: unknown,
  path: string,
  context: WriteContext,
  scope: Scope,
): void {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw invalid(context, path, 'must be an object');
  }
  const record = values as Record<string, unknown>;
  for (const field of fields) {
    if (field.attribute) continue;
    const value = record[keyOf(field)];
    const fieldPath = `${path}.${keyOf(field)}`;
    if (value === undefined) {
      if (field.min > 0) throw invalid(context, fieldPath, 'is required');
      continue;
    }
    if (field.text) {
      parts.push(escapeXml(simpleText(field, value, fieldPath, context)));
    } else if (isRepeated(field)) {
      if (!Array.isArray(value)) throw invalid(context, fieldPath, 'must be an array');
      if (value.length < field.min)
        throw invalid(context, fieldPath, `must have at least ${field.min} items`);
      if (field.max !== 'unbounded' && value.length > field.max) {
        throw invalid(context, fieldPath, `must have at most ${field.max} items`);
      }
      value.forEach((item, index) => {
        writeOne(parts, field, item, `${fieldPath}[${index}]`, context, scope);
      });
    } else {
      writeOne(parts, field, value, fieldPath, context, scope);
    }
  }
}

function writeOne(
  parts: string[],
  field: SoapField,
  value: unknown,
  path: string,
  context: WriteContext,
  scope: Scope,
): void {
  if (field.wildcard) {
    parts.push(opaque(value, path, context));
    return;
  }
  if (value === null) {
    if (!field.nillable) throw invalid(context, path, 'must not be null');
    openTag(parts, field.name, context.nsOf(field), scope, false);
    parts.push(' xsi:nil="true"/>');
    return;
  }
  if (field.type === 'complex') {
    const type = context.service.types[field.ref ?? ''];
    if (!type) throw invalid(context, path, `has an unknown type ${field.ref}`);
    writeElement(parts, field, type.fields, value, path, context, scope);
    return;
  }
  const ns = context.nsOf(field);
  const text =
    field.type === 'any' && typeof value === 'object'
      ? opaque(value, path, context)
      : escapeXml(simpleText(field, value, path, context));
  if (ns === scope.dflt) {
    parts.push(`<${field.name}>`, text, `</${field.name}>`);
    return;
  }
  const [qname] = openTag(parts, field.name, ns, scope, false);
  parts.push('>', text, '</', qname, '>');
}

function opaque(value: unknown, path: string, context: WriteContext): string {
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
