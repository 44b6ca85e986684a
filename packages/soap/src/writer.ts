// The message writer: a descriptor's fields written as elements and attributes, in order, with
// their namespaces, into the envelope.
import type { ProviderId } from '@sso/core/provider';
import {
  isRepeated,
  type SoapField,
  type SoapMessageDescriptor,
  type SoapOperationDescriptor,
  type SoapServiceDescriptor,
} from './descriptor.js';
import { ENVELOPE_CLOSE, ENVELOPE_OPEN, envelopeOpen, SOAP12_ENV_NS } from './envelope.js';
import { bind, openTag, rootScope, type Scope } from './namespaces.js';
import { invalid, opaque, simpleText, type WriteContext } from './write-values.js';
import { escapeXml } from './xml.js';

/** Writes one Body: the message element (or nothing, for an empty message) inside the envelope. */
export type MessageWriter = (values: unknown) => string;

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
    const scope = { dflt: inner.dflt, prefixes: inner.prefixes, count: { n: inner.count.n } };
    writeFields(parts, message.fields, record, 'input', context, scope);
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

const keyOf = (field: SoapField): string => field.key ?? field.name;
const isChild = (field: SoapField): boolean => !field.attribute && !field.text;

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
