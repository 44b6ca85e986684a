// A small, strict XML 1.0 reader with one job: turn a text into an element tree, or throw an
// XmlError. It is what reads every SOAP response, so it is written for that use:
//
// - well-formedness is enforced (one root element, matching end tags, attribute syntax, no
//   duplicate attributes, only the five predefined entities and character references to
//   allowed characters, XML names, only whitespace, comments and processing instructions outside
//   the root); a truncated document is refused wherever it was cut;
// - a DOCTYPE (or any other `<!` declaration) is refused: there are no entities to expand;
// - one forward pass over the text with charCodeAt and indexOf, an explicit stack instead of
//   recursion, text built from slices: linear time, however deep or long the document;
// - namespaces are not resolved: elements are known by their local name (prefix removed) and keep
//   their qualified name; `xmlns` declarations stay in the attribute list for whoever needs them.
//
// Error messages name the rule and the offset only, never text of the document (which may hold
// secrets). fast-xml-parser is the oracle this reader is tested against (see test/xml-reader*.ts).

/** The document is not well-formed XML, or uses a construct this reader refuses (DOCTYPE). */
export class XmlError extends Error {
  /** Offset (UTF-16 code units) in the text where the problem was found. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} (at offset ${offset})`);
    this.name = 'XmlError';
    this.offset = offset;
  }
}

export interface XmlElement {
  /** The local name: the qualified name without its prefix. */
  name: string;
  /** The qualified name as written (`soap:Body`). */
  qname: string;
  /**
   * The attributes as written, `[qname, value, qname, value, …]` in document order (namespace
   * declarations included); values have their references decoded and are normalised as XML 1.0
   * says (tab, CR and LF become spaces). Undefined when the element has none.
   */
  attributes: string[] | undefined;
  /** The child elements, in document order. */
  children: XmlElement[];
  /**
   * The character data directly inside the element (text and CDATA sections, concatenated, with
   * references decoded and line ends normalised to LF), kept verbatim: no trimming. When the
   * element has child elements and this text is only whitespace (indentation), it is `''`.
   */
  text: string;
  /** Text and child elements in document order; only when read with `{ order: true }`. */
  content: Array<XmlElement | string> | undefined;
}

export interface ReadXmlOptions {
  /** Also record each element's text and children in document order (`content`). */
  order?: boolean;
}

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const BANG = 0x21;
const QUOTE = 0x22;
const HASH = 0x23;
const AMP = 0x26;
const APOS = 0x27;
const MINUS = 0x2d;
const DOT = 0x2e;
const SLASH = 0x2f;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;
const SEMI = 0x3b;
const LT = 0x3c;
const EQUALS = 0x3d;
const GT = 0x3e;
const QUESTION = 0x3f;
const RSQB = 0x5d;
const LOWER_X = 0x78;

const isSpace = (c: number): boolean => c === SPACE || c === LF || c === TAB || c === CR;

/** A character XML 1.0 allows (by code point). */
function isXmlChar(code: number): boolean {
  return code >= SPACE
    ? code <= 0xd7ff || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)
    : code === TAB || code === LF || code === CR;
}

/**
 * Checks the code unit at `i` (at least U+D800) is allowed: a surrogate pair, or a BMP character
 * other than U+FFFE/U+FFFF. Returns how many code units it takes.
 */
function highChar(text: string, i: number, c: number): number {
  if (c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return 2;
    throw new XmlError('unpaired surrogate', i);
  }
  if (c <= 0xdfff || c === 0xfffe || c === 0xffff) throw new XmlError('a character XML does not allow', i);
  return 1;
}

/** Checks every character of text[start, end) is an XML character. */
function checkChars(text: string, start: number, end: number): void {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < SPACE) {
      if (c !== TAB && c !== LF && c !== CR) throw new XmlError('a control character XML does not allow', i);
    } else if (c >= 0xd800) i += highChar(text, i, c) - 1;
  }
}

/** 2: may start a name; 1: may only continue one; 0: not a name character. For code units ≥ 0x80. */
function nonAsciiNameClass(c: number): number {
  if (c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040) return 1;
  if (c < 0xc0 || c === 0xd7 || c === 0xf7 || c === 0x37e) return 0;
  if (c <= 0x1fff) return 2;
  if (c === 0x200c || c === 0x200d) return 2;
  if (c >= 0x2070 && c <= 0x218f) return 2;
  if (c >= 0x2c00 && c <= 0x2fef) return 2;
  if (c >= 0x3001 && c <= 0xd7ff) return 2;
  if (c >= 0xf900 && c <= 0xfdcf) return 2;
  if (c >= 0xfdf0 && c <= 0xfffd) return 2;
  return 0;
}

// Where the last scanned name had its colon (-1: none). Module state, set by scanName only.
let nameColon = -1;

/**
 * Scans an XML name (with at most one colon, not first or last, and no local part starting with
 * a digit, `-` or `.`) starting at `start`; returns the offset after it. Throws when there is none.
 */
function scanName(text: string, start: number): number {
  let i = start;
  let partStart = start;
  nameColon = -1;
  for (;;) {
    const c = text.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f) i++;
    else if ((c >= ZERO && c <= NINE) || c === MINUS || c === DOT) {
      if (i === partStart) throw new XmlError('a name starts with a digit, "-" or "."', i);
      i++;
    } else if (c === COLON) {
      if (nameColon >= 0 || i === partStart) throw new XmlError('a misplaced ":" in a name', i);
      nameColon = i;
      i++;
      partStart = i;
    } else if (c >= 0x80) {
      if (c >= 0xd800 && c <= 0xdb7f) {
        // U+10000–U+EFFFF (a surrogate pair) may start a name.
        const next = text.charCodeAt(i + 1);
        if (!(next >= 0xdc00 && next <= 0xdfff)) throw new XmlError('unpaired surrogate', i);
        i += 2;
        continue;
      }
      const kind = nonAsciiNameClass(c);
      if (kind === 0) break;
      if (kind === 1 && i === partStart) throw new XmlError('a name starts with a combining character', i);
      i++;
    } else break;
  }
  if (i === start) throw new XmlError('expected a name', i);
  if (i === partStart) throw new XmlError('a name ends with ":"', i);
  return i;
}

// The offset after the last reference read by readReference.
let referenceEnd = 0;

/** Decodes the reference starting at text[i] === '&'; sets referenceEnd. */
function readReference(text: string, i: number): string {
  const c = text.charCodeAt(i + 1);
  if (c === HASH) {
    let j = i + 2;
    let code = 0;
    let digits = 0;
    if (text.charCodeAt(j) === LOWER_X) {
      j++;
      for (;;) {
        const d = text.charCodeAt(j);
        let v: number;
        if (d >= ZERO && d <= NINE) v = d - ZERO;
        else if (d >= 0x61 && d <= 0x66) v = d - 0x57;
        else if (d >= 0x41 && d <= 0x46) v = d - 0x37;
        else break;
        code = code * 16 + v;
        if (code > 0x10ffff) throw new XmlError('a character reference beyond U+10FFFF', i);
        digits++;
        j++;
      }
    } else {
      for (;;) {
        const d = text.charCodeAt(j);
        if (!(d >= ZERO && d <= NINE)) break;
        code = code * 10 + (d - ZERO);
        if (code > 0x10ffff) throw new XmlError('a character reference beyond U+10FFFF', i);
        digits++;
        j++;
      }
    }
    if (digits === 0 || text.charCodeAt(j) !== SEMI) throw new XmlError('a malformed character reference', i);
    if (!isXmlChar(code)) throw new XmlError('a character reference to a character XML does not allow', i);
    referenceEnd = j + 1;
    return code <= 0xffff ? String.fromCharCode(code) : String.fromCodePoint(code);
  }
  for (const [name, character] of PREDEFINED_ENTITIES) {
    if (text.startsWith(name, i + 1)) {
      referenceEnd = i + 1 + name.length;
      return character;
    }
  }
  throw new XmlError('an "&" that does not start &amp; &lt; &gt; &quot; &apos; or a character reference', i);
}

/** The five entities XML predefines (`&amp;` …), names with their `;`. */
const PREDEFINED_ENTITIES: ReadonlyArray<readonly [string, string]> = [
  ['amp;', '&'],
  ['lt;', '<'],
  ['gt;', '>'],
  ['quot;', '"'],
  ['apos;', "'"],
];

/** True when the tail of a document is the cut-off start of a tag, comment, CDATA section or PI. */
const isMarkupStart = (tail: string): boolean =>
  '<![CDATA['.startsWith(tail) || '<!--'.startsWith(tail) || tail === '</' || tail === '<?';

const lineEnds = (raw: string): string => raw.replace(/\r\n?/g, '\n');
const attributeSpaces = (raw: string): string => raw.replace(/\r\n|[\t\n\r]/g, ' ');

/** True when the text is only XML whitespace (space, tab, CR, LF). */
function isWhitespace(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

function addText(element: XmlElement, text: string): void {
  element.text = element.text === '' ? text : element.text + text;
  const content = element.content;
  if (content !== undefined) {
    const last = content.length - 1;
    if (last >= 0 && typeof content[last] === 'string') content[last] += text;
    else content.push(text);
  }
}

/**
 * Reads a whole XML document and returns its root element. Throws XmlError when the text is not
 * a well-formed XML 1.0 document (namespace prefixes are checked for form, not resolved), or when
 * it holds a DOCTYPE.
 */
export function readXml(text: string, options?: ReadXmlOptions): XmlElement {
  const order = options?.order === true;
  const n = text.length;
  const stack: XmlElement[] = [];
  let current: XmlElement | undefined; // the innermost open element
  let root: XmlElement | undefined;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte order mark left in by the decoder
  const documentStart = i;

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c !== LT) {
      if (current === undefined) {
        // Outside the root element only whitespace may appear between markup.
        if (!isSpace(c)) throw new XmlError('text outside the root element', i);
        i++;
        continue;
      }
      // Character data up to the next '<'.
      let start = i;
      let decoded = '';
      let crs = false;
      for (;;) {
        const d = text.charCodeAt(i);
        if (d >= SPACE) {
          if (d < 0x7f) {
            if (d === LT) break;
            if (d === AMP) {
              const raw = text.slice(start, i);
              decoded += crs ? lineEnds(raw) : raw;
              crs = false;
              decoded += readReference(text, i);
              i = referenceEnd;
              start = i;
              continue;
            }
            if (
              d === GT &&
              text.charCodeAt(i - 1) === RSQB &&
              text.charCodeAt(i - 2) === RSQB &&
              i - 2 >= start
            ) {
              throw new XmlError('"]]>" in text', i - 2);
            }
            i++;
          } else if (d >= 0xd800) i += highChar(text, i, d);
          else i++;
        } else if (d === LF || d === TAB) i++;
        else if (d === CR) {
          crs = true;
          i++;
        } else if (i >= n) break;
        else throw new XmlError('a control character XML does not allow', i);
      }
      const raw = text.slice(start, i);
      addText(current, decoded + (crs ? lineEnds(raw) : raw));
      continue;
    }

    const next = text.charCodeAt(i + 1);
    if (next === SLASH) {
      // End tag: the qualified name of the innermost open element, optional whitespace, '>'.
      if (current === undefined) throw new XmlError('an end tag outside the root element', i);
      const nameStart = i + 2;
      const qname = current.qname;
      let j = nameStart + qname.length;
      if (!text.startsWith(qname, nameStart)) {
        const cut = j > n && qname.startsWith(text.slice(nameStart));
        throw new XmlError(
          cut ? 'the document ends inside an end tag' : 'an end tag that does not match its start tag',
          i,
        );
      }
      while (isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== GT) {
        throw new XmlError(
          j >= n ? 'the document ends inside an end tag' : 'an end tag that does not match its start tag',
          i,
        );
      }
      i = j + 1;
      if (current.children.length !== 0 && current.text !== '' && isWhitespace(current.text))
        current.text = '';
      stack.pop();
      current = stack.length === 0 ? undefined : stack[stack.length - 1];
      continue;
    }

    if (n - i < 9 && isMarkupStart(text.slice(i))) throw new XmlError('the document ends inside markup', i);
    if (next === BANG) {
      if (text.startsWith('--', i + 2)) {
        // A comment: no "--" inside, and it must end with "-->".
        const end = text.indexOf('--', i + 4);
        if (end < 0) throw new XmlError('the document ends inside a comment', i);
        if (text.charCodeAt(end + 1 + 1) !== GT) {
          throw new XmlError(
            end + 2 >= n ? 'the document ends inside a comment' : '"--" inside a comment',
            end,
          );
        }
        checkChars(text, i + 4, end);
        i = end + 3;
        continue;
      }
      if (text.startsWith('[CDATA[', i + 2)) {
        if (current === undefined) throw new XmlError('a CDATA section outside the root element', i);
        const start = i + 9;
        const end = text.indexOf(']]>', start);
        if (end < 0) throw new XmlError('the document ends inside a CDATA section', i);
        checkChars(text, start, end);
        const raw = text.slice(start, end);
        addText(current, raw.includes('\r') ? lineEnds(raw) : raw);
        i = end + 3;
        continue;
      }
      throw new XmlError(
        i + 2 >= n
          ? 'the document ends inside markup'
          : 'a DOCTYPE or other declaration, which is not accepted',
        i,
      );
    }

    if (next === QUESTION) {
      // A processing instruction; `<?xml …?>` only as the declaration at the very start.
      const targetEnd = scanName(text, i + 2);
      const end = text.indexOf('?>', targetEnd);
      if (end < 0) throw new XmlError('the document ends inside a processing instruction', i);
      if (end !== targetEnd && !isSpace(text.charCodeAt(targetEnd))) {
        throw new XmlError('a malformed processing instruction', targetEnd);
      }
      if (targetEnd - i === 5 && text.slice(i + 2, targetEnd).toLowerCase() === 'xml') {
        if (i !== documentStart) throw new XmlError('an XML declaration that is not at the start', i);
        if (!XML_DECLARATION.test(text.slice(i, end + 2)))
          throw new XmlError('a malformed XML declaration', i);
      } else checkChars(text, targetEnd, end);
      i = end + 2;
      continue;
    }

    // A start tag.
    if (root !== undefined && current === undefined) throw new XmlError('a second root element', i);
    const nameStart = i + 1;
    const nameEnd = scanName(text, nameStart);
    const colon = nameColon;
    const qname = text.slice(nameStart, nameEnd);
    const element: XmlElement = {
      name: colon < 0 ? qname : text.slice(colon + 1, nameEnd),
      qname,
      attributes: undefined,
      children: [],
      text: '',
      content: order ? [] : undefined,
    };
    let j = nameEnd;
    let empty = false;
    let seen: Set<string> | undefined;
    for (;;) {
      const spaced = isSpace(text.charCodeAt(j));
      while (isSpace(text.charCodeAt(j))) j++;
      const d = text.charCodeAt(j);
      if (d === GT) {
        j++;
        break;
      }
      if (d === SLASH) {
        if (text.charCodeAt(j + 1) !== GT) {
          throw new XmlError(
            j + 1 >= n ? 'the document ends inside a start tag' : 'a "/" not followed by ">"',
            j,
          );
        }
        j += 2;
        empty = true;
        break;
      }
      if (j >= n) throw new XmlError('the document ends inside a start tag', j);
      if (!spaced) throw new XmlError('attributes must be separated by whitespace', j);
      // An attribute: name, '=', a quoted value.
      const attributeStart = j;
      j = scanName(text, j);
      const attributeName = text.slice(attributeStart, j);
      while (isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== EQUALS) {
        throw new XmlError(j >= n ? 'the document ends inside a start tag' : 'an attribute without "="', j);
      }
      j++;
      while (isSpace(text.charCodeAt(j))) j++;
      const quote = text.charCodeAt(j);
      if (quote !== QUOTE && quote !== APOS) {
        throw new XmlError(
          j >= n ? 'the document ends inside a start tag' : 'an attribute value without quotes',
          j,
        );
      }
      j++;
      let start = j;
      let decoded = '';
      let spaces = false;
      for (;;) {
        const d = text.charCodeAt(j);
        if (d === quote) break;
        if (d >= SPACE) {
          if (d === LT) throw new XmlError('a "<" in an attribute value', j);
          if (d === AMP) {
            const raw = text.slice(start, j);
            decoded += spaces ? attributeSpaces(raw) : raw;
            spaces = false;
            decoded += readReference(text, j);
            j = referenceEnd;
            start = j;
            continue;
          }
          j += d >= 0xd800 ? highChar(text, j, d) : 1;
        } else if (d === TAB || d === LF || d === CR) {
          spaces = true;
          j++;
        } else if (j >= n) throw new XmlError('the document ends inside an attribute value', j);
        else throw new XmlError('a control character XML does not allow', j);
      }
      const raw = text.slice(start, j);
      j++;
      const value = decoded + (spaces ? attributeSpaces(raw) : raw);
      let attributes = element.attributes;
      if (attributes === undefined) attributes = element.attributes = [];
      else if (seen !== undefined) {
        if (seen.has(attributeName)) throw new XmlError('a repeated attribute', attributeStart);
        seen.add(attributeName);
      } else {
        for (let k = 0; k < attributes.length; k += 2) {
          if (attributes[k] === attributeName) throw new XmlError('a repeated attribute', attributeStart);
        }
        if (attributes.length >= 32) {
          // Many attributes (a hostile document): look names up in a set, not a list.
          seen = new Set();
          for (let k = 0; k < attributes.length; k += 2) seen.add(attributes[k]!);
          seen.add(attributeName);
        }
      }
      attributes.push(attributeName, value);
    }
    i = j;
    if (current === undefined) root = element;
    else {
      current.children.push(element);
      if (order) current.content!.push(element);
    }
    if (!empty) {
      stack.push(element);
      current = element;
    }
  }

  if (current !== undefined) throw new XmlError('the document ends inside an element', n);
  if (root === undefined) throw new XmlError('no root element', n);
  return root;
}

// `<?xml version="1.x" encoding="…" standalone="yes|no"?>`, XML 1.0 §2.8 (the slice up to "?>").
const XML_DECLARATION =
  /^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1(?:\s+encoding\s*=\s*(["'])[A-Za-z][\w.-]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>$/;

/** The value of the element's attribute with this local name (any prefix; namespace declarations excluded). */
export function attributeOf(element: XmlElement, localName: string): string | undefined {
  const attributes = element.attributes;
  if (attributes === undefined) return undefined;
  let found: string | undefined;
  for (let k = 0; k < attributes.length; k += 2) {
    const qname = attributes[k]!;
    if (!qname.endsWith(localName)) continue;
    const colon = qname.length - localName.length - 1;
    if (colon < 0)
      found = attributes[k + 1]; // no prefix (an unprefixed xmlns is never asked for)
    else if (qname.charCodeAt(colon) === COLON && !(colon === 5 && qname.startsWith('xmlns'))) {
      found = attributes[k + 1];
    }
  }
  return found;
}

/** The first child element with this local name. */
export function childNamed(element: XmlElement, localName: string): XmlElement | undefined {
  const children = element.children;
  for (let k = 0; k < children.length; k++) if (children[k]!.name === localName) return children[k];
  return undefined;
}
