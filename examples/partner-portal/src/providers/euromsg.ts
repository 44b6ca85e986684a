import { createEuromsgClient, type EuromsgClientOptions } from '@sso/euromsg-soap';
import { type ServerSessionPort, StepRecorder } from '../flows.js';

/**
 * Euromsg: log in for a service ticket, send the signed-in user a test e-mail (post.asmx PostHtml),
 * read its delivery status with the same ticket (GetPostResult), log the ticket out.
 */
export function euromsgPort(options: EuromsgClientOptions): ServerSessionPort & { close(): Promise<void> } {
  const client = createEuromsgClient(options);
  return {
    baseUrl: options.baseUrl,
    callLabel: 'send you a test e-mail (PostHtml), read its status (GetPostResult)',
    async run(user) {
      const steps = new StepRecorder('euromsg', new Set([options.password]));
      try {
        const { serviceTicket } = await steps.step(
          'Login',
          () => client.login(),
          (result) => `service ticket ${result.serviceTicket} obtained`,
          (result) => result.serviceTicket,
        );
        try {
          const posted = await steps.step(
            'PostHtml',
            () =>
              client.callPost(
                'PostHtml',
                {
                  FromName: 'Partner Portal',
                  FromAddress: 'portal@example.com.tr',
                  ReplyAddress: 'portal@example.com.tr',
                  Subject: 'Partner Portal: Euromsg connection test',
                  HtmlBody: `<p>Merhaba ${user.displayName}, this is a connection test from the partner portal.</p>`,
                  Charset: 'UTF-8',
                  ToName: user.displayName,
                  ToEmailAddress: user.email,
                },
                serviceTicket,
              ),
            (result) =>
              `test e-mail to ${user.email} accepted, post ${result.PostHtmlResult?.PostID ?? '(no id)'}`,
          );
          const postId = posted.PostHtmlResult?.PostID;
          if (!postId) throw new Error('PostHtml returned no PostID');
          await steps.step(
            'GetPostResult',
            () => client.callPost('GetPostResult', { PostID: postId }, serviceTicket),
            (result) => {
              const r = result.GetPostResultResult;
              return `post ${postId}: relay ${r?.RelayStatus ?? '?'}, delivery ${r?.DeliveryStatus ?? '?'}`;
            },
          );
        } finally {
          await steps.step(
            'Logout',
            () => client.logout(serviceTicket),
            () => `service ticket ${serviceTicket} ended`,
          );
        }
      } catch {
        // The failing step is recorded with its error; the report says the run failed.
      }
      return steps.report();
    },
    close: () => client.close(),
  };
}
