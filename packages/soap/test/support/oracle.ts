// fast-xml-parser as the oracle for the hand-written reader: both turned into one plain shape.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { XmlElement } from '../../src/xml-reader.js';

/** What both readers are compared on. */
export interface PlainElement {
  qname: string;
  attributes: Array<[string, string]>;
  text: string;
  children: PlainElement[];
}

export function fromOurs(element: XmlElement): PlainElement {
  const colon = element.qname.indexOf(':');
  if (element.name !== element.qname.slice(colon + 1)) {
    throw new Error(`local name ${element.name} does not match ${element.qname}`);
  }
  const attributes: Array<[string, string]> = [];
  const raw = element.attributes ?? [];
  for (let k = 0; k < raw.length; k += 2) attributes.push([raw[k]!, raw[k + 1]!]);
  return { qname: element.qname, attributes, text: element.text, children: element.children.map(fromOurs) };
}

// Raw text and attribute values (no entity processing), CDATA apart, comments and PIs dropped.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
});

const REFERENCE = /&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five entities and character references (the oracle leaves them as written). */
function decode(raw: string): string {
  return raw.replace(REFERENCE, (_, name: string) => {
    if (name[0] !== '#') return NAMED[name]!;
    return String.fromCodePoint(
      name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10),
    );
  });
}

// XML 1.0 §2.11 line ends and §3.3.3 attribute-value normalisation, on the raw text (before
// references are decoded, so `&#13;` and `&#9;` survive).
const lineEnds = (raw: string) => raw.replace(/\r\n?/g, '\n');
const attributeValue = (raw: string) => decode(raw.replace(/\r\n|[\t\n\r]/g, ' '));

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function isWhitespace(text: string): boolean {
  return /^[ \t\r\n]*$/.test(text);
}

function convert(node: OrderedNode): PlainElement {
  const qname = Object.keys(node).find((k) => k !== ':@')!;
  const attributes = Object.entries(node[':@'] ?? {}).map(
    ([name, value]) => [name, attributeValue(value)] as [string, string],
  );
  let text = '';
  const children: PlainElement[] = [];
  for (const item of node[qname] as OrderedNode[]) {
    if ('#text' in item) text += decode(lineEnds(String(item['#text'])));
    else if ('#cdata' in item) {
      for (const part of item['#cdata'] as OrderedNode[]) text += lineEnds(String(part['#text'] ?? ''));
    } else children.push(convert(item));
  }
  if (children.length > 0 && isWhitespace(text)) text = '';
  return { qname, attributes, text, children };
}

/** The oracle's reading of a document it validates, in the plain shape. */
export function fromOracle(xml: string): PlainElement {
  const nodes = parser.parse(xml) as OrderedNode[];
  const root = nodes.find((n) => !('#text' in n));
  if (!root) throw new Error('the oracle found no root element');
  return convert(root);
}

export const oracleAccepts = (xml: string): boolean => XMLValidator.validate(xml) === true;

const here = dirname(fileURLToPath(import.meta.url));

/** Every request.xml and response.xml of the Euromsg and GittiGidiyor golden fixtures. */
export function fixtureDocuments(): Array<{ name: string; xml: string }> {
  const out: Array<{ name: string; xml: string }> = [];
  for (const provider of ['euromsg-soap', 'gittigidiyor']) {
    const root = join(here, '..', '..', '..', provider, 'test', 'fixtures');
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' }).sort()) {
      if (file.endsWith('.xml'))
        out.push({ name: `${provider}/${file}`, xml: readFileSync(join(root, file), 'utf8') });
    }
  }
  return out;
}
