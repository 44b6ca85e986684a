/**
 * Base URLs of the Euromsg / Related Digital SOAP platforms. An account lives on exactly one
 * platform; logging in on another answers Code 99 "No such user/password!", so the client takes
 * `baseUrl` explicitly and this table only names the known ones. Services are at `{base}auth.asmx`
 * and `{base}post.asmx`.
 */
export const EUROMSG_PLATFORMS = {
  /** LIVE (System A). */
  live: 'https://ws.euromsg.com/live/',
  /** LIVEB (System B). */
  liveb: 'https://ws.euromsg.com/liveb/',
  /** LIVEM. The SOAP path is inferred from the REST one (`/restm/`); no published client uses it. */
  livem: 'https://ws.euromsg.com/livem/',
  /** ECOMM (e-commerce platform). */
  ecomm: 'https://ws.euromsg.com/ecomm/',
  /** MAX platform. */
  max: 'https://ws.euromsg.com/max/',
  /** Test platform. */
  test: 'https://test.euromsg.com/emws/',
} as const;

export type EuromsgPlatform = keyof typeof EUROMSG_PLATFORMS;

/** The namespaces the WSDLs publish; one later Related Digital page shows `http://api.relateddigital.com/auth`. */
export const EUROMSG_NAMESPACES = {
  auth: 'http://ws.euromsg.com/auth',
  post: 'http://ws.euromsg.com/post',
} as const;
