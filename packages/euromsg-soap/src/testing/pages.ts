import { statusPage as sharedStatusPage } from '@sso/core/simulator';
import type { EuromsgSimulatorCounters } from './simulator.js';

/** `GET /`: the simulator's state at a glance, in the simulators' shared look (never a ticket). */
export function statusPage(input: {
  counters: Readonly<
    Pick<EuromsgSimulatorCounters, 'logins' | 'failedLogins' | 'logouts' | 'unauthorized' | 'faults'>
  >;
  liveTickets: number;
  posts: number;
  at: number;
}): Response {
  return sharedStatusPage({
    provider: 'Euromsg',
    title: 'Euromsg web service simulator',
    rows: [
      ['Live tickets', input.liveTickets],
      ['Logins', input.counters.logins],
      ['Failed logins', input.counters.failedLogins],
      ['Logouts', input.counters.logouts],
      ['Messages accepted', input.posts],
      ['Refused calls (9998)', input.counters.unauthorized],
      ['SOAP faults', input.counters.faults],
    ],
    at: input.at,
    next: 'POST SOAP 1.1 to <code>auth.asmx</code> (Login, Logout) and <code>post.asmx</code>; the WSDL is at <code>auth.asmx?wsdl</code> in the sandbox.',
  });
}
