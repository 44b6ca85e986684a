import { XMLParser } from 'fast-xml-parser';

/** A namespace-resolved element tree: prefixes, declarations and formatting whitespace removed. */
export interface CanonicalElement {
  name: string; // {namespace}local
  attributes: Record<string, string>;
  children: Array<CanonicalElement | string>;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  ignoreDeclaration: true,
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/**
 * Canonicalises an XML document so two serialisations of the same infoset compare equal: prefixes
 * resolved to namespaces, declarations and formatting whitespace dropped. For tests that compare
 * our envelopes with another SOAP stack's.
 */
export function canonicalXml(xml: string): CanonicalElement {
  const nodes = parser.parse(xml) as OrderedNode[];
  const root = nodes.find((n) => Object.keys(n).some((k) => k !== ':@' && k !== '#text'));
  if (!root) throw new Error('no root element');
  return convert(root, {});
}

function resolve(qname: string, scope: Record<string, string>, isAttribute: boolean): string {
  const i = qname.indexOf(':');
  const prefix = i < 0 ? '' : qname.slice(0, i);
  const local = i < 0 ? qname : qname.slice(i + 1);
  if (isAttribute && prefix === '') return local;
  const ns = scope[prefix] ?? '';
  return `{${ns}}${local}`;
}

function convert(node: OrderedNode, parentScope: Record<string, string>): CanonicalElement {
  const tag = Object.keys(node).find((k) => k !== ':@')!;
  const rawAttributes = node[':@'] ?? {};
  const scope = { ...parentScope };
  for (const [name, value] of Object.entries(rawAttributes)) {
    if (name === 'xmlns') scope[''] = value;
    else if (name.startsWith('xmlns:')) scope[name.slice(6)] = value;
  }
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(rawAttributes)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    attributes[resolve(name, scope, true)] = value;
  }
  const children: Array<CanonicalElement | string> = [];
  const content = node[tag] as OrderedNode[];
  const elements = content.filter((c) => !('#text' in c));
  for (const child of content) {
    if ('#text' in child) {
      const text = String(child['#text']);
      // Whitespace between elements is formatting; text of a leaf is data.
      if (elements.length === 0 || text.trim() !== '') children.push(text);
    } else children.push(convert(child, scope));
  }
  return { name: resolve(tag, scope, false), attributes, children };
}
