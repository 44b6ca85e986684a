import { type BeyondVisitClientOptions, createBeyondVisitClient } from '@sso/beyondvisit';
import { type KeyDerivation, SsoError } from '@sso/core/provider';
import { createDiaClient, type DiaClientOptions } from '@sso/dia';
import { createEuromsgClient, type EuromsgClientOptions, type PostOperationName } from '@sso/euromsg-soap';
import { createAesTokenCipher, createFaxmaxClient, type FaxmaxClientOptions } from '@sso/faxmax-rpc';
import { createGittiGidiyorClient, type GittiGidiyorClientOptions } from '@sso/gittigidiyor';
import {
  type ActionContext,
  type FlagSpec,
  type ProviderSpec,
  parseJsonObject,
  registerUrlSecrets,
  requireFlag,
  UsageError,
} from './framework.js';

type Connection = ProviderSpec['connection'][number];

const timeoutParse = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new SsoError('INVALID_CONFIG', '--timeout-ms must be a positive integer');
  return n;
};

/** Flags every provider takes. */
const COMMON: Connection[] = [
  { flag: 'base-url', key: 'baseUrl', env: true, description: "override the provider's base URL" },
  {
    flag: 'allow-insecure-http',
    key: 'allowInsecureHttp',
    type: 'boolean',
    description: 'allow an http: base URL (local sandboxes only)',
  },
  {
    flag: 'timeout-ms',
    key: 'timeoutMs',
    env: true,
    description: 'deadline per call in ms',
    parse: timeoutParse,
  },
];

const S = (flag: string, description: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({
  flag,
  description,
  ...extra,
});

const cast = <T>(options: Record<string, unknown>) => options as unknown as T;

// ---------------------------------------------------------------------------------------------

const beyondvisit: ProviderSpec = {
  id: 'beyondvisit',
  title: 'BeyondVisit',
  connection: [
    { flag: 'api-key', key: 'apiKey', env: true, required: true, description: 'partner API key' },
    {
      flag: 'secret-key',
      key: 'secretKey',
      env: true,
      required: true,
      secret: true,
      description: 'partner secret key',
    },
    ...COMMON,
  ],
  actions: [
    {
      name: 'create-user',
      summary: 'CreateUser: register a user, print its userToken',
      flags: [
        S('name', 'first name', { required: true }),
        S('surname', 'last name', { required: true }),
        S('email', 'e-mail address', { required: true }),
        S('site', 'site URL (http:// or https://)', { required: true }),
      ],
      async run(ctx) {
        const client = createBeyondVisitClient(cast<BeyondVisitClientOptions>(ctx.options));
        const result = await client.createUser({
          name: requireFlag(ctx, 'name'),
          surname: requireFlag(ctx, 'surname'),
          email: requireFlag(ctx, 'email'),
          site: requireFlag(ctx, 'site'),
        });
        return { result: { ...result }, secretFields: ['userToken'] };
      },
    },
    {
      name: 'login-token',
      summary: 'LoginToken: a one-time login token for a user',
      flags: [S('user-token', 'the userToken from create-user', { required: true, secret: true, env: true })],
      async run(ctx) {
        const client = createBeyondVisitClient(cast<BeyondVisitClientOptions>(ctx.options));
        const result = await client.createLoginToken({ userToken: requireFlag(ctx, 'user-token') });
        return { result: { ...result }, secretFields: ['loginToken'] };
      },
    },
    {
      name: 'login-url',
      summary: 'LoginToken, then the browser sign-in URL',
      flags: [S('user-token', 'the userToken from create-user', { required: true, secret: true, env: true })],
      async run(ctx) {
        const client = createBeyondVisitClient(cast<BeyondVisitClientOptions>(ctx.options));
        const { loginToken, userCode } = await client.createLoginToken({
          userToken: requireFlag(ctx, 'user-token'),
        });
        ctx.secret(loginToken);
        return { result: { url: client.loginUrl(loginToken), userCode } };
      },
    },
    {
      name: 'sign',
      summary: 'the request sign md5(apiKey + secretKey)',
      async run(ctx) {
        const client = createBeyondVisitClient(cast<BeyondVisitClientOptions>(ctx.options));
        return { result: { sign: client.sign() }, secretFields: ['sign'] };
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------

const KDF_CHOICES =
  'sha256 | raw-utf8 | raw-hex | raw-base64 | raw-base64url | pbkdf2-sha256 | pbkdf2-sha512';

function keyDerivation(options: Record<string, unknown>): KeyDerivation {
  const kdf = (options.cipherKeyDerivation as string | undefined) ?? 'sha256';
  if (kdf === 'sha256') return { kind: 'sha256' };
  const raw = /^raw-(utf8|hex|base64|base64url)$/.exec(kdf);
  if (raw) return { kind: 'raw', encoding: raw[1] as 'utf8' | 'hex' | 'base64' | 'base64url' };
  const pbkdf2 = /^pbkdf2-(sha256|sha512)$/.exec(kdf);
  if (pbkdf2) {
    const salt = options.cipherSalt as string | undefined;
    const iterations = Number(options.cipherIterations ?? Number.NaN);
    if (!salt || !Number.isInteger(iterations) || iterations < 1) {
      throw new SsoError(
        'INVALID_CONFIG',
        `--cipher-key-derivation ${kdf} needs --cipher-salt and --cipher-iterations`,
        {
          provider: 'faxmax',
        },
      );
    }
    return { kind: 'pbkdf2', hash: pbkdf2[1] as 'sha256' | 'sha512', salt, iterations };
  }
  throw new SsoError('INVALID_CONFIG', `--cipher-key-derivation must be one of ${KDF_CHOICES}`, {
    provider: 'faxmax',
  });
}

const faxmaxUserIp: FlagSpec[] = [
  S('username', 'FaxMAX user code to sign in', { required: true }),
  S('ip', 'IP address the browser / your server will come from', { required: true }),
];

function faxmaxClient(ctx: ActionContext) {
  return createFaxmaxClient(cast<FaxmaxClientOptions>(ctx.options));
}

const faxmax: ProviderSpec = {
  id: 'faxmax',
  title: 'FaxMAX',
  connection: [
    {
      flag: 'domain',
      key: 'domain',
      env: true,
      required: true,
      description: 'your FaxMAX domain, e.g. firma.faxmax.net',
    },
    { flag: 'api-code', key: 'apiCode', env: true, required: true, description: 'API code of the domain' },
    {
      flag: 'api-password',
      key: 'apiPassword',
      env: true,
      required: true,
      secret: true,
      description: 'API password of the domain (the token key)',
    },
    { flag: 'encoding', key: 'encoding', env: true, description: 'RPC body: form (default) or json' },
    { flag: 'cipher-mode', key: 'cipherMode', env: true, description: 'token cipher candidate: gcm or cbc' },
    { flag: 'cipher-key-derivation', key: 'cipherKeyDerivation', env: true, description: KDF_CHOICES },
    {
      flag: 'cipher-encoding',
      key: 'cipherEncoding',
      env: true,
      description: 'base64url (default) | base64 | hex',
    },
    { flag: 'cipher-salt', key: 'cipherSalt', env: true, secret: true, description: 'salt for pbkdf2' },
    { flag: 'cipher-iterations', key: 'cipherIterations', env: true, description: 'iterations for pbkdf2' },
    ...COMMON,
  ],
  notes:
    'FaxMAX does not publish its token cipher: choose an AES candidate with --cipher-mode (gcm|cbc),\n' +
    '--cipher-key-derivation and --cipher-encoding (confirm the scheme with FaxMAX). With --sandbox the\n' +
    "sandbox's demo cipher is used unless --cipher-mode is given.",
  finish(options, sandbox) {
    const { cipherMode, cipherKeyDerivation, cipherEncoding, cipherSalt, cipherIterations, ...rest } =
      options;
    if (cipherMode === undefined) {
      if (sandbox && rest.cipher) return rest;
      throw new UsageError(`missing --cipher-mode (or ${'SSO_FAXMAX_CIPHER_MODE'}): gcm or cbc`, 'faxmax');
    }
    if (cipherMode !== 'gcm' && cipherMode !== 'cbc') {
      throw new SsoError('INVALID_CONFIG', '--cipher-mode must be gcm or cbc', { provider: 'faxmax' });
    }
    const encoding = (cipherEncoding as string | undefined) ?? 'base64url';
    if (!['base64url', 'base64', 'hex'].includes(encoding)) {
      throw new SsoError('INVALID_CONFIG', '--cipher-encoding must be base64url, base64 or hex', {
        provider: 'faxmax',
      });
    }
    const cipher = createAesTokenCipher({
      mode: cipherMode,
      keyDerivation: keyDerivation({ cipherKeyDerivation, cipherSalt, cipherIterations }),
      encoding: encoding as 'base64url' | 'base64' | 'hex',
    });
    return { ...rest, cipher };
  },
  actions: [
    {
      name: 'sso-token',
      summary: 'the encrypted SSO token for a user (no I/O)',
      flags: faxmaxUserIp,
      async run(ctx) {
        const token = await faxmaxClient(ctx).ssoToken({
          username: requireFlag(ctx, 'username'),
          remoteIp: requireFlag(ctx, 'ip'),
        });
        return { result: { token }, secretFields: ['token'] };
      },
    },
    {
      name: 'login-url',
      summary: 'the browser sign-in URL (?token=…&code=…)',
      flags: [...faxmaxUserIp, S('page', 'page to open after sign-in, e.g. inboxes')],
      async run(ctx) {
        const page = ctx.flags.page as string | undefined;
        const url = await faxmaxClient(ctx).loginUrl({
          username: requireFlag(ctx, 'username'),
          remoteIp: requireFlag(ctx, 'ip'),
          ...(page !== undefined ? { page } : {}),
        });
        registerUrlSecrets(url, ctx.secret);
        return { result: { url } };
      },
    },
    {
      name: 'token-login',
      summary: 'Core.token_login with a fresh SSO token; prints the session token',
      flags: faxmaxUserIp,
      async run(ctx) {
        const result = await faxmaxClient(ctx).tokenLogin({
          username: requireFlag(ctx, 'username'),
          remoteIp: requireFlag(ctx, 'ip'),
        });
        return { result: { ...result }, secretFields: ['token'] };
      },
    },
    {
      name: 'login',
      summary: 'Core.login with a password; prints the session token',
      flags: [
        S('username', 'FaxMAX user', { required: true }),
        S('password', 'its password', { required: true, secret: true, env: true }),
      ],
      async run(ctx) {
        const result = await faxmaxClient(ctx).login({
          username: requireFlag(ctx, 'username'),
          password: requireFlag(ctx, 'password'),
        });
        return { result: { ...result }, secretFields: ['token'] };
      },
    },
    {
      name: 'call',
      summary: 'any JSON-RPC method; logs in first when --username/--password are given',
      args: ['method'],
      flags: [
        S('params', 'JSON object of parameters'),
        S('username', 'log in as this user first'),
        S('password', 'password for --username', { secret: true, env: true }),
      ],
      async run(ctx) {
        const client = faxmaxClient(ctx);
        const params = parseJsonObject('params', ctx.flags.params as string | undefined);
        for (const key of ['token_', 'password', 'code_']) ctx.secret(params[key] as string | undefined);
        const username = ctx.flags.username as string | undefined;
        if (username !== undefined) {
          const login = await client.login({ username, password: requireFlag(ctx, 'password') });
          ctx.secret(login.token);
        }
        const result = await client.call(ctx.positionals[0] as string, params);
        return { result: { result } };
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------

const euromsg: ProviderSpec = {
  id: 'euromsg',
  title: 'Euromsg (Related Digital)',
  connection: [
    {
      flag: 'base-url',
      key: 'baseUrl',
      env: true,
      required: true,
      description: "the account's platform, e.g. https://ws.euromsg.com/live/",
    },
    { flag: 'username', key: 'username', env: true, required: true, description: 'web-service user' },
    {
      flag: 'password',
      key: 'password',
      env: true,
      required: true,
      secret: true,
      description: 'its password',
    },
    ...COMMON.filter((c) => c.flag !== 'base-url'),
  ],
  actions: [
    {
      name: 'login',
      summary: 'auth.asmx Login: a new service ticket',
      async run(ctx) {
        const result = await createEuromsgClient(cast<EuromsgClientOptions>(ctx.options)).login();
        return { result: { ...result }, secretFields: ['serviceTicket'] };
      },
    },
    {
      name: 'logout',
      summary: 'auth.asmx Logout of a service ticket',
      flags: [S('ticket', 'the service ticket to end', { required: true, secret: true, env: true })],
      async run(ctx) {
        await createEuromsgClient(cast<EuromsgClientOptions>(ctx.options)).logout(requireFlag(ctx, 'ticket'));
        return { result: { loggedOut: true } };
      },
    },
    {
      name: 'post',
      summary:
        'a post.asmx operation (e.g. PostHtml) with a ticket, or a fresh login when --ticket is absent',
      args: ['operation'],
      flags: [
        S('params', 'JSON object of the operation input (without ServiceTicket)'),
        S('ticket', 'service ticket; default: log in, call, log out', { secret: true, env: true }),
      ],
      async run(ctx) {
        const client = createEuromsgClient(cast<EuromsgClientOptions>(ctx.options));
        const operation = ctx.positionals[0] as PostOperationName;
        const params = parseJsonObject('params', ctx.flags.params as string | undefined);
        const ticket = ctx.flags.ticket as string | undefined;
        const run = (t: string) => client.callPost(operation, params as never, t);
        if (ticket !== undefined) return { result: { result: await run(ticket) } };
        try {
          return { result: { result: await client.withSession(run) } };
        } finally {
          await client.close().catch(() => undefined);
        }
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------

const dia: ProviderSpec = {
  id: 'dia',
  title: 'DIA',
  connection: [
    {
      flag: 'server',
      key: 'server',
      env: true,
      description: 'server code: https://{server}.ws.dia.com.tr/api/v3/',
    },
    { flag: 'username', key: 'username', env: true, required: true, description: 'DIA user' },
    {
      flag: 'password',
      key: 'password',
      env: true,
      required: true,
      secret: true,
      description: 'its password',
    },
    {
      flag: 'api-key',
      key: 'apiKey',
      env: true,
      required: true,
      secret: true,
      description: 'API key DIA issued',
    },
    {
      flag: 'disconnect-same-user',
      key: 'disconnectSameUser',
      type: 'boolean',
      description: "end the user's other sessions at login",
    },
    { flag: 'lang', key: 'lang', env: true, description: 'login language, e.g. tr' },
    ...COMMON,
  ],
  actions: [
    {
      name: 'login',
      summary: 'sis/login: a new session id (left open)',
      async run(ctx) {
        const result = await createDiaClient(cast<DiaClientOptions>(ctx.options)).login();
        return { result: { ...result }, secretFields: ['sessionId'] };
      },
    },
    {
      name: 'logout',
      summary: 'sis/logout of a session id',
      flags: [S('session-id', 'the session to end', { required: true, secret: true, env: true })],
      async run(ctx) {
        const client = createDiaClient(cast<DiaClientOptions>(ctx.options));
        // Sent as given: a malformed id is INVALID_INPUT, one DIA no longer knows SESSION_EXPIRED.
        await client.logoutSession(requireFlag(ctx, 'session-id'));
        return { result: { loggedOut: true } };
      },
    },
    {
      name: 'call',
      summary: 'a service of a module, e.g. `sso dia call sis sis_kontor_sorgula`',
      args: ['module', 'service'],
      flags: [
        S('params', 'JSON object of parameters (session_id is added)'),
        S('session-id', 'use this session (default: log in, call, log out)', { secret: true, env: true }),
      ],
      async run(ctx) {
        const params = parseJsonObject('params', ctx.flags.params as string | undefined);
        const [module, service] = ctx.positionals as [string, string];
        const sessionId = ctx.flags['session-id'] as string | undefined;
        if (sessionId !== undefined) {
          // The caller's session only: never a login of our own (it would be left open).
          const client = createDiaClient(cast<DiaClientOptions>(ctx.options));
          return { result: { ...(await client.callWithSession(sessionId, module, service, params)) } };
        }
        const client = createDiaClient(cast<DiaClientOptions>(ctx.options));
        try {
          return { result: { ...(await client.call(module, service, params)) } };
        } finally {
          await client.close().catch(() => undefined);
        }
      },
    },
  ],
};

const gittigidiyor: ProviderSpec = {
  id: 'gittigidiyor',
  title: 'GittiGidiyor',
  connection: [
    { flag: 'api-key', key: 'apiKey', env: true, required: true, description: 'application API key' },
    {
      flag: 'secret-key',
      key: 'secretKey',
      env: true,
      required: true,
      secret: true,
      description: 'its secret key',
    },
    { flag: 'role-name', key: 'roleName', env: true, required: true, description: 'HTTP Basic role user' },
    {
      flag: 'role-password',
      key: 'rolePassword',
      env: true,
      required: true,
      secret: true,
      description: 'role password',
    },
    { flag: 'lang', key: 'lang', env: true, description: 'tr (default) or en: language of error messages' },
    { flag: 'login-page-url', key: 'loginPageUrl', env: true, description: 'address of the API login page' },
    ...COMMON,
  ],
  actions: [
    {
      name: 'create-token',
      summary: 'CommunityAuthService.createToken: tokenId, time and sign',
      async run(ctx) {
        const result = await createGittiGidiyorClient(
          cast<GittiGidiyorClientOptions>(ctx.options),
        ).createToken();
        return { result: { ...result }, secretFields: ['tokenId', 'sign'] };
      },
    },
    {
      name: 'login-url',
      summary: 'the login page URL (creates a token unless --token-id is given)',
      flags: [
        S('redirect-url', 'where the login page sends the browser back to', { required: true }),
        S('token-id', 'an existing tokenId', { secret: true }),
      ],
      async run(ctx) {
        const client = createGittiGidiyorClient(cast<GittiGidiyorClientOptions>(ctx.options));
        const tokenId = (ctx.flags['token-id'] as string | undefined) ?? (await client.createToken()).tokenId;
        ctx.secret(tokenId);
        const url = client.loginUrl({ tokenId, redirectUrl: requireFlag(ctx, 'redirect-url') });
        registerUrlSecrets(url, ctx.secret);
        return { result: { url } };
      },
    },
    {
      name: 'sign',
      summary: 'md5(apiKey + secretKey + time) for --time (epoch ms, default now)',
      flags: [S('time', 'epoch milliseconds')],
      async run(ctx) {
        const text = ctx.flags.time as string | undefined;
        const time = text === undefined ? Date.now() : Number(text);
        if (text !== undefined && !/^\d+$/.test(text)) {
          throw new SsoError('INVALID_INPUT', '--time must be epoch milliseconds', {
            provider: 'gittigidiyor',
          });
        }
        const client = createGittiGidiyorClient(cast<GittiGidiyorClientOptions>(ctx.options));
        return { result: { time, sign: client.sign(time) }, secretFields: ['sign'] };
      },
    },
  ],
};

export const PROVIDERS: ProviderSpec[] = [beyondvisit, faxmax, euromsg, gittigidiyor, dia];
