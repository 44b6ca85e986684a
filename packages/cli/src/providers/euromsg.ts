import { createEuromsgClient, type EuromsgClientOptions, type PostOperationName } from '@sso/euromsg-soap';
import { EUROMSG_MANIFEST } from '@sso/euromsg-soap/simulator';
import { type ActionContext, type ProviderSpec, parseJsonObject, requireFlag } from '../framework.js';
import { cast, connectionFlags, flag } from './common.js';

const client = (ctx: ActionContext) => createEuromsgClient(cast<EuromsgClientOptions>(ctx.options));

export const euromsg: ProviderSpec = {
  id: 'euromsg',
  title: EUROMSG_MANIFEST.title,
  connection: connectionFlags(EUROMSG_MANIFEST),
  actions: [
    {
      name: 'login',
      summary: 'auth.asmx Login: a new service ticket',
      async run(ctx) {
        const result = await client(ctx).login();
        return { result: { ...result }, secretFields: ['serviceTicket'] };
      },
    },
    {
      name: 'logout',
      summary: 'auth.asmx Logout of a service ticket',
      flags: [flag('ticket', 'the service ticket to end', { required: true, secret: true, env: true })],
      async run(ctx) {
        await client(ctx).logout(requireFlag(ctx, 'ticket'));
        return { result: { loggedOut: true } };
      },
    },
    {
      name: 'post',
      summary:
        'a post.asmx operation (e.g. PostHtml) with a ticket, or a fresh login when --ticket is absent',
      args: ['operation'],
      flags: [
        flag('params', 'JSON object of the operation input (without ServiceTicket)'),
        flag('ticket', 'service ticket; default: log in, call, log out', { secret: true, env: true }),
      ],
      async run(ctx) {
        const em = client(ctx);
        const operation = ctx.positionals[0] as PostOperationName;
        const params = parseJsonObject('params', ctx.flags.params as string | undefined);
        const ticket = ctx.flags.ticket as string | undefined;
        const run = (t: string) => em.callPost(operation, params as never, t);
        if (ticket !== undefined) return { result: { result: await run(ticket) } };
        try {
          return { result: { result: await em.withSession(run) } };
        } finally {
          await em.close().catch(() => undefined);
        }
      },
    },
  ],
};
