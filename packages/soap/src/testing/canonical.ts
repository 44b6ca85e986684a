import { readXml, type XmlElement } from '../xml-reader.js';

/** A namespace-resolved element tree: prefixes, declarations and formatting whitespace removed. */
export interface CanonicalElement {
  name: string; // {namespace}local
  attributes: Record<string, string>;
  children: Array<CanonicalElement | string>;
}

/**
 * Canonicalises an XML document so two serialisations of the same infoset compare equal: prefixes
 * resolved to namespaces, declarations and formatting whitespace dropped. For tests that compare
 * our envelopes with another SOAP stack's. Throws on a document that is not well-formed.
 */
export function canonicalXml(xml: string): CanonicalElement {
  return convert(readXml(xml, { order: true }), {});
}

function resolve(qname: string, scope: Record<string, string>, isAttribute: boolean): string {
  const i = qname.indexOf(':');
  const prefix = i < 0 ? '' : qname.slice(0, i);
  const local = i < 0 ? qname : qname.slice(i + 1);
  if (isAttribute && prefix === '') return local;
  const ns = scope[prefix] ?? '';
  return `{${ns}}${local}`;
}

function convert(element: XmlElement, parentScope: Record<string, string>): CanonicalElement {
  const raw = element.attributes ?? [];
  const scope = { ...parentScope };
  for (let k = 0; k < raw.length; k += 2) {
    const name = raw[k]!;
    if (name === 'xmlns') scope[''] = raw[k + 1]!;
    else if (name.startsWith('xmlns:')) scope[name.slice(6)] = raw[k + 1]!;
  }
  const attributes: Record<string, string> = {};
  for (let k = 0; k < raw.length; k += 2) {
    const name = raw[k]!;
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    attributes[resolve(name, scope, true)] = raw[k + 1]!;
  }
  const children: Array<CanonicalElement | string> = [];
  const hasElements = element.children.length > 0;
  for (const child of element.content ?? []) {
    if (typeof child === 'string') {
      // Whitespace between elements is formatting; text of a leaf is data.
      if (!hasElements || child.trim() !== '') children.push(child);
    } else children.push(convert(child, scope));
  }
  return { name: resolve(element.qname, scope, false), attributes, children };
}
