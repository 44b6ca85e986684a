import { escapeHtml, simulatorPage } from '@sso/core/simulator';
import { maskSecret } from './mask.js';
import type { ProviderInfo } from './types.js';

/** The page at `/`: every provider with its mount URL, accounts and browser pages. */
export function renderIndexPage(
  url: string,
  providers: ReadonlyArray<ProviderInfo>,
  showSecrets: boolean,
): string {
  const sections = providers
    .map((p) => {
      const rows = p.accounts
        .map((a) => {
          const fields = Object.entries(a.fields)
            .map(([name, value]) => {
              const shown = a.secretFields.includes(name) ? maskSecret(value, showSecrets) : value;
              return `<dt>${escapeHtml(name)}</dt><dd><code>${escapeHtml(shown)}</code></dd>`;
            })
            .join('');
          return `<li><span class="tag">${a.source}</span><dl>${fields}</dl></li>`;
        })
        .join('');
      const links = p.links
        .map(
          (l) =>
            `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a>${l.note ? ` — ${escapeHtml(l.note)}` : ''}</li>`,
        )
        .join('');
      return `<section id="${escapeHtml(p.id)}">
<h2>${escapeHtml(p.title)}</h2>
<p>Base URL: <code>${escapeHtml(p.url)}</code></p>
<h3>Accounts</h3><ul class="plain">${rows || '<li>none</li>'}</ul>
${links ? `<h3>Browser pages</h3><ul>${links}</ul>` : ''}
</section>`;
    })
    .join('\n');
  return simulatorPage({
    provider: 'sso sandbox',
    title: 'Providers',
    wide: true,
    body: `<h1>sso sandbox</h1>
<p>Local simulators of ${providers.length} providers at <code>${escapeHtml(url)}</code>.
Point a client at a base URL below with <code>allowInsecureHttp: true</code>.${
      showSecrets ? '' : ' Secrets are masked; start with <code>--show-secrets</code> to see them.'
    }</p>
<nav>${providers.map((p) => `<a href="#${escapeHtml(p.id)}">${escapeHtml(p.title)}</a>`).join(' · ')}</nav>
${sections}`,
  });
}
