// XML escaping: what the SOAP writer sends, and the other spellings the same text may take on the
// wire, so redaction knows every form a secret travels in.

const SPECIAL = /[&<>"'\r]/g;
const REPLACEMENTS: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A raw CR would be normalised to LF by the receiving parser; the reference keeps it.
  '\r': '&#13;',
};

/** Escapes `& < > " '` (and CR) for element content or attribute values. */
export function escapeXml(text: string): string {
  SPECIAL.lastIndex = 0;
  return SPECIAL.test(text) ? text.replace(SPECIAL, (c) => REPLACEMENTS[c]!) : text;
}

/**
 * Spellings other XML writers use: text content escaping only `& < >` (or only `& <`), attribute
 * values escaping `"` too, and numeric references for quotes and CR. A secret echoed back by a
 * server (an error page quoting the request) may come in any of them.
 */
const VARIANTS: ReadonlyArray<Readonly<Record<string, string>>> = [
  { '&': '&amp;', '<': '&lt;', '>': '&gt;' },
  { '&': '&amp;', '<': '&lt;' },
  { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' },
  { '&': '&amp;', '<': '&lt;', '"': '&quot;' },
  { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;', '\r': '&#xD;' },
];

/** The escaped forms of `text` that differ from it (empty when nothing in it needs escaping). */
export function xmlEscapedForms(text: string): string[] {
  SPECIAL.lastIndex = 0;
  if (!SPECIAL.test(text)) return [];
  const forms = [escapeXml(text)];
  for (const table of VARIANTS) forms.push(text.replace(SPECIAL, (c) => table[c] ?? c));
  return forms;
}
