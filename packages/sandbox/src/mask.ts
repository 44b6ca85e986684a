/** What a masked secret prints as. */
export const MASK = '••••••';

/** Masks a secret for display: never reveals any character of it. */
export function maskSecret(value: string | undefined, show = false): string {
  if (value === undefined || value === '') return '';
  return show ? value : MASK;
}

// Path segments that look like a token, ticket or session id (long, mixed letters and digits):
// BeyondVisit puts its login token in the path (`/external/Login/{token}`).
const TOKENISH = /^[A-Za-z0-9._~+=%-]{16,}$/;

/**
 * A request URL as it may appear in a log: every query value masked (FaxMAX tokens, GittiGidiyor
 * signs and session ids travel there) and token-like path segments masked.
 */
export function maskUrlForLog(rawUrl: string): string {
  const q = rawUrl.indexOf('?');
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const maskedPath = path
    .split('/')
    .map((segment) => (TOKENISH.test(segment) && /\d/.test(segment) ? MASK : segment))
    .join('/');
  if (q === -1) return maskedPath;
  const query = rawUrl
    .slice(q + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq === -1 ? pair : `${pair.slice(0, eq)}=${MASK}`;
    })
    .join('&');
  return `${maskedPath}?${query}`;
}
