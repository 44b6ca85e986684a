import { describeBody, type ProviderId, SsoError } from '@sso/core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  isRepeated,
  type SoapField,
  type SoapMessageDescriptor,
  type SoapServiceDescriptor,
} from './descriptor.js';
import { decodeXmlText } from './xml.js';

export interface ReadContext {
  provider: ProviderId | 'core';
  operation: string;
  status?: number;
  /** Removes secrets from body snippets quoted in messages. */
  redact?: (text: string) => string;
}

type XmlNode = Record<string, unknown>;

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

// One parser for the process: options are fixed, the parser keeps no state between documents.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // No callback of ours reads tag paths: skip building a path string for every element.
  jPath: false,
});

// A document type declaration is where entity expansion attacks (billion laughs, external
// entities) live; SOAP 1.1 forbids it in messages outright, so its mere presence is refused.
const DTD = /<!DOCTYPE|<!ENTITY/i;

function malformed(context: ReadContext, detail: string, cause?: unknown): SsoError {
  return new SsoError('MALFORMED_RESPONSE', `${context.operation}: ${detail}`, {
    provider: context.provider,
    operation: context.operation,
    status: context.status,
    cause,
  });
}

/** Parses a SOAP envelope (hardened) and returns its first body element. */
export function readSoapBody(text: string, context: ReadContext): SoapBody {
  if (DTD.test(text)) {
    throw malformed(
      context,
      'the response declares a DOCTYPE or entities, which SOAP forbids; refused unparsed',
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw malformed(
      context,
      `expected a SOAP envelope but the server sent ${describeBody(text, context.redact)}`,
    );
  }
  let doc: XmlNode;
  try {
    doc = parser.parse(text) as XmlNode;
  } catch (cause) {
    throw malformed(context, 'the response is not well-formed XML', cause);
  }
  const envelope = doc.Envelope;
  if (!isNode(envelope)) throw malformed(context, 'the response has no SOAP Envelope');
  const body = envelope.Body;
  if (!isNode(body)) throw malformed(context, 'the SOAP envelope has no Body');
  for (const key of Object.keys(body)) {
    if (key.startsWith('@_') || key === '#text') continue;
    const content = body[key];
    return { name: key, content: Array.isArray(content) ? content[0] : content };
  }
  throw malformed(context, 'the SOAP Body is empty');
}

/** The fault fields of a `soap:Fault` body, or undefined when the body is not a fault. */
export function faultOf(body: SoapBody): SoapFaultInfo | undefined {
  if (body.name !== 'Fault') return undefined;
  const node = isNode(body.content) ? body.content : {};
  const text = (v: unknown) => (typeof v === 'string' ? decodeXmlText(v).trim() : isNode(v) ? textOf(v) : '');
  const detail = node.detail === undefined ? undefined : text(node.detail);
  return {
    faultcode: text(node.faultcode),
    faultstring: text(node.faultstring),
    ...(detail ? { detail } : {}),
  };
}

function textOf(node: XmlNode): string {
  const own = typeof node['#text'] === 'string' ? decodeXmlText(node['#text']).trim() : '';
  return own;
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
  return readFields(service, message.fields, body.content, message.element, context);
}

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readFields(
  service: SoapServiceDescriptor,
  fields: readonly SoapField[],
  content: unknown,
  path: string,
  context: ReadContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isNode(content)) return out; // an empty element: every field absent
  for (const field of fields) {
    const raw = content[field.name];
    if (raw === undefined) {
      if (isRepeated(field)) out[field.name] = [];
      continue;
    }
    const fieldPath = `${path}.${field.name}`;
    if (isRepeated(field)) {
      const items = Array.isArray(raw) ? raw : [raw];
      out[field.name] = items.map((item, i) => readOne(service, field, item, `${fieldPath}[${i}]`, context));
    } else {
      out[field.name] = readOne(service, field, Array.isArray(raw) ? raw[0] : raw, fieldPath, context);
    }
  }
  return out;
}

function isNil(value: unknown): boolean {
  return isNode(value) && (value['@_nil'] === 'true' || value['@_nil'] === '1');
}

function readOne(
  service: SoapServiceDescriptor,
  field: SoapField,
  value: unknown,
  path: string,
  context: ReadContext,
): unknown {
  if (isNil(value)) return null;
  if (field.type === 'complex') {
    const type = service.types[field.ref ?? ''];
    if (!type) throw malformed(context, `${path} has an unknown type`);
    return readFields(service, type.fields, value, path, context);
  }
  let text: string;
  if (typeof value === 'string') text = decodeXmlText(value);
  else if (isNode(value)) {
    // An element with attributes: its text is under #text; child elements are not a simple value.
    if (Object.keys(value).some((k) => !k.startsWith('@_') && k !== '#text')) {
      throw malformed(context, `${path} holds elements where a ${field.type} was expected`);
    }
    text = typeof value['#text'] === 'string' ? decodeXmlText(value['#text']) : '';
  } else text = '';
  return convertSimple(field, text, path, context);
}

function convertSimple(field: SoapField, text: string, path: string, context: ReadContext): unknown {
  switch (field.type) {
    case 'boolean': {
      const t = text.trim();
      if (t === 'true' || t === '1') return true;
      if (t === 'false' || t === '0') return false;
      throw malformed(context, `${path} is not an xs:boolean`);
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
      if (!/^[+-]?\d+$/.test(t)) throw malformed(context, `${path} is not an xs:${field.type}`);
      const n = Number(t);
      if (!Number.isSafeInteger(n)) throw malformed(context, `${path} is outside the safe integer range`);
      return n;
    }
    case 'decimal':
    case 'double':
    case 'float': {
      const t = text.trim();
      const n = t === 'INF' ? Number.POSITIVE_INFINITY : t === '-INF' ? Number.NEGATIVE_INFINITY : Number(t);
      if (t === '' || (Number.isNaN(n) && t !== 'NaN'))
        throw malformed(context, `${path} is not an xs:${field.type}`);
      return n;
    }
    default:
      // Strings (and dateTime, base64Binary…) are kept verbatim, leading zeros included ("00").
      return text;
  }
}
