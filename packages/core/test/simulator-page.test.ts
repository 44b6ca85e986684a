import { describe, expect, it } from 'vitest';
import {
  backLink,
  developerDetails,
  formatInstant,
  pageResponse,
  SIMULATOR_PAGE_STYLE_ID,
  simulatorPage,
  timeElement,
} from '../src/testing/index.js';

describe('simulator page shell', () => {
  it('renders one document with the shared stylesheet, the provider in the header and the body as given', () => {
    const page = simulatorPage({
      provider: 'Acme <SSO>',
      title: 'Signed in',
      body: '<h1>Signed in</h1>',
      mainAttributes: 'data-result="signed-in"',
    });
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page.match(/<style\b/g)).toHaveLength(1);
    expect(page).toContain(`<style id="${SIMULATOR_PAGE_STYLE_ID}">`);
    expect(page).toContain('<title>Signed in · Acme &#60;SSO&#62;</title>');
    expect(page).toContain('<main data-result="signed-in">\n<h1>Signed in</h1>');
    expect(page).not.toContain('data-back');
  });

  it('shows the way back in the header and under the content, escaped', () => {
    const page = simulatorPage({
      provider: 'P',
      title: 't',
      body: '',
      back: { href: 'https://portal.example/?a=1&b="2"', label: 'Back to portal.example' },
    });
    expect(page).toContain('<a href="https://portal.example/?a=1&#38;b=&#34;2&#34;" data-back="header">');
    expect(page).toContain('data-back="main"');
  });

  it('backLink accepts absolute http(s) URLs only and names the host', () => {
    expect(backLink('https://portal.example:8443/x?y=1')).toEqual({
      href: 'https://portal.example:8443/x?y=1',
      label: 'Back to portal.example:8443',
    });
    expect(backLink('javascript:alert(1)')).toBeUndefined();
    expect(backLink('/relative')).toBeUndefined();
    expect(backLink(null)).toBeUndefined();
  });

  it('formats instants in words and keeps the raw value in <time datetime> and the tooltip', () => {
    const at = 1796561949 * 1000;
    expect(formatInstant(at)).toBe('6 December 2026 at 12:59:09 UTC');
    expect(timeElement(at)).toBe(
      '<time datetime="2026-12-06T12:59:09.000Z" title="Unix time 1796561949">6 December 2026 at 12:59:09 UTC</time>',
    );
  });

  it('folds developer details into <details>, values escaped', () => {
    const html = developerDetails([['Provider code', '<1>']]);
    expect(html).toMatch(/^<details class="developer"><summary>Details for developers<\/summary>/);
    expect(html).toContain('<dt>Provider code</dt><dd><code>&#60;1&#62;</code></dd>');
  });

  it('pageResponse answers text/html that is never cached', async () => {
    const response = pageResponse({ provider: 'P', title: 't', body: 'x' }, 410);
    expect(response.status).toBe(410);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain(SIMULATOR_PAGE_STYLE_ID);
  });
});
