import { describe, expect, it } from 'vitest';
import {
  envVariable,
  escapeHtml,
  optionFlag,
  readCappedText,
  respond,
  routeTable,
  secretOptionKeys,
} from '../src/testing/index.js';

describe('simulator kit', () => {
  it('escapeHtml escapes the five HTML-special characters as numeric references', () => {
    expect(escapeHtml(`<a href="x">O'Neil & Co</a>`)).toBe(
      '&#60;a href=&#34;x&#34;&#62;O&#39;Neil &#38; Co&#60;/a&#62;',
    );
  });

  it('respond sets the content type of json, text and html and keeps extra headers', async () => {
    const json = respond.json({ a: 1 }, 201, { 'cache-control': 'no-store' });
    expect(json.status).toBe(201);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('cache-control')).toBe('no-store');
    expect(await json.json()).toEqual({ a: 1 });
    expect(respond.text('x').headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(respond.html('<p>', 403).status).toBe(403);
  });

  it('readCappedText returns the body up to the cap and undefined beyond it', async () => {
    const post = (body: string) => new Request('http://s/', { method: 'POST', body });
    expect(await readCappedText(post('ğüş'), 6)).toBe('ğüş');
    expect(await readCappedText(post('ğüş'), 5)).toBeUndefined();
    expect(await readCappedText(new Request('http://s/'), 1)).toBe('');
  });

  it('routeTable: handler by path and method, pattern groups, 404, 405 with allow, * for any method', async () => {
    const route = routeTable<[tag: string]>([
      { path: '/login', methods: { GET: () => respond.text('page'), POST: () => respond.text('posted') } },
      { path: /^\/(\w+)\/json$/, methods: { POST: (_r, match, tag) => respond.text(`${match[1]} ${tag}`) } },
      { path: '/any', methods: { '*': (request) => respond.text(request.method) } },
    ]);
    const call = (method: string, path: string) => route(new Request(`http://s${path}`, { method }), 't');
    expect(await (await call('GET', '/login')).text()).toBe('page');
    expect(await (await call('POST', '/sis/json')).text()).toBe('sis t');
    const wrongMethod = await call('DELETE', '/login');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST');
    expect(await (await call('PUT', '/any')).text()).toBe('PUT');
    expect((await call('GET', '/nope')).status).toBe(404);
  });
});

describe('provider manifest helpers', () => {
  it('derive the CLI flag, the environment variable and the secret option keys', () => {
    expect(optionFlag('rolePassword')).toBe('role-password');
    expect(envVariable('gittigidiyor', 'loginPageUrl')).toBe('SSO_GITTIGIDIYOR_LOGIN_PAGE_URL');
    const options = [
      { key: 'apiKey', description: 'a' },
      { key: 'secretKey', description: 'b', secret: true },
    ];
    expect(secretOptionKeys({ options })).toEqual(['secretKey']);
  });
});
