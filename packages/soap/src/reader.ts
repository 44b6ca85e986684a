import { describeBody, type ProviderId, SsoError } from '@sso/core/provider';
import {
  isRepeated,
  type SoapField,
  type SoapMessageDescriptor,
  type SoapServiceDescriptor,
} from './descriptor.js';
import { contentXmlOf, xmlOf } from './opaque.js';
import { attributeOf, childNamed, readXml, type XmlElement } from './xml-reader.js';

export interface ReadContext {
  provider: ProviderId | 'core';
  operation: string;
  status?: number;
  /** Removes secrets from body snippets quoted in messages. */
  redact?: (text: string) => string;
  /**
   * What to do with a response element no field of its type describes (and no `xs:any` takes):
   * `'error'` (the default) throws MALFORMED_RESPONSE naming it; `'ignore'` drops it.
   */
  unknownElements?: 'error' | 'ignore';
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

/**
 * Parses a SOAP envelope (strictly, see xml-reader.ts) and returns its first body element; with
 * `whole` (a message without wrapper element), the Body itself as `{ name: '', content }` unless it
 * holds a Fault, and an empty Body is no error.
 */
export function readSoapBody(text: string, context: ReadContext, whole = false): SoapBody {
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
  if (whole && first?.name !== 'Fault') return { name: '', content: body };
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
  // SOAP 1.1 names faultcode/faultstring/detail; SOAP 1.2 Code/Value, Reason/Text, Detail.
  const text = (name: string, inner?: string): string | undefined => {
    let child = node && childNamed(node, name);
    if (child && inner) child = childNamed(child, inner);
    return child?.text.trim();
  };
  const detail = text('detail') ?? text('Detail');
  return {
    faultcode: text('faultcode') ?? text('Code', 'Value') ?? '',
    faultstring: text('faultstring') ?? text('Reason', 'Text') ?? '',
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
  if (message.element === undefined)
    return readFields(service, message.fields, body.content, 'Body', context, 0);
  if (body.name !== message.element) {
    throw malformed(context, `expected <${message.element}> in the SOAP Body but got <${body.name}>`);
  }
  return readFields(service, message.fields, body.content, message.element, context, 0);
}

const keyOf = (field: SoapField): string => field.key ?? field.name;

/** How to read a field list, computed once per list: child elements by name, and the rest. */
interface ReadPlan {
  /** Child element fields; looked up by scanning while few (parsed names are not yet hashed). */
  elements: SoapField[];
  named: Map<string, SoapField> | undefined;
  /** Attributes, text, xs:any and repeated elements: what needs work besides matching children. */
  special: SoapField[];
}
const plans = new WeakMap<readonly SoapField[], ReadPlan>();
function planOf(fields: readonly SoapField[]): ReadPlan {
  let plan = plans.get(fields);
  if (plan === undefined) {
    const elements = fields.filter((f) => !f.attribute && !f.text && !f.wildcard);
    plan = {
      elements,
      named: elements.length > 16 ? new Map(elements.map((f) => [f.name, f])) : undefined,
      special: fields.filter((f) => f.attribute || f.text || f.wildcard || isRepeated(f)),
    };
    plans.set(fields, plan);
  }
  return plan;
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
  const { elements, named, special } = planOf(fields);
  let wildcard: SoapField | undefined;
  for (const field of special) {
    if (field.attribute) {
      const value = attributeOf(content, field.name);
      if (value !== undefined) out[keyOf(field)] = convertSimple(field, value, path, -1, context);
    } else if (field.text) {
      out[keyOf(field)] = convertSimple(field, content.text, path, -1, context);
    } else {
      if (field.wildcard) wildcard = field;
      out[keyOf(field)] = [];
    }
  }
  for (const child of content.children) {
    const field = named ? named.get(child.name) : elements.find((f) => f.name === child.name);
    if (field === undefined) {
      if (wildcard) (out[keyOf(wildcard)] as unknown[]).push({ xml: xmlOf(child) });
      else if (context.unknownElements !== 'ignore') {
        throw malformed(context, `${path} holds an element <${child.qname}> its type does not declare`);
      }
      continue;
    }
    const key = keyOf(field);
    if (isRepeated(field)) {
      const items = out[key] as unknown[];
      items.push(readOne(service, field, child, path, items.length, context, depth));
    } else if (key in out) {
      if (context.unknownElements !== 'ignore') {
        throw malformed(context, `${pathOf(path, field, -1)} appears more than once`);
      }
    } else out[key] = readOne(service, field, child, path, -1, context, depth);
  }
  if (wildcard && !isRepeated(wildcard)) {
    const items = out[keyOf(wildcard)] as unknown[];
    if (items.length > 1) throw malformed(context, `${path} holds more than one element for its xs:any`);
    if (items.length === 0) delete out[keyOf(wildcard)];
    else out[keyOf(wildcard)] = items[0];
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
  index < 0 ? `${parent}.${keyOf(field)}` : `${parent}.${keyOf(field)}[${index}]`;

/** The type an `xsi:type` attribute names among the subtypes of `ref`, else `ref` itself. */
function typeOf(service: SoapServiceDescriptor, ref: string, element: XmlElement): string {
  const subtypes = service.types[ref]?.subtypes;
  const attributes = element.attributes;
  if (subtypes === undefined || attributes === undefined) return ref;
  for (let i = 0; i < attributes.length; i += 2) {
    if (!attributes[i]!.endsWith(':type')) continue;
    const value = attributes[i + 1]!;
    const local = value.slice(value.indexOf(':') + 1);
    if (Object.hasOwn(subtypes, local)) return subtypes[local]!;
  }
  return ref;
}

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
    const type = service.types[typeOf(service, field.ref ?? '', element)];
    if (!type) throw malformed(context, `${path} has an unknown type`);
    return readFields(service, type.fields, element, path, context, depth + 1);
  }
  if (field.type === 'any') return { xml: contentXmlOf(element) };
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
