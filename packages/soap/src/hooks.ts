import { type Hooks, REDACTED } from '@sso/core';

/**
 * Wraps a client's hooks so the text of the named elements in response bodies is replaced by
 * `[redacted]` before `onResponse` sees it. For secrets a response *issues* (a new service ticket,
 * a token): the transport only knows the secrets of the request.
 */
export function redactResponseElements(
  hooks: Hooks | undefined,
  elements: readonly string[],
): Hooks | undefined {
  const onResponse = hooks?.onResponse;
  if (!hooks || !onResponse || elements.length === 0) return hooks;
  const names = elements.map((e) => e.replace(/[^\w.-]/g, '')).join('|');
  const pattern = new RegExp(`<((?:[\\w.-]+:)?(?:${names}))(\\s[^>]*)?>([^<]*)</\\1\\s*>`, 'g');
  return {
    ...hooks,
    onResponse: (response) =>
      onResponse({
        ...response,
        body: response.body.replace(pattern, (_m, tag, attrs = '') => `<${tag}${attrs}>${REDACTED}</${tag}>`),
      }),
  };
}
