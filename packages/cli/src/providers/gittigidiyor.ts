import { SsoError } from '@sso/core/provider';
import { createGittiGidiyorClient, type GittiGidiyorClientOptions } from '@sso/gittigidiyor';
import { GITTIGIDIYOR_MANIFEST } from '@sso/gittigidiyor/simulator';
import { type ActionContext, type ProviderSpec, registerUrlSecrets, requireFlag } from '../framework.js';
import { cast, connectionFlags, flag } from './common.js';

const client = (ctx: ActionContext) => createGittiGidiyorClient(cast<GittiGidiyorClientOptions>(ctx.options));

export const gittigidiyor: ProviderSpec = {
  id: 'gittigidiyor',
  title: GITTIGIDIYOR_MANIFEST.title,
  connection: connectionFlags(GITTIGIDIYOR_MANIFEST),
  actions: [
    {
      name: 'create-token',
      summary: 'CommunityAuthService.createToken: tokenId, time and sign',
      async run(ctx) {
        const result = await client(ctx).createToken();
        return { result: { ...result }, secretFields: ['tokenId', 'sign'] };
      },
    },
    {
      name: 'login-url',
      summary: 'the login page URL (creates a token unless --token-id is given)',
      flags: [
        flag('redirect-url', 'where the login page sends the browser back to', { required: true }),
        flag('token-id', 'an existing tokenId', { secret: true }),
      ],
      async run(ctx) {
        const gg = client(ctx);
        const tokenId = (ctx.flags['token-id'] as string | undefined) ?? (await gg.createToken()).tokenId;
        ctx.secret(tokenId);
        const url = gg.loginUrl({ tokenId, redirectUrl: requireFlag(ctx, 'redirect-url') });
        registerUrlSecrets(url, ctx.secret);
        return { result: { url } };
      },
    },
    {
      name: 'sign',
      summary: 'md5(apiKey + secretKey + time) for --time (epoch ms, default now)',
      flags: [flag('time', 'epoch milliseconds')],
      async run(ctx) {
        const text = ctx.flags.time as string | undefined;
        if (text !== undefined && !/^\d+$/.test(text)) {
          throw new SsoError('INVALID_INPUT', '--time must be epoch milliseconds', {
            provider: 'gittigidiyor',
          });
        }
        const time = text === undefined ? Date.now() : Number(text);
        return { result: { time, sign: client(ctx).sign(time) }, secretFields: ['sign'] };
      },
    },
  ],
};
