import { statusPage as sharedStatusPage } from '@sso/core/simulator';
import type { DiaState } from './state.js';

/** `GET /`: the server's state at a glance, in the simulators' shared look. */
export function statusPage(state: DiaState): Response {
  state.sweep();
  const { stats } = state;
  return sharedStatusPage({
    provider: 'DIA',
    title: 'DIA web service v3 simulator',
    lang: 'tr',
    lead: `<p>Active sessions: <strong id="active-sessions">${state.sessions.size}</strong></p>`,
    rows: [
      ['Logins', stats.logins],
      ['Failed logins', stats.failedLogins],
      ['Logouts', stats.logouts],
      ['Calls', stats.calls],
      ['Kontör', state.kontor.toFixed(4)],
      ['Licensed', state.licensed ? 'yes' : 'no'],
    ],
    at: state.now(),
    next: 'POST <code>/{module}/json</code> with <code>{"login":{…}}</code> in module <code>sis</code> to begin.',
  });
}
