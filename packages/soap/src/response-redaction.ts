import { REDACTED, type ResponseRedactor } from '@sso/core/provider';

/**
 * A `redactResponse` (see `TransportRequest` in `@sso/core`) for secrets a SOAP response *issues*
 * (a new service ticket, a token): the whole content of every element with one of these local
 * names is replaced, whatever form it is written in (CDATA, split CDATA, character references,
 * whitespace, child elements). The element is found by structure, not by its value's text. An
 * element whose end cannot be found has everything after its start tag replaced.
 * `createSoapClient({ secretResponseElements })` sets it on every request.
 */
export function responseElementRedactor(elements: readonly string[]): ResponseRedactor {
  const names = new Set(elements);
  if (names.size === 0) return (body) => ({ body, hidden: [] });
  return (body) => {
    const hidden: string[] = [];
    let out = '';
    let copied = 0;
    let at = 0;
    for (;;) {
      const start = nextStartTag(body, at);
      if (!start) break;
      at = start.end;
      if (start.selfClosing || !names.has(localName(start.qname))) continue;
      out += body.slice(copied, start.end) + REDACTED;
      const close = closingTagOf(body, start.end, start.qname);
      hidden.push(body.slice(start.end, close < 0 ? undefined : close).trim());
      if (close < 0) return { body: out, hidden };
      copied = close;
      at = close;
    }
    return copied === 0 ? { body, hidden } : { body: out + body.slice(copied), hidden };
  };
}

interface StartTag {
  qname: string;
  /** Offset just past the `>`. */
  end: number;
  selfClosing: boolean;
}

const NAME_END = /[\s/>]/g;

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

/** Skips a comment, CDATA section, processing instruction or declaration at `i`; -1 if unterminated. */
function skipMarkup(text: string, i: number): number | undefined {
  const endOf = (open: string, close: string) => {
    if (!text.startsWith(open, i)) return undefined;
    const end = text.indexOf(close, i + open.length);
    return end < 0 ? -1 : end + close.length;
  };
  return endOf('<!--', '-->') ?? endOf('<![CDATA[', ']]>') ?? endOf('<?', '?>') ?? endOf('<!', '>');
}

/** The end of a start tag's attributes: the `>` outside quoted values; -1 if there is none. */
function tagEnd(text: string, i: number): number {
  let quote = '';
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return -1;
}

function nextStartTag(text: string, from: number): StartTag | undefined {
  let i = text.indexOf('<', from);
  while (i >= 0) {
    const skipped = skipMarkup(text, i);
    if (skipped !== undefined) {
      if (skipped < 0) return undefined;
      i = text.indexOf('<', skipped);
      continue;
    }
    if (text[i + 1] === '/') {
      i = text.indexOf('<', i + 1);
      continue;
    }
    NAME_END.lastIndex = i + 1;
    const nameEnd = NAME_END.exec(text)?.index ?? -1;
    const end = nameEnd < 0 ? -1 : tagEnd(text, nameEnd);
    if (end < 0) return undefined;
    return { qname: text.slice(i + 1, nameEnd), end: end + 1, selfClosing: text[end - 1] === '/' };
  }
  return undefined;
}

/**
 * The offset of the end tag that closes an element named `qname` whose content starts at `from`,
 * counting nested elements of the same name and skipping comments and CDATA; -1 if none.
 */
function closingTagOf(text: string, from: number, qname: string): number {
  let depth = 1;
  let i = text.indexOf('<', from);
  while (i >= 0) {
    const skipped = skipMarkup(text, i);
    if (skipped !== undefined) {
      if (skipped < 0) return -1;
      i = text.indexOf('<', skipped);
      continue;
    }
    const closing = text[i + 1] === '/';
    NAME_END.lastIndex = i + (closing ? 2 : 1);
    const nameEnd = NAME_END.exec(text)?.index ?? -1;
    if (nameEnd < 0) return -1;
    const name = text.slice(i + (closing ? 2 : 1), nameEnd);
    const end = tagEnd(text, nameEnd);
    if (end < 0) return -1;
    if (name === qname) {
      if (closing) depth--;
      else if (text[end - 1] !== '/') depth++;
      if (depth === 0) return i;
    }
    i = text.indexOf('<', end + 1);
  }
  return -1;
}
