import { formEncode } from '@sso/core/provider';
import type { FaxmaxEncoding } from './client.js';

/** The body that carries a JSON-RPC request text: form field `data`, or the JSON itself. */
export const bodyOf = (encoding: FaxmaxEncoding, json: string) =>
  encoding === 'form' ? `data=${formEncode(json)}` : json;

// Characters that JSON.stringify and the form serializer both leave as they are: UUIDs and
// base64url or hex tokens need no encoding pass.
const VERBATIM = /^[\w.*-]*$/;

/**
 * The body of every token login of one client, `{"jsonrpc":"2.0","id":…,"method":…,"params":
 * {"token_":…,"code_":…}}`: all but the id and the SSO token is framed once.
 */
export function tokenLoginBody(
  encoding: FaxmaxEncoding,
  method: string,
  apiCode: string,
): (id: string, ssoToken: string) => string {
  const piece = encoding === 'form' ? formEncode : (text: string) => text;
  const quote = piece('"');
  const string = (value: string) =>
    VERBATIM.test(value) ? quote + value + quote : piece(JSON.stringify(value));
  const head = bodyOf(encoding, '{"jsonrpc":"2.0","id":');
  const middle = piece(`,"method":${JSON.stringify(method)},"params":{"token_":`);
  const tail = piece(`,"code_":${JSON.stringify(apiCode)}}}`);
  return (id, ssoToken) => head + string(id) + middle + string(ssoToken) + tail;
}
