// What encodeURIComponent leaves as is or writes differently from the form serializer of
// URLSearchParams (WHATWG application/x-www-form-urlencoded): ! ' ( ) ~ and the space.
const FORM_FIXES = /[!'()~]|%20/g;
const formFix = (match: string) =>
  match === '%20' ? '+' : `%${match.charCodeAt(0).toString(16).toUpperCase()}`;

/**
 * The value of one `application/x-www-form-urlencoded` field, exactly as URLSearchParams writes it,
 * for well-formed text (no lone surrogates), in a fraction of its time.
 */
export function formEncode(text: string): string {
  return encodeURIComponent(text).replace(FORM_FIXES, formFix);
}
