import { pageResponse, timeElement } from '@sso/core/simulator';
import type { DiaState } from './state.js';

/** `GET /`: the server's state at a glance, in the simulators' shared look. */
export function statusPage(state: DiaState): Response {
  state.sweep();
  const { stats } = state;
  const rows: Array<[string, string]> = [
    ['Logins', String(stats.logins)],
    ['Failed logins', String(stats.failedLogins)],
    ['Logouts', String(stats.logouts)],
    ['Calls', String(stats.calls)],
    ['Kontör', state.kontor.toFixed(4)],
    ['Licensed', state.licensed ? 'yes' : 'no'],
  ];
  return pageResponse({
    provider: 'DIA',
    title: 'DIA web service v3 simulator',
    lang: 'tr',
    body: `<h1>DIA web service v3 simulator</h1>
<p>Active sessions: <strong id="active-sessions">${state.sessions.size}</strong></p>
<dl>${rows.map(([label, value]) => `<dt>${label}</dt><dd>${value}</dd>`).join('')}
<dt>As of</dt><dd>${timeElement(state.now())}</dd></dl>
<p class="next">POST <code>/{module}/json</code> with <code>{"login":{…}}</code> in module <code>sis</code> to begin.</p>`,
  });
}
