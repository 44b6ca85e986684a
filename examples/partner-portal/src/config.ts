import { createAesTokenCipher } from '@sso/faxmax-rpc';
import type { ProviderKey } from './flows.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** Client options per provider, as read from the environment (plain objects for the client factories). */
export type ProviderSettings = Partial<Record<ProviderKey, Record<string, unknown>>>;

export interface EnvConfig {
  host: string;
  port: number;
  publicUrl?: string;
  trustProxy: boolean;
  password: string;
  /** Providers configured by `SSO_<PROVIDER>_*` variables; the others come from the sandbox. */
  providers: ProviderSettings;
  /** The demo user's accounts at env-configured providers. */
  beyondvisitUserToken?: string;
  faxmaxUsername?: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Every variable the portal reads, with what it means (printed by `demo.mjs --help`, listed in the README). */
export const ENV_VARIABLES: ReadonlyArray<readonly [name: string, meaning: string]> = [
  ['SSO_PORTAL_HOST', 'interface the portal binds (default 127.0.0.1)'],
  ['SSO_PORTAL_PORT', 'portal port (default 3000 for `pnpm demo`, a free port for `--check`)'],
  [
    'SSO_PORTAL_PUBLIC_URL',
    "URL browsers reach the portal at (GittiGidiyor's redirectUrl); default the listen URL",
  ],
  ['SSO_PORTAL_PASSWORD', 'password of the demo users ayse and can (default "demo")'],
  ['SSO_PORTAL_TRUST_PROXY', "1: take the browser's IP from X-Forwarded-For (for FaxMAX's remote_ip)"],
  ['SSO_SANDBOX_PORT', 'port of the sandbox `pnpm demo` starts (default 4010)'],
  ['SSO_ALLOW_INSECURE_HTTP', '1: allow http:// base URLs for env-configured providers'],
  [
    'SSO_BEYONDVISIT_API_KEY',
    'BeyondVisit partner API key (setting any SSO_BEYONDVISIT_* leaves the sandbox)',
  ],
  ['SSO_BEYONDVISIT_SECRET_KEY', 'BeyondVisit partner secret key'],
  ['SSO_BEYONDVISIT_USER_TOKEN', "the demo user's BeyondVisit userToken"],
  ['SSO_BEYONDVISIT_BASE_URL', 'optional; default https://panel.beyondvisit.com'],
  ['SSO_FAXMAX_DOMAIN', 'FaxMAX domain, e.g. firma.faxmax.net'],
  ['SSO_FAXMAX_BASE_URL', 'optional; overrides https://{domain}/'],
  ['SSO_FAXMAX_API_CODE', 'API code of the domain'],
  ['SSO_FAXMAX_API_PASSWORD', 'API password of the domain (the token key)'],
  ['SSO_FAXMAX_CIPHER', 'token cipher as mode/key-derivation/encoding, default gcm/sha256/base64url'],
  ['SSO_FAXMAX_USERNAME', "the demo user's FaxMAX user name"],
  ['SSO_EUROMSG_BASE_URL', 'platform URL, e.g. https://ws.euromsg.com/live/'],
  ['SSO_EUROMSG_USERNAME', 'Euromsg web-service user'],
  ['SSO_EUROMSG_PASSWORD', 'Euromsg web-service password'],
  ['SSO_GITTIGIDIYOR_API_KEY', 'GittiGidiyor API key'],
  ['SSO_GITTIGIDIYOR_SECRET_KEY', 'GittiGidiyor secret key'],
  ['SSO_GITTIGIDIYOR_ROLE_NAME', 'role name (HTTP Basic user)'],
  ['SSO_GITTIGIDIYOR_ROLE_PASSWORD', 'role password (HTTP Basic password)'],
  ['SSO_GITTIGIDIYOR_LOGIN_PAGE_URL', 'URL of the GittiGidiyor API login page'],
  ['SSO_GITTIGIDIYOR_BASE_URL', 'optional; default https://dev.gittigidiyor.com:8443/listingapi/ws/'],
  ['SSO_DIA_SERVER', 'DIA server code ({server}.ws.dia.com.tr), or SSO_DIA_BASE_URL'],
  ['SSO_DIA_BASE_URL', 'optional; overrides https://{server}.ws.dia.com.tr/api/v3/'],
  ['SSO_DIA_USERNAME', 'DIA web-service user'],
  ['SSO_DIA_PASSWORD', 'DIA web-service password'],
  ['SSO_DIA_API_KEY', 'DIA API key'],
];

const PREFIX: Record<ProviderKey, string> = {
  beyondvisit: 'SSO_BEYONDVISIT_',
  faxmax: 'SSO_FAXMAX_',
  euromsg: 'SSO_EUROMSG_',
  gittigidiyor: 'SSO_GITTIGIDIYOR_',
  dia: 'SSO_DIA_',
};

function flag(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

function portNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`${name} must be a port number (0-65535).`);
  return port;
}

/** Parses `SSO_FAXMAX_CIPHER` (`gcm/sha256/base64url`, `cbc/raw-hex/base64`, …) into an AES candidate. */
export function faxmaxCipherFromSpec(spec: string) {
  const [mode, derivation = 'sha256', encoding = 'base64url', ...rest] = spec
    .trim()
    .replace(/^aes-256-/, '')
    .split('/');
  if (rest.length > 0 || (mode !== 'gcm' && mode !== 'cbc')) {
    throw new ConfigError('SSO_FAXMAX_CIPHER must look like gcm/sha256/base64url (mode gcm or cbc).');
  }
  if (encoding !== 'base64' && encoding !== 'base64url' && encoding !== 'hex') {
    throw new ConfigError('SSO_FAXMAX_CIPHER encoding must be base64, base64url or hex.');
  }
  let keyDerivation: { kind: 'sha256' } | { kind: 'raw'; encoding: 'base64' | 'base64url' | 'hex' | 'utf8' };
  if (derivation === 'sha256') keyDerivation = { kind: 'sha256' };
  else {
    const raw = /^raw-(base64|base64url|hex|utf8)$/.exec(derivation);
    if (!raw) throw new ConfigError('SSO_FAXMAX_CIPHER key derivation must be sha256 or raw-<encoding>.');
    keyDerivation = { kind: 'raw', encoding: raw[1] as 'base64' | 'base64url' | 'hex' | 'utf8' };
  }
  return createAesTokenCipher({ mode, keyDerivation, encoding });
}

/** Reads the portal's settings; a provider with any `SSO_<PROVIDER>_*` variable must be complete. */
export function readEnvConfig(env: Env, defaults: { port: number }): EnvConfig {
  const has = (key: ProviderKey) =>
    Object.keys(env).some((name) => name.startsWith(PREFIX[key]) && env[name]);
  const need = (name: string): string => {
    const value = env[name]?.trim();
    if (!value)
      throw new ConfigError(
        `${name} is required when other ${name.split('_').slice(0, 2).join('_')}_* variables are set.`,
      );
    return value;
  };
  const optional = (name: string): string | undefined => env[name]?.trim() || undefined;
  const insecure = flag(env.SSO_ALLOW_INSECURE_HTTP) ? { allowInsecureHttp: true } : {};
  const base = (name: string) => {
    const value = optional(name);
    return value ? { baseUrl: value } : {};
  };

  const providers: ProviderSettings = {};
  const config: EnvConfig = {
    host: optional('SSO_PORTAL_HOST') ?? '127.0.0.1',
    port: portNumber('SSO_PORTAL_PORT', env.SSO_PORTAL_PORT, defaults.port),
    trustProxy: flag(env.SSO_PORTAL_TRUST_PROXY),
    password: optional('SSO_PORTAL_PASSWORD') ?? 'demo',
    providers,
  };
  const publicUrl = optional('SSO_PORTAL_PUBLIC_URL');
  if (publicUrl) config.publicUrl = publicUrl;

  if (has('beyondvisit')) {
    providers.beyondvisit = {
      apiKey: need('SSO_BEYONDVISIT_API_KEY'),
      secretKey: need('SSO_BEYONDVISIT_SECRET_KEY'),
      ...base('SSO_BEYONDVISIT_BASE_URL'),
      ...insecure,
    };
    config.beyondvisitUserToken = need('SSO_BEYONDVISIT_USER_TOKEN');
  }
  if (has('faxmax')) {
    providers.faxmax = {
      domain: need('SSO_FAXMAX_DOMAIN'),
      apiCode: need('SSO_FAXMAX_API_CODE'),
      apiPassword: need('SSO_FAXMAX_API_PASSWORD'),
      cipher: faxmaxCipherFromSpec(optional('SSO_FAXMAX_CIPHER') ?? 'gcm/sha256/base64url'),
      ...base('SSO_FAXMAX_BASE_URL'),
      ...insecure,
    };
    config.faxmaxUsername = need('SSO_FAXMAX_USERNAME');
  }
  if (has('euromsg')) {
    providers.euromsg = {
      baseUrl: need('SSO_EUROMSG_BASE_URL'),
      username: need('SSO_EUROMSG_USERNAME'),
      password: need('SSO_EUROMSG_PASSWORD'),
      ...insecure,
    };
  }
  if (has('gittigidiyor')) {
    providers.gittigidiyor = {
      apiKey: need('SSO_GITTIGIDIYOR_API_KEY'),
      secretKey: need('SSO_GITTIGIDIYOR_SECRET_KEY'),
      roleName: need('SSO_GITTIGIDIYOR_ROLE_NAME'),
      rolePassword: need('SSO_GITTIGIDIYOR_ROLE_PASSWORD'),
      loginPageUrl: need('SSO_GITTIGIDIYOR_LOGIN_PAGE_URL'),
      ...base('SSO_GITTIGIDIYOR_BASE_URL'),
      ...insecure,
    };
  }
  if (has('dia')) {
    const server = optional('SSO_DIA_SERVER');
    const baseUrl = optional('SSO_DIA_BASE_URL');
    if (!server && !baseUrl) throw new ConfigError('SSO_DIA_SERVER or SSO_DIA_BASE_URL is required.');
    providers.dia = {
      ...(server ? { server } : {}),
      ...(baseUrl ? { baseUrl } : {}),
      username: need('SSO_DIA_USERNAME'),
      password: need('SSO_DIA_PASSWORD'),
      apiKey: need('SSO_DIA_API_KEY'),
      ...insecure,
    };
  }
  return config;
}
