import { createFaxmaxClient, type FaxmaxClientOptions } from '@sso/faxmax-rpc';
import { FAXMAX_MANIFEST } from '@sso/faxmax-rpc/simulator';
import {
  type ActionContext,
  type FlagSpec,
  type ProviderSpec,
  parseJsonObject,
  registerUrlSecrets,
  requireFlag,
} from '../framework.js';
import { cast, connectionFlags, flag } from './common.js';
import { CIPHER_FLAGS, withCipher } from './faxmax-cipher.js';

const userAndIp: FlagSpec[] = [
  flag('username', 'FaxMAX user code to sign in', { required: true }),
  flag('ip', 'IP address the browser / your server will come from', { required: true }),
];

const client = (ctx: ActionContext) => createFaxmaxClient(cast<FaxmaxClientOptions>(ctx.options));
const userInput = (ctx: ActionContext) => ({
  username: requireFlag(ctx, 'username'),
  remoteIp: requireFlag(ctx, 'ip'),
});

export const faxmax: ProviderSpec = {
  id: 'faxmax',
  title: FAXMAX_MANIFEST.title,
  connection: [...connectionFlags(FAXMAX_MANIFEST), ...CIPHER_FLAGS],
  notes:
    'FaxMAX does not publish its token cipher: choose an AES candidate with --cipher-mode (gcm|cbc),\n' +
    '--cipher-key-derivation and --cipher-encoding (confirm the scheme with FaxMAX). With --sandbox the\n' +
    "sandbox's demo cipher is used unless --cipher-mode is given.",
  finish: withCipher,
  actions: [
    {
      name: 'sso-token',
      summary: 'the encrypted SSO token for a user (no I/O)',
      flags: userAndIp,
      async run(ctx) {
        const token = await client(ctx).ssoToken(userInput(ctx));
        return { result: { token }, secretFields: ['token'] };
      },
    },
    {
      name: 'login-url',
      summary: 'the browser sign-in URL (?token=…&code=…)',
      flags: [...userAndIp, flag('page', 'page to open after sign-in, e.g. inboxes')],
      async run(ctx) {
        const page = ctx.flags.page as string | undefined;
        const url = await client(ctx).loginUrl({
          ...userInput(ctx),
          ...(page !== undefined ? { page } : {}),
        });
        registerUrlSecrets(url, ctx.secret);
        return { result: { url } };
      },
    },
    {
      name: 'token-login',
      summary: 'Core.token_login with a fresh SSO token; prints the session token',
      flags: userAndIp,
      async run(ctx) {
        const result = await client(ctx).tokenLogin(userInput(ctx));
        return { result: { ...result }, secretFields: ['token'] };
      },
    },
    {
      name: 'login',
      summary: 'Core.login with a password; prints the session token',
      flags: [
        flag('username', 'FaxMAX user', { required: true }),
        flag('password', 'its password', { required: true, secret: true, env: true }),
      ],
      async run(ctx) {
        const result = await client(ctx).login({
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
        flag('params', 'JSON object of parameters'),
        flag('username', 'log in as this user first'),
        flag('password', 'password for --username', { secret: true, env: true }),
      ],
      async run(ctx) {
        const fx = client(ctx);
        const params = parseJsonObject('params', ctx.flags.params as string | undefined);
        for (const key of ['token_', 'password', 'code_']) ctx.secret(params[key] as string | undefined);
        const username = ctx.flags.username as string | undefined;
        if (username !== undefined) {
          const login = await fx.login({ username, password: requireFlag(ctx, 'password') });
          ctx.secret(login.token);
        }
        const result = await fx.call(ctx.positionals[0] as string, params);
        return { result: { result } };
      },
    },
  ],
};
