import { escapeXml, hasForbiddenXmlChar } from './xml.js';
import { readXml, type XmlElement } from './xml-reader.js';

/** Opaque XML larger than this is refused, in requests and responses alike. */
export const MAX_OPAQUE_XML = 1 << 20;

/**
 * Why `xml` cannot be written as element content (too large, not well-formed; readXml refuses any
 * DTD), or undefined.
 * Parsing it inside a wrapper also proves it cannot close the element it is written into.
 */
export function opaqueXmlProblem(xml: string): string | undefined {
  if (xml.length > MAX_OPAQUE_XML) return `is larger than ${MAX_OPAQUE_XML} characters`;
  if (hasForbiddenXmlChar(xml)) return 'contains a control character XML cannot carry';
  try {
    readXml(`<x>${xml}</x>`);
  } catch {
    return 'is not well-formed XML content';
  }
  return undefined;
}

/** Writes a parsed element back as text (namespace declarations of its ancestors are not repeated). */
export function xmlOf(element: XmlElement): string {
  const parts: string[] = [];
  write(parts, element);
  return parts.join('');
}

/** The content of an element (text, then child elements) as text. */
export function contentXmlOf(element: XmlElement): string {
  const parts: string[] = [escapeXml(element.text)];
  for (const child of element.children) write(parts, child);
  return parts.join('');
}

function write(parts: string[], element: XmlElement): void {
  parts.push('<', element.qname);
  const attributes = element.attributes ?? [];
  for (let i = 0; i < attributes.length; i += 2) {
    parts.push(' ', attributes[i]!, '="', escapeXml(attributes[i + 1]!), '"');
  }
  parts.push('>', contentXmlOf(element), '</', element.qname, '>');
}
