import { escapeHtml, pageResponse, timeElement } from '@sso/core/simulator';

/** `GET /`: the simulator's state at a glance, in the simulators' shared look (never a ticket). */
export function statusPage(input: {
  counters: Readonly<{
    logins: number;
    failedLogins: number;
    logouts: number;
    unauthorized: number;
    faults: number;
  }>;
  liveTickets: number;
  posts: number;
  at: number;
}): Response {
  const rows: Array<[string, number]> = [
    ['Live tickets', input.liveTickets],
    ['Logins', input.counters.logins],
    ['Failed logins', input.counters.failedLogins],
    ['Logouts', input.counters.logouts],
    ['Messages accepted', input.posts],
    ['Refused calls (9998)', input.counters.unauthorized],
    ['SOAP faults', input.counters.faults],
  ];
  return pageResponse({
    provider: 'Euromsg',
    title: 'Euromsg web service simulator',
    body: `<h1>Euromsg web service simulator</h1>
<dl>${rows.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${value}</dd>`).join('')}
<dt>As of</dt><dd>${timeElement(input.at)}</dd></dl>
<p class="next">POST SOAP 1.1 to <code>auth.asmx</code> (Login, Logout) and <code>post.asmx</code>; the WSDL is at <code>auth.asmx?wsdl</code> in the sandbox.</p>`,
  });
}
