import { describe, expect, it } from 'vitest';
import { expandSecrets, formEncode, redactText } from '../src/provider.js';

describe('formEncode', () => {
  it('formEncode is the URLSearchParams form serializer for every well-formed character', () => {
    let text = '';
    for (let code = 0; code < 0x10000; code++) {
      if (code < 0xd800 || code > 0xdfff) text += String.fromCharCode(code);
    }
    text += '😀𝄞\u{10ffff}';
    for (let start = 0; start < text.length; start += 4096) {
      const part = text.slice(start, start + 4096);
      expect(formEncode(part)).toBe(new URLSearchParams([['', part]]).toString().slice(1));
    }
  });
});

describe('expandSecrets and form bodies', () => {
  it('redacts a secret in a JSON text sent as a form field, whatever characters it holds', () => {
    const secret = 'p@ss w\'o(r)d!~"çğ';
    const json = JSON.stringify({ password: secret });
    const body = new URLSearchParams([['data', json]]).toString();
    const redacted = redactText(body, [secret]);
    expect(redacted).toBe(`data=${formEncode('{"password":"')}[redacted]${formEncode('"}')}`);
    expect(expandSecrets([secret])).toContain(formEncode(secret));
  });
});
