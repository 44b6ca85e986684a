import { readFileSync } from 'node:fs';
import { BEYONDVISIT_DEMO } from '@sso/beyondvisit/testing';
import { DIA_DEMO } from '@sso/dia/testing';
import { EUROMSG_DEMO } from '@sso/euromsg-soap/testing';
import { FAXMAX_DEMO } from '@sso/faxmax-rpc/testing';
import { GITTIGIDIYOR_DEMO } from '@sso/gittigidiyor/testing';
import { type Sandbox, startSandbox } from '@sso/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASKED, main, PROVIDERS } from '../src/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const DEMO_SECRETS = [
  BEYONDVISIT_DEMO.secretKey,
  BEYONDVISIT_DEMO.userToken,
  FAXMAX_DEMO.apiPassword,
  FAXMAX_DEMO.password,
  EUROMSG_DEMO.password,
  DIA_DEMO.password,
  DIA_DEMO.apiKey,
  GITTIGIDIYOR_DEMO.secretKey,
  GITTIGIDIYOR_DEMO.rolePassword,
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json: Record<string, unknown>;
}

/** Runs the CLI in process. */
async function sso(argv: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env,
  });
  let json: Record<string, unknown> = {};
  if (argv.includes('--json')) json = JSON.parse(stdout) as Record<string, unknown>;
  return { code, stdout, stderr, json };
}
const sb = () => ['--sandbox-url', sandbox.url];

/**
 * The documented --json schema (README "JSON output"): success
 * `{ ok: true, provider, action, result: object, masked: string[] }`; failure
 * `{ ok: false, provider: string|null, action: string|null, exitCode: 1|2, error: { code, message,
 * provider?, providerCode?, providerMessage?, status? } }` — and nothing else.
 */
function checkSchema(doc: Record<string, unknown>): void {
  if (doc.ok === true) {
    expect(Object.keys(doc).sort()).toEqual(['action', 'masked', 'ok', 'provider', 'result']);
    expect(typeof doc.provider).toBe('string');
    expect(typeof doc.action).toBe('string');
    expect(typeof doc.result === 'object' && doc.result !== null && !Array.isArray(doc.result)).toBe(true);
    expect(Array.isArray(doc.masked) && (doc.masked as unknown[]).every((m) => typeof m === 'string')).toBe(
      true,
    );
    return;
  }
  expect(doc.ok).toBe(false);
  expect(Object.keys(doc).sort()).toEqual(['action', 'error', 'exitCode', 'ok', 'provider']);
  expect(doc.provider === null || typeof doc.provider === 'string').toBe(true);
  expect(doc.action === null || typeof doc.action === 'string').toBe(true);
  expect([1, 2]).toContain(doc.exitCode);
  const error = doc.error as Record<string, unknown>;
  expect(typeof error.code).toBe('string');
  expect(typeof error.message).toBe('string');
  for (const key of Object.keys(error)) {
    expect(['code', 'message', 'provider', 'providerCode', 'providerMessage', 'status']).toContain(key);
  }
  if ('status' in error) expect(typeof error.status).toBe('number');
  if ('providerCode' in error) expect(typeof error.providerCode).toBe('string');
}

function expectNoSecrets(run: Run, extra: string[] = []): void {
  const text = run.stdout + run.stderr;
  for (const secret of [...DEMO_SECRETS, ...extra])
    expect(text, `leaked ${secret.slice(0, 3)}…`).not.toContain(secret);
}

describe('help', () => {
  it('prints help at the root, provider and action level with exit code 0', async () => {
    const root = await sso(['--help']);
    expect(root.code).toBe(0);
    expect(root.stdout).toContain('Usage: sso <provider> <action>');
    for (const p of PROVIDERS) {
      const ph = await sso([p.id, '--help']);
      expect(ph.code).toBe(0);
      expect(ph.stdout).toContain(`Usage: sso ${p.id} <action>`);
      for (const a of p.actions) {
        const ah = await sso([p.id, a.name, '--help']);
        expect(ah.code, `${p.id} ${a.name}`).toBe(0);
        expect(ah.stdout).toContain(`Usage: sso ${p.id} ${a.name}`);
      }
    }
    expect((await sso(['sandbox', '--help'])).stdout).toContain('Usage: sso-sandbox');
  });

  it('names the environment variable of each credential', async () => {
    expect((await sso(['dia', '--help'])).stdout).toContain('SSO_DIA_PASSWORD');
    expect((await sso(['beyondvisit', '--help'])).stdout).toContain('SSO_BEYONDVISIT_SECRET_KEY');
  });
});

describe('every command against the sandbox', () => {
  it('beyondvisit: create-user, login-token, login-url and sign', async () => {
    const created = await sso([
      ...sb(),
      '--json',
      '--show-secrets',
      'beyondvisit',
      'create-user',
      '--name',
      'Elif',
      '--surname',
      'Demir',
      '--email',
      'elif@example.com.tr',
      '--site',
      'https://elif.example.com.tr',
    ]);
    expect(created.code).toBe(0);
    checkSchema(created.json);
    const userToken = (created.json.result as { userToken: string }).userToken;
    expect(sandbox.simulators.beyondvisit.user(userToken)?.email).toBe('elif@example.com.tr');

    const token = await sso([...sb(), '--json', 'beyondvisit', 'login-token', '--user-token', userToken]);
    expect(token.code).toBe(0);
    checkSchema(token.json);
    expect(token.json.result).toMatchObject({ loginToken: MASKED });
    expect(token.json.masked).toEqual(['loginToken']);
    expectNoSecrets(token, [userToken]);

    const url = await sso([...sb(), 'beyondvisit', 'login-url', '--user-token', BEYONDVISIT_DEMO.userToken]);
    expect(url.code).toBe(0);
    expect(url.stdout).toMatch(
      new RegExp(`^url: +${sandbox.url}/beyondvisit/external/Login/\\[masked\\]$`, 'm'),
    );
    expect(url.stdout).toContain('userCode: bvdemo0001');
    expectNoSecrets(url);

    const sign = await sso(['--sandbox', '--json', 'beyondvisit', 'sign']);
    expect(sign.json).toMatchObject({ ok: true, result: { sign: MASKED }, masked: ['sign'] });
    const shown = await sso(['--sandbox', '--json', '--show-secrets', 'beyondvisit', 'sign']);
    expect((shown.json.result as { sign: string }).sign).toMatch(/^[0-9a-f]{32}$/);
  });

  it('faxmax: sso-token, login-url, token-login, login and call', async () => {
    const user = ['--username', 'demo', '--ip', '127.0.0.1'];
    const token = await sso([...sb(), '--json', 'faxmax', 'sso-token', ...user]);
    expect(token.json).toMatchObject({ ok: true, result: { token: MASKED } });
    const url = await sso([
      ...sb(),
      '--json',
      '--show-secrets',
      'faxmax',
      'login-url',
      ...user,
      '--page',
      'inboxes',
    ]);
    const href = (url.json.result as { url: string }).url;
    expect(href.startsWith(`${sandbox.url}/faxmax/#inboxes?token=`)).toBe(true);
    const masked = await sso([...sb(), 'faxmax', 'login-url', ...user]);
    expect(masked.stdout).toContain('token=[masked]&code=DEMO-API-CODE');
    const login = await sso([...sb(), '--json', 'faxmax', 'token-login', ...user]);
    expect(login.json).toMatchObject({ ok: true, result: { token: MASKED } });
    const pw = await sso([
      ...sb(),
      '--json',
      'faxmax',
      'login',
      '--username',
      'demo',
      '--password',
      FAXMAX_DEMO.password,
    ]);
    expect(pw.code).toBe(0);
    expect(pw.json).toMatchObject({ ok: true, result: { token: MASKED } });
    const call = await sso([
      ...sb(),
      '--json',
      'faxmax',
      'call',
      'Simulator.whoami',
      '--username',
      'ayse',
      '--password',
      'ayse-password',
    ]);
    expect(call.json).toMatchObject({
      ok: true,
      result: { result: { username: 'ayse', remote_ip: '127.0.0.1' } },
    });
    for (const run of [token, url, login, pw, call]) checkSchema(run.json);
    for (const run of [token, masked, login, pw, call]) expectNoSecrets(run, ['ayse-password']);
  });

  it('euromsg: login, post and logout with the ticket', async () => {
    const login = await sso([...sb(), '--json', '--show-secrets', 'euromsg', 'login']);
    checkSchema(login.json);
    const ticket = (login.json.result as { serviceTicket: string }).serviceTicket;
    const post = await sso([
      ...sb(),
      '--json',
      'euromsg',
      'post',
      'PostHtml',
      '--ticket',
      ticket,
      '--params',
      JSON.stringify({
        FromName: 'Mağaza',
        FromAddress: 'info@example.com.tr',
        ReplyAddress: 'info@example.com.tr',
        Subject: 'Merhaba',
        HtmlBody: '<p>Merhaba</p>',
        Charset: 'UTF-8',
        ToName: 'Elif',
        ToEmailAddress: 'elif@example.com.tr',
      }),
    ]);
    expect(post.code).toBe(0);
    checkSchema(post.json);
    expect(post.json.result).toMatchObject({
      result: { PostHtmlResult: { Code: '00', ToAddress: 'elif@example.com.tr' } },
    });
    expect(sandbox.simulators.euromsg.counters.posts).toBeGreaterThanOrEqual(1);
    expectNoSecrets(post, [ticket]);
    const logout = await sso([...sb(), '--json', 'euromsg', 'logout', '--ticket', ticket]);
    expect(logout.json).toMatchObject({ ok: true, result: { loggedOut: true } });
    expectNoSecrets(logout, [ticket]);
    const again = await sso([...sb(), '--json', 'euromsg', 'logout', '--ticket', ticket]);
    expect(again.code).toBe(1);
    checkSchema(again.json);
    expect(again.json.error).toMatchObject({ code: 'SESSION_EXPIRED', providerCode: '9998' });
    expectNoSecrets(again, [ticket]);
  });

  it('gittigidiyor: create-token, login-url and sign', async () => {
    const token = await sso([...sb(), '--json', 'gittigidiyor', 'create-token']);
    expect(token.code).toBe(0);
    checkSchema(token.json);
    expect(token.json.result).toMatchObject({ tokenId: MASKED, sign: MASKED });
    expect(typeof (token.json.result as { time: unknown }).time).toBe('number');
    const shown = await sso([
      ...sb(),
      '--json',
      '--show-secrets',
      'gittigidiyor',
      'login-url',
      '--redirect-url',
      'https://portal.example.com/back',
    ]);
    const url = new URL((shown.json.result as { url: string }).url);
    expect(`${url.origin}${url.pathname}`).toBe(`${sandbox.url}/gittigidiyor/login`);
    expect(sandbox.simulators.gittigidiyor.openTokens()).toContain(url.searchParams.get('tokenId'));
    expect((await fetch(url)).status).toBe(200);
    const masked = await sso([
      ...sb(),
      'gittigidiyor',
      'login-url',
      '--redirect-url',
      'https://portal.example.com/back',
    ]);
    expect(masked.stdout).toMatch(/sign=%5Bmasked%5D|sign=\[masked\]/);
    expect(masked.stdout).toMatch(/tokenId=(%5Bmasked%5D|\[masked\])/);
    expectNoSecrets(masked);
    const sign = await sso([
      ...sb(),
      '--json',
      '--show-secrets',
      'gittigidiyor',
      'sign',
      '--time',
      '1262265344531',
    ]);
    expect(sign.json.result).toMatchObject({ time: 1262265344531 });
    expect((sign.json.result as { sign: string }).sign).toMatch(/^[0-9a-f]{32}$/);
    const bad = await sso([
      ...sb(),
      '--json',
      'gittigidiyor',
      'create-token',
      '--role-password',
      'nope-nope',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.json.error).toMatchObject({ code: 'AUTHENTICATION_FAILED', status: 401 });
    expectNoSecrets(bad, ['nope-nope']);
  });

  it('dia: login, call with and without a session, logout', async () => {
    const login = await sso([...sb(), '--json', '--show-secrets', 'dia', 'login']);
    checkSchema(login.json);
    const sessionId = (login.json.result as { sessionId: string }).sessionId;
    expect(sessionId).toMatch(/^[0-9a-f]{32}$/);
    const call = await sso([
      ...sb(),
      '--json',
      'dia',
      'call',
      'sis',
      'sis_kontor_sorgula',
      '--session-id',
      sessionId,
    ]);
    expect(call.json).toMatchObject({ ok: true, result: { code: '200' } });
    expectNoSecrets(call, [sessionId]);
    const loginsBefore = sandbox.simulators.dia.stats.logins;
    const fresh = await sso([
      ...sb(),
      '--json',
      'dia',
      'call',
      'scf',
      'scf_fatura_listele',
      '--params',
      '{"firma_kodu":1,"donem_kodu":1}',
    ]);
    expect(fresh.code).toBe(0);
    expect(Array.isArray((fresh.json.result as { result: unknown }).result)).toBe(true);
    expect(sandbox.simulators.dia.stats.logins).toBe(loginsBefore + 1);
    const logout = await sso([...sb(), '--json', 'dia', 'logout', '--session-id', sessionId]);
    expect(logout.json).toMatchObject({ ok: true, result: { loggedOut: true } });
    const dead = await sso([
      ...sb(),
      '--json',
      'dia',
      'call',
      'sis',
      'sis_kontor_sorgula',
      '--session-id',
      sessionId,
    ]);
    // An explicit session is the caller's: an ended one is SESSION_EXPIRED (exit 1), and the CLI
    // does not log in on its own (that session would be left open and never shown).
    expect(dead.code).toBe(1);
    expect(dead.json.error).toMatchObject({ code: 'SESSION_EXPIRED', provider: 'dia' });
    expect(sandbox.simulators.dia.stats.logins).toBe(loginsBefore + 1);
    // Logging out an ended session does not report a logout that did not happen.
    const again = await sso([...sb(), '--json', 'dia', 'logout', '--session-id', sessionId]);
    expect(again.code).toBe(1);
    expect(again.json.error).toMatchObject({ code: 'SESSION_EXPIRED' });
    // A typo is refused before anything is sent.
    const typo = await sso([...sb(), '--json', 'dia', 'logout', '--session-id', 'typo']);
    expect(typo.code).toBe(2); // bad input, like a bad argument
    expect(typo.json.error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(typo.json.ok).toBe(false);
    for (const run of [call, fresh, logout, dead, again, typo]) checkSchema(run.json);
  });
});

describe('exit codes and errors', () => {
  it('1 with code, provider code and message when the provider says no', async () => {
    const run = await sso([...sb(), 'dia', 'login', '--password', 'yanlis-parola']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('AUTHENTICATION_FAILED');
    expect(run.stderr).toContain('provider code 401');
    expect(run.stderr).toContain('NOUSER');
    expect(run.stdout).toBe('');
    const json = await sso([...sb(), '--json', 'beyondvisit', 'login-token', '--user-token', 'f'.repeat(32)]);
    expect(json.code).toBe(1);
    checkSchema(json.json);
    expect(json.json).toMatchObject({
      ok: false,
      provider: 'beyondvisit',
      action: 'login-token',
      exitCode: 1,
    });
    expect(json.json.error).toMatchObject({ code: 'NOT_FOUND', providerCode: '1', provider: 'beyondvisit' });
  });

  it('2 for unknown provider, action and flag, missing credentials and bad arguments', async () => {
    const cases: Array<[string[], string]> = [
      [['nope', 'login'], 'unknown provider'],
      [['dia', 'lgin'], 'unknown action'],
      [[...sb(), 'dia', 'login', '--bogus'], "Unknown option '--bogus'"],
      [['dia', 'login'], 'missing --username (or SSO_DIA_USERNAME)'],
      [[...sb(), 'dia', 'call', 'sis'], 'expected <module> <service>'],
      [[...sb(), 'dia', 'call', 'sis', 'x', '--params', '{oops'], 'not valid JSON'],
      [[...sb(), 'beyondvisit', 'create-user', '--name', 'A'], 'missing --surname'],
    ];
    for (const [argv, message] of cases) {
      const run = await sso(argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
      const json = await sso([...argv, '--json']);
      expect(json.code).toBe(2);
      checkSchema(json.json);
    }
  });

  it('2 for INVALID_INPUT and INVALID_CONFIG from the clients', async () => {
    const input = await sso([
      ...sb(),
      '--json',
      'beyondvisit',
      'create-user',
      '--name',
      'A',
      '--surname',
      'B',
      '--email',
      'a@b.c',
      '--site',
      'ftp://nope',
    ]);
    expect(input.code).toBe(2);
    expect(input.json.error).toMatchObject({ code: 'INVALID_INPUT' });
    const config = await sso(['--json', 'dia', 'login', '--base-url', `${sandbox.url}/dia/`], {
      SSO_DIA_USERNAME: 'ws',
      SSO_DIA_PASSWORD: DIA_DEMO.password,
      SSO_DIA_API_KEY: DIA_DEMO.apiKey,
    });
    expect(config.code).toBe(2);
    expect(config.json.error).toMatchObject({ code: 'INVALID_CONFIG' });
    expectNoSecrets(config);
  });
});

describe('credentials', () => {
  it('reads SSO_<PROVIDER>_<FIELD> environment variables', async () => {
    const run = await sso(['--json', 'dia', 'login', '--allow-insecure-http'], {
      SSO_DIA_BASE_URL: `${sandbox.url}/dia/`,
      SSO_DIA_USERNAME: DIA_DEMO.username,
      SSO_DIA_PASSWORD: DIA_DEMO.password,
      SSO_DIA_API_KEY: DIA_DEMO.apiKey,
    });
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ ok: true, result: { sessionId: MASKED } });
    expectNoSecrets(run);
  });

  it('flags win over the environment', async () => {
    const run = await sso(['dia', 'login', '--allow-insecure-http', '--password', 'wrong-password-x'], {
      SSO_DIA_BASE_URL: `${sandbox.url}/dia/`,
      SSO_DIA_USERNAME: DIA_DEMO.username,
      SSO_DIA_PASSWORD: DIA_DEMO.password,
      SSO_DIA_API_KEY: DIA_DEMO.apiKey,
    });
    expect(run.code).toBe(1);
    expectNoSecrets(run, ['wrong-password-x']);
  });

  it('faxmax outside the sandbox needs a cipher choice, and the flags build a working candidate', async () => {
    const base = [
      'faxmax',
      'token-login',
      '--username',
      'demo',
      '--ip',
      '127.0.0.1',
      '--base-url',
      `${sandbox.url}/faxmax/`,
      '--allow-insecure-http',
      '--domain',
      FAXMAX_DEMO.domain,
      '--api-code',
      FAXMAX_DEMO.apiCode,
      '--api-password',
      FAXMAX_DEMO.apiPassword,
    ];
    const missing = await sso(base);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing --cipher-mode');
    const ok = await sso([
      ...base,
      '--json',
      '--cipher-mode',
      'gcm',
      '--cipher-key-derivation',
      'sha256',
      '--cipher-encoding',
      'base64url',
    ]);
    expect(ok.code).toBe(0);
    const wrong = await sso([...base, '--json', '--cipher-mode', 'cbc']);
    expect(wrong.code).toBe(1);
    expect(wrong.json.error).toMatchObject({ code: 'AUTHENTICATION_FAILED' });
    const badKdf = await sso([...base, '--cipher-mode', 'gcm', '--cipher-key-derivation', 'rot13']);
    expect(badKdf.code).toBe(2);
    for (const run of [missing, ok, wrong, badKdf]) expectNoSecrets(run);
  });
});

describe('secrets', () => {
  it('never prints a demo secret with an embedded sandbox, in human or JSON mode, on success or failure', async () => {
    const commands: string[][] = [
      ['beyondvisit', 'sign'],
      ['beyondvisit', 'login-token', '--user-token', BEYONDVISIT_DEMO.userToken],
      ['beyondvisit', 'login-url', '--user-token', BEYONDVISIT_DEMO.userToken],
      [
        'beyondvisit',
        'create-user',
        '--name',
        'A',
        '--surname',
        'B',
        '--email',
        'a@b.c',
        '--site',
        'https://a.b',
      ],
      ['faxmax', 'login', '--username', 'demo', '--password', FAXMAX_DEMO.password],
      ['faxmax', 'login', '--username', 'demo', '--password', 'wrong-pass-123'],
      ['euromsg', 'login'],
      ['euromsg', 'logout', '--ticket', 'some-unknown-ticket-123'],
      ['gittigidiyor', 'create-token'],
      ['gittigidiyor', 'login-url', '--redirect-url', 'https://portal.example.com/back'],
      ['gittigidiyor', 'sign'],
      ['dia', 'login'],
      ['dia', 'call', 'sis', 'sis_kontor_sorgula'],
      ['dia', 'login', '--api-key', 'unknown-api-key-1'],
    ];
    for (const command of commands) {
      for (const mode of [[], ['--json']]) {
        const run = await sso(['--sandbox', ...mode, ...command]);
        expect([0, 1]).toContain(run.code);
        expectNoSecrets(run, ['wrong-pass-123', 'some-unknown-ticket-123', 'unknown-api-key-1']);
      }
    }
  });
});

describe('CLI wording and conventions', () => {
  it('bare `sso` prints the usage and exits 0', async () => {
    const run = await sso([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: sso <provider> <action>/);
    expect(run.stderr).toBe('');
  });

  it('-V and --version print the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    for (const flag of ['-V', '--version']) {
      const run = await sso([flag]);
      expect(run.code, flag).toBe(0);
      expect(run.stdout).toBe(`${version}\n`);
    }
  });

  it('lists every missing flag in one message, not the first one only', async () => {
    const run = await sso(['dia', 'login']);
    expect(run.code).toBe(2);
    for (const name of ['--username', '--password', '--api-key'])
      expect(run.stderr).toContain(`missing ${name}`);
    const actionFlags = await sso([...sb(), 'beyondvisit', 'create-user']);
    for (const name of ['--name', '--surname', '--email', '--site'])
      expect(actionFlags.stderr).toContain(`missing ${name}`);
    expect(run.stderr + actionFlags.stderr).not.toMatch(/more problem/);
  });

  it('--timeout-ms -5 is refused with a message naming the flag and the rule', async () => {
    for (const value of ['-5', '0', 'soon']) {
      const run = await sso([...sb(), '--json', 'dia', 'login', '--timeout-ms', value]);
      expect(run.code, value).toBe(2);
      expect((run.json.error as { message: string }).message).toBe(
        `--timeout-ms must be a whole number of milliseconds greater than 0 (got "${value}")`,
      );
    }
  });

  it('client configuration errors name flags: --allow-insecure-http, --base-url, --sandbox-url', async () => {
    const http = await sso([
      'dia',
      'login',
      '--base-url',
      'http://127.0.0.1:9/',
      '--username',
      'u',
      '--password',
      'p',
      '--api-key',
      'k',
    ]);
    expect(http.code).toBe(2);
    expect(http.stderr).toContain('--base-url uses plain http; pass --allow-insecure-http to allow it');
    expect(http.stderr).not.toMatch(/allowInsecureHttp|baseUrl/);
    const badSandbox = await sso(['--sandbox-url', 'ftp://127.0.0.1/', 'dia', 'login']);
    expect(badSandbox.code).toBe(2);
    expect(badSandbox.stderr).toContain('--sandbox-url');
    expect(badSandbox.stderr).not.toContain('baseUrl');
  });

  it('`--sandbox beyondvisit login-url` uses the demo user (no --user-token needed)', async () => {
    const run = await sso(['--sandbox', '--json', 'beyondvisit', 'login-url']);
    expect(run.code).toBe(0);
    expect(run.json.result).toMatchObject({ userCode: BEYONDVISIT_DEMO.users[0]?.userCode });
    expect(String((run.json.result as { url: string }).url)).toContain(
      '/beyondvisit/external/Login/[masked]',
    );
  });

  it("--json's masked lists every result field a secret was masked in", async () => {
    const url = await sso([...sb(), '--json', 'beyondvisit', 'login-url']);
    expect(url.json.masked).toEqual(['url']);
    const login = await sso([...sb(), '--json', 'dia', 'login']);
    expect(login.json.masked).toEqual(['sessionId']);
    const shown = await sso([...sb(), '--json', '--show-secrets', 'dia', 'login']);
    expect(shown.json.masked).toEqual([]);
  });
});
