import { describeBody, type ProviderId, SsoError } from '@sso/core/provider';
import {
  isRepeated,
  type SoapField,
  type SoapMessageDescriptor,
  type SoapServiceDescriptor,
} from './descriptor.js';
import { attributeOf, childNamed, readXml, type XmlElement } from './xml-reader.js';

export interface ReadContext {
  provider: ProviderId | 'core';
  operation: string;
  status?: number;
  /** Removes secrets from body snippets quoted in messages. */
  redact?: (text: string) => string;
}

/** The body element of a SOAP envelope: its local name and its parsed content. */
export interface SoapBody {
  name: string;
  content: unknown;
}

export interface SoapFaultInfo {
  faultcode: string;
  faultstring: string;
  detail?: string;
}

// A document type declaration is where entity expansion attacks (billion laughs, external
// entities) live; SOAP 1.1 forbids it in messages outright, so its mere presence is refused.
const DTD = /<!DOCTYPE|<!ENTITY/i;

// Complex types nest as deep as their descriptors, but a recursive type could follow a hostile
// document down: deeper than this is refused rather than recursed into.
const MAX_DEPTH = 256;

function malformed(context: ReadContext, detail: string, cause?: unknown): SsoError {
  return new SsoError('MALFORMED_RESPONSE', `${context.operation}: ${detail}`, {
    provider: context.provider,
    operation: context.operation,
    status: context.status,
    cause,
  });
}

/** Parses a SOAP envelope (strictly, see xml-reader.ts) and returns its first body element. */
export function readSoapBody(text: string, context: ReadContext): SoapBody {
  if (DTD.test(text)) {
    throw malformed(
      context,
      'the response declares a DOCTYPE or entities, which SOAP forbids; refused unparsed',
    );
  }
  let envelope: XmlElement;
  try {
    envelope = readXml(text);
  } catch (cause) {
    // The cause (an XmlError) names the rule and the offset, never text of the body.
    throw malformed(
      context,
      `expected a SOAP envelope but the server sent ${describeBody(text, context.redact)}`,
      cause,
    );
  }
  if (envelope.name !== 'Envelope') throw malformed(context, 'the response has no SOAP Envelope');
  const body = childNamed(envelope, 'Body');
  if (body === undefined) throw malformed(context, 'the SOAP envelope has no Body');
  const first = body.children[0];
  if (first === undefined) throw malformed(context, 'the SOAP Body is empty');
  return { name: first.name, content: first };
}

function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && Array.isArray((value as XmlElement).children);
}

/** The fault fields of a `soap:Fault` body, or undefined when the body is not a fault. */
export function faultOf(body: SoapBody): SoapFaultInfo | undefined {
  if (body.name !== 'Fault') return undefined;
  const node = isElement(body.content) ? body.content : undefined;
  const text = (name: string): string | undefined => {
    const child = node && childNamed(node, name);
    return child?.text.trim();
  };
  const detail = text('detail');
  return {
    faultcode: text('faultcode') ?? '',
    faultstring: text('faultstring') ?? '',
    ...(detail ? { detail } : {}),
  };
}

/** Converts the parsed body element into the typed shape its descriptor announces. */
export function readMessage(
  service: SoapServiceDescriptor,
  message: SoapMessageDescriptor,
  body: SoapBody,
  context: ReadContext,
): Record<string, unknown> {
  if (body.name !== message.element) {
    throw malformed(context, `expected <${message.element}> in the SOAP Body but got <${body.name}>`);
  }
  return readFields(service, message.fields, body.content, message.element, context, 0);
}

function readFields(
  service: SoapServiceDescriptor,
  fields: readonly SoapField[],
  content: unknown,
  path: string,
  context: ReadContext,
  depth: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isElement(content)) return out;
  if (depth >= MAX_DEPTH) throw malformed(context, `${path} is nested too deeply`);
  const children = content.children;
  for (const field of fields) {
    const name = field.name;
    if (isRepeated(field)) {
      const items: unknown[] = [];
      for (const child of children) {
        if (child.name === name) {
          items.push(readOne(service, field, child, path, items.length, context, depth));
        }
      }
      out[name] = items;
    } else {
      const child = childNamed(content, name);
      if (child !== undefined) out[name] = readOne(service, field, child, path, -1, context, depth);
    }
  }
  return out;
}

function isNil(element: XmlElement): boolean {
  if (element.attributes === undefined) return false;
  const nil = attributeOf(element, 'nil');
  return nil === 'true' || nil === '1';
}

/** `parent.field` or `parent.field[index]`: built only for messages. */
const pathOf = (parent: string, field: SoapField, index: number): string =>
  index < 0 ? `${parent}.${field.name}` : `${parent}.${field.name}[${index}]`;

function readOne(
  service: SoapServiceDescriptor,
  field: SoapField,
  element: XmlElement,
  parent: string,
  index: number,
  context: ReadContext,
  depth: number,
): unknown {
  if (isNil(element)) return null;
  if (field.type === 'complex') {
    const path = pathOf(parent, field, index);
    const type = service.types[field.ref ?? ''];
    if (!type) throw malformed(context, `${path} has an unknown type`);
    return readFields(service, type.fields, element, path, context, depth + 1);
  }
  if (element.children.length !== 0) {
    throw malformed(
      context,
      `${pathOf(parent, field, index)} holds elements where a ${field.type} was expected`,
    );
  }
  return convertSimple(field, element.text, parent, index, context);
}

function convertSimple(
  field: SoapField,
  text: string,
  parent: string,
  index: number,
  context: ReadContext,
): unknown {
  switch (field.type) {
    case 'boolean': {
      const t = text.trim();
      if (t === 'true' || t === '1') return true;
      if (t === 'false' || t === '0') return false;
      throw malformed(context, `${pathOf(parent, field, index)} is not an xs:boolean`);
    }
    case 'int':
    case 'long':
    case 'short':
    case 'byte':
    case 'integer':
    case 'unsignedInt':
    case 'unsignedLong':
    case 'unsignedShort': {
      const t = text.trim();
      if (!/^[+-]?\d+$/.test(t)) {
        throw malformed(context, `${pathOf(parent, field, index)} is not an xs:${field.type}`);
      }
      const n = Number(t);
      if (!Number.isSafeInteger(n)) {
        throw malformed(context, `${pathOf(parent, field, index)} is outside the safe integer range`);
      }
      return n;
    }
    case 'decimal':
    case 'double':
    case 'float': {
      const t = text.trim();
      const n = t === 'INF' ? Number.POSITIVE_INFINITY : t === '-INF' ? Number.NEGATIVE_INFINITY : Number(t);
      if (t === '' || (Number.isNaN(n) && t !== 'NaN')) {
        throw malformed(context, `${pathOf(parent, field, index)} is not an xs:${field.type}`);
      }
      return n;
    }
    default:
      // Strings (and dateTime, base64Binary…) are kept verbatim, leading zeros included ("00").
      return text;
  }
}
