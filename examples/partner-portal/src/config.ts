import { BEYONDVISIT_MANIFEST } from '@sso/beyondvisit/simulator';
import { envVariable, type ProviderManifest } from '@sso/core/simulator';
import { DIA_MANIFEST } from '@sso/dia/simulator';
import { EUROMSG_MANIFEST } from '@sso/euromsg-soap/simulator';
import { createAesTokenCipher } from '@sso/faxmax-rpc';
import { FAXMAX_MANIFEST } from '@sso/faxmax-rpc/simulator';
import { GITTIGIDIYOR_MANIFEST } from '@sso/gittigidiyor/simulator';
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

/** The manifest of each provider: its option fields say which variables configure it. */
const MANIFESTS: Record<ProviderKey, ProviderManifest> = {
  beyondvisit: BEYONDVISIT_MANIFEST,
  faxmax: FAXMAX_MANIFEST,
  euromsg: EUROMSG_MANIFEST,
  gittigidiyor: GITTIGIDIYOR_MANIFEST,
  dia: DIA_MANIFEST,
};

/** Variables of the portal itself, and what a provider needs beyond its client options. */
const PORTAL_VARIABLES: ReadonlyArray<readonly [name: string, meaning: string]> = [
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
];

/** Per provider: variables the portal reads on top of the manifest's options. */
const PORTAL_EXTRAS: Partial<Record<ProviderKey, ReadonlyArray<readonly [name: string, meaning: string]>>> = {
  beyondvisit: [['SSO_BEYONDVISIT_USER_TOKEN', "the demo user's BeyondVisit userToken"]],
  faxmax: [
    ['SSO_FAXMAX_CIPHER', 'token cipher as mode/key-derivation/encoding, default gcm/sha256/base64url'],
    ['SSO_FAXMAX_USERNAME', "the demo user's FaxMAX user name"],
  ],
};

/** Options the portal cannot run without although the client can (users are sent to the login page). */
const PORTAL_REQUIRED: Partial<Record<ProviderKey, ReadonlyArray<string>>> = {
  gittigidiyor: ['loginPageUrl'],
};

const envOptions = (key: ProviderKey) =>
  MANIFESTS[key].options.filter((o) => o.env && (o.type ?? 'string') === 'string');

/** Every variable the portal reads, with what it means (printed by `demo.mjs --help`, listed in the README). */
export const ENV_VARIABLES: ReadonlyArray<readonly [name: string, meaning: string]> = [
  ...PORTAL_VARIABLES,
  ...(Object.keys(MANIFESTS) as ProviderKey[]).flatMap((key) => [
    ...envOptions(key).map(
      (o) =>
        [
          envVariable(key, o.key),
          `${MANIFESTS[key].title}: ${o.description}${o.required ? '' : ' (optional)'}`,
        ] as const,
    ),
    ...(PORTAL_EXTRAS[key] ?? []),
  ]),
];

const PREFIX = (key: ProviderKey) => `SSO_${key.toUpperCase()}_`;

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
    Object.keys(env).some((name) => name.startsWith(PREFIX(key)) && env[name]);
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

  /** The client options of a provider from its manifest's variables (required ones must be set). */
  const fromManifest = (key: ProviderKey): Record<string, unknown> => {
    const options: Record<string, unknown> = {};
    for (const o of envOptions(key)) {
      const name = envVariable(key, o.key);
      const value = o.required || PORTAL_REQUIRED[key]?.includes(o.key) ? need(name) : optional(name);
      if (value !== undefined) options[o.key] = value;
    }
    return { ...options, ...insecure };
  };

  if (has('beyondvisit')) {
    providers.beyondvisit = fromManifest('beyondvisit');
    config.beyondvisitUserToken = need('SSO_BEYONDVISIT_USER_TOKEN');
  }
  if (has('faxmax')) {
    providers.faxmax = {
      ...fromManifest('faxmax'),
      cipher: faxmaxCipherFromSpec(optional('SSO_FAXMAX_CIPHER') ?? 'gcm/sha256/base64url'),
    };
    config.faxmaxUsername = need('SSO_FAXMAX_USERNAME');
  }
  if (has('euromsg')) providers.euromsg = fromManifest('euromsg');
  if (has('gittigidiyor')) providers.gittigidiyor = fromManifest('gittigidiyor');
  if (has('dia')) {
    if (!optional('SSO_DIA_SERVER') && !optional('SSO_DIA_BASE_URL'))
      throw new ConfigError('SSO_DIA_SERVER or SSO_DIA_BASE_URL is required.');
    providers.dia = fromManifest('dia');
  }
  return config;
}
