import {
  basicAuthHeader,
  type CommonClientOptions,
  commonOptionsShape,
  credential,
  joinUrl,
  parseInput,
  resolveBaseUrl,
  SsoError,
  setupProvider,
} from '@sso/core/provider';
import * as s from '@sso/core/schema';
import { createSoapClient } from '@sso/soap';
import { gittigidiyorError } from './errors.js';
import * as communityAuth from './generated/community-auth.js';
import { gittigidiyorSigner } from './sign.js';

/** The documented host of the GittiGidiyor listing API (shut down in 2022). */
export const GITTIGIDIYOR_BASE_URL = 'https://dev.gittigidiyor.com:8443/listingapi/ws/';

export type GittiGidiyorLang = 'tr' | 'en';

export interface GittiGidiyorClientOptions extends CommonClientOptions {
  apiKey: string;
  secretKey: string;
  /** The role user for HTTP Basic auth ("API Anahtarları" page), not a member account. */
  roleName: string;
  rolePassword: string;
  /** Language of provider error messages. Default `tr`. */
  lang?: GittiGidiyorLang;
  /** The browser login page. GittiGidiyor's public documentation does not give its address. */
  loginPageUrl?: string;
}

export interface CreateTokenResult {
  tokenId: string;
  /** The epoch-millisecond time that was signed and sent. */
  time: number;
  /** md5(apiKey + secretKey + time), lower-case hex — the same value that was sent. */
  sign: string;
  responseTime?: string;
  timeElapsed?: string;
}

export interface LoginUrlInput {
  tokenId: string;
  /** Where the login page sends the browser back to. */
  redirectUrl: string;
  /** Epoch ms to sign (default: the client's clock now). */
  time?: number;
}

export interface GittiGidiyorClient {
  /** `md5(apiKey + secretKey + time)` as lower-case hex; `time` in epoch milliseconds. */
  sign(time: number): string;
  /** CommunityAuthService.createToken with a fresh time and sign. */
  createToken(): Promise<CreateTokenResult>;
  /** The login page address with apiKey, sign, time, tokenId and redirectUrl (URL-encoded). */
  loginUrl(input: LoginUrlInput): string;
}

const optionsSchema = s.strictObject({
  ...commonOptionsShape,
  apiKey: credential(),
  secretKey: credential(),
  roleName: credential(),
  rolePassword: credential(),
  lang: s.optional(s.enum(['tr', 'en'])),
  loginPageUrl: s.optional(s.string().check(s.minLength(1))),
});

const epochMs = s.int().check(s.gte(0), s.lte(Number.MAX_SAFE_INTEGER));

const loginUrlSchema = s.strictObject({
  tokenId: s.string().check(s.minLength(1), s.maxLength(512)),
  redirectUrl: s.url({ protocol: /^https?$/ }),
  time: s.optional(epochMs),
});

/** A createToken answer that is not a success with a token id: its SsoError. */
function checkCreateToken(
  output: communityAuth.Operations['createToken']['output'],
  redact: (text: string) => string,
): void {
  const result = output.return;
  if (!result || typeof result.ackCode !== 'string') {
    throw new SsoError('MALFORMED_RESPONSE', 'createToken: the response has no return/ackCode', {
      provider: 'gittigidiyor',
      operation: 'createToken',
    });
  }
  if (result.ackCode !== 'success') throw gittigidiyorError('createToken', result.error, redact);
  if (!result.tokenId) {
    throw new SsoError('MALFORMED_RESPONSE', 'createToken: ackCode "success" without a tokenId', {
      provider: 'gittigidiyor',
      operation: 'createToken',
    });
  }
}

export function createGittiGidiyorClient(options: GittiGidiyorClientOptions): GittiGidiyorClient {
  const {
    options: opts,
    baseUrl: base,
    transport,
  } = setupProvider(
    {
      provider: 'gittigidiyor',
      factory: 'createGittiGidiyorClient',
      options: optionsSchema,
      defaultBaseUrl: () => GITTIGIDIYOR_BASE_URL,
      secrets: (o) => {
        const header = basicAuthHeader(o.roleName, o.rolePassword);
        return () => [o.secretKey, o.rolePassword, header, header.slice('Basic '.length)];
      },
    },
    options,
  );
  const loginPage =
    opts.loginPageUrl === undefined
      ? undefined
      : new URL(
          resolveBaseUrl(opts.loginPageUrl, {
            provider: 'gittigidiyor',
            allowInsecureHttp: opts.allowInsecureHttp,
            optionName: 'loginPageUrl',
          }).replace(/\/$/, ''),
        );
  // Secrets live in this closure only.
  const { apiKey, secretKey, rolePassword } = opts;
  const lang = opts.lang ?? 'tr';
  const now = opts.now ?? Date.now;
  const authorization = basicAuthHeader(opts.roleName, rolePassword);
  const soap = createSoapClient<communityAuth.Operations>({
    service: communityAuth.service,
    url: joinUrl(base, 'CommunityAuthService'),
    transport,
    headers: { authorization },
    // createToken issues the token id: kept out of what `onResponse` sees.
    secretResponseElements: ['tokenId'],
  });

  const sign = gittigidiyorSigner(apiKey, secretKey);

  const timeOrThrow = (time: unknown, operation: string): number =>
    parseInput(epochMs, time, { provider: 'gittigidiyor', operation, root: 'time' });

  async function createToken(): Promise<CreateTokenResult> {
    const time = timeOrThrow(now(), 'createToken');
    const signature = sign(time);
    const output = await soap.call(
      'createToken',
      { apiKey, sign: signature, time, lang },
      { secrets: [signature], check: checkCreateToken },
    );
    const result = output.return!;
    const created: CreateTokenResult = { tokenId: result.tokenId!, time, sign: signature };
    if (result.responseTime !== undefined) created.responseTime = result.responseTime;
    if (result.timeElapsed !== undefined) created.timeElapsed = result.timeElapsed;
    return created;
  }

  function loginUrl(input: LoginUrlInput): string {
    const parsed = parseInput(loginUrlSchema, input, { provider: 'gittigidiyor', operation: 'loginUrl' });
    if (!loginPage) {
      throw new SsoError(
        'INVALID_CONFIG',
        'loginUrl: set the loginPageUrl option — GittiGidiyor never published the login page address',
        { provider: 'gittigidiyor', operation: 'loginUrl' },
      );
    }
    const time = parsed.time ?? timeOrThrow(now(), 'loginUrl');
    const url = new URL(loginPage);
    url.searchParams.set('apiKey', apiKey);
    url.searchParams.set('sign', sign(time));
    url.searchParams.set('time', String(time));
    url.searchParams.set('tokenId', parsed.tokenId);
    url.searchParams.set('redirectUrl', parsed.redirectUrl);
    return url.href;
  }

  return Object.freeze({
    sign: (time: number) => sign(timeOrThrow(time, 'sign')),
    createToken,
    loginUrl,
  });
}
