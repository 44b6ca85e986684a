import { createDiaClient, type DiaClientOptions } from '@sso/dia';
import { type ServerSessionPort, StepRecorder } from '../flows.js';

/** DIA: log in to the `sis` module, ask for the remaining credit (`sis_kontor_sorgula`), log out. */
export function diaPort(options: DiaClientOptions): ServerSessionPort & { close(): Promise<void> } {
  const client = createDiaClient(options);
  const baseUrl = options.baseUrl ?? `https://${options.server}.ws.dia.com.tr/api/v3/`;
  return {
    baseUrl,
    callLabel: 'query the remaining credit (sis_kontor_sorgula)',
    async run() {
      const steps = new StepRecorder('dia', new Set([options.password, options.apiKey]));
      try {
        const { sessionId } = await steps.step(
          'login',
          () => client.login(),
          (session) => `session ${session.sessionId} obtained`,
          (session) => session.sessionId,
        );
        try {
          await steps.step(
            'sis_kontor_sorgula',
            () => client.sisKontorSorgula(),
            (result) => `remaining credit: ${result.kontorsayisi}`,
          );
        } finally {
          await steps.step(
            'logout',
            () => client.logout(),
            () => `session ${sessionId} ended`,
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
