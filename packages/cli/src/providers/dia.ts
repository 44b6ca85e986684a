import { createDiaClient, type DiaClientOptions } from '@sso/dia';
import { DIA_MANIFEST } from '@sso/dia/simulator';
import { type ActionContext, type ProviderSpec, parseJsonObject, requireFlag } from '../framework.js';
import { cast, connectionFlags, flag } from './common.js';

const client = (ctx: ActionContext) => createDiaClient(cast<DiaClientOptions>(ctx.options));

export const dia: ProviderSpec = {
  id: 'dia',
  title: DIA_MANIFEST.title,
  connection: connectionFlags(DIA_MANIFEST),
  actions: [
    {
      name: 'login',
      summary: 'sis/login: a new session id (left open)',
      async run(ctx) {
        const result = await client(ctx).login();
        return { result: { ...result }, secretFields: ['sessionId'] };
      },
    },
    {
      name: 'logout',
      summary: 'sis/logout of a session id',
      flags: [flag('session-id', 'the session to end', { required: true, secret: true, env: true })],
      async run(ctx) {
        // Sent as given: a malformed id is INVALID_INPUT, one DIA no longer knows SESSION_EXPIRED.
        await client(ctx).logoutSession(requireFlag(ctx, 'session-id'));
        return { result: { loggedOut: true } };
      },
    },
    {
      name: 'call',
      summary: 'a service of a module, e.g. `sso dia call sis sis_kontor_sorgula`',
      args: ['module', 'service'],
      flags: [
        flag('params', 'JSON object of parameters (session_id is added)'),
        flag('session-id', 'use this session (default: log in, call, log out)', { secret: true, env: true }),
      ],
      async run(ctx) {
        const params = parseJsonObject('params', ctx.flags.params as string | undefined);
        const [module, service] = ctx.positionals as [string, string];
        const sessionId = ctx.flags['session-id'] as string | undefined;
        const dc = client(ctx);
        if (sessionId !== undefined) {
          // The caller's session only: never a login of our own (it would be left open).
          return { result: { ...(await dc.callWithSession(sessionId, module, service, params)) } };
        }
        try {
          return { result: { ...(await dc.call(module, service, params)) } };
        } finally {
          await dc.close().catch(() => undefined);
        }
      },
    },
  ],
};
