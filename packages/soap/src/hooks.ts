import { decodeXmlText } from './xml.js';

const elementPattern = (elements: readonly string[]): RegExp => {
  const names = elements.map((e) => e.replace(/[^\w.-]/g, '')).join('|');
  return new RegExp(`<((?:[\\w.-]+:)?(?:${names}))(\\s[^>]*)?>([^<]*)</\\1\\s*>`, 'g');
};

/**
 * A `responseSecrets` function (see `TransportRequest` in `@sso/core`) for secrets a SOAP response
 * *issues* (a new service ticket, a token): the text of the named elements, as written and decoded.
 * `createSoapClient({ secretResponseElements })` sets it on every request.
 */
export function responseElementSecrets(elements: readonly string[]): (body: string) => string[] {
  if (elements.length === 0) return () => [];
  const pattern = elementPattern(elements);
  return (body) => {
    const out: string[] = [];
    for (const match of body.matchAll(pattern)) {
      const text = match[3] ?? '';
      out.push(text);
      const decoded = decodeXmlText(text);
      if (decoded !== text) out.push(decoded);
    }
    return out;
  };
}
