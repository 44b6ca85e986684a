import { type BeyondVisitClientOptions, createBeyondVisitClient } from '@sso/beyondvisit';
import { BEYONDVISIT_MANIFEST } from '@sso/beyondvisit/simulator';
import { type ActionContext, type ProviderSpec, requireFlag } from '../framework.js';
import { cast, connectionFlags, flag } from './common.js';

const client = (ctx: ActionContext) => createBeyondVisitClient(cast<BeyondVisitClientOptions>(ctx.options));

const userToken = flag(
  'user-token',
  'the userToken from create-user (default with a sandbox: the demo user)',
  {
    required: true,
    secret: true,
    env: true,
    sandboxDefault: BEYONDVISIT_MANIFEST.demo.userToken,
  },
);

export const beyondvisit: ProviderSpec = {
  id: 'beyondvisit',
  title: BEYONDVISIT_MANIFEST.title,
  connection: connectionFlags(BEYONDVISIT_MANIFEST),
  actions: [
    {
      name: 'create-user',
      summary: 'CreateUser: register a user, print its userToken',
      flags: [
        flag('name', 'first name', { required: true }),
        flag('surname', 'last name', { required: true }),
        flag('email', 'e-mail address', { required: true }),
        flag('site', 'site URL (http:// or https://)', { required: true }),
      ],
      async run(ctx) {
        const result = await client(ctx).createUser({
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
      flags: [userToken],
      async run(ctx) {
        const result = await client(ctx).createLoginToken({ userToken: requireFlag(ctx, 'user-token') });
        return { result: { ...result }, secretFields: ['loginToken'] };
      },
    },
    {
      name: 'login-url',
      summary: 'LoginToken, then the browser sign-in URL',
      flags: [userToken],
      async run(ctx) {
        const bv = client(ctx);
        const { loginToken, userCode } = await bv.createLoginToken({
          userToken: requireFlag(ctx, 'user-token'),
        });
        ctx.secret(loginToken);
        return { result: { url: bv.loginUrl(loginToken), userCode } };
      },
    },
    {
      name: 'sign',
      summary: 'the request sign md5(apiKey + secretKey)',
      async run(ctx) {
        return { result: { sign: client(ctx).sign() }, secretFields: ['sign'] };
      },
    },
  ],
};
