/** One client option as the tools around a provider (CLI, sandbox, gates, portal) describe it. */
export interface ManifestOption {
  /**
   * Key in the client options, e.g. `secretKey`. The CLI flag is its kebab-case form
   * (`--secret-key`), the environment variable `SSO_<PROVIDER>_<SNAKE_CASE>` (`SSO_BEYONDVISIT_SECRET_KEY`).
   */
  key: string;
  description: string;
  /** Never printed or logged: masked everywhere unless shown on purpose. */
  secret?: boolean;
  /** Needed to build a client for a real account. */
  required?: boolean;
  /** Read from the environment by the CLI and the portal. */
  env?: boolean;
  /** Value kind; default `string`. An `object` option (a cipher, say) has no flag or variable. */
  type?: 'string' | 'boolean' | 'object';
}

/** A browser page of the provider's sign-in, relative to where the provider is mounted. */
export interface ManifestPage {
  label: string;
  /** Path below the provider's root, without a leading slash, e.g. `login`. */
  path: string;
  note?: string;
}

/**
 * What every tool around a provider needs to know of it, in one place: its option fields, the demo
 * account of its simulator, its main call and its browser pages.
 */
export interface ProviderManifest<
  Demo extends object = object,
  DemoOptions extends object = Record<string, unknown>,
> {
  id: string;
  title: string;
  /** npm package name. */
  package: string;
  /** The provider's own client options, in the order tools list them (shared transport options excluded). */
  options: ReadonlyArray<ManifestOption>;
  /** The account every simulator of the provider is seeded with. */
  demo: Demo;
  /** Client options that sign in as the demo account (no base URL: the caller knows where the simulator runs). */
  demoOptions: Readonly<DemoOptions>;
  /** The call a first-time user (and every gate) makes: client method name and what it does. */
  mainCall: { operation: string; description: string };
  pages: ReadonlyArray<ManifestPage>;
}

/** `secretKey` → `secret-key`. */
export function optionFlag(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The environment variable of an option: `envVariable('dia', 'apiKey')` → `SSO_DIA_API_KEY`. */
export function envVariable(providerId: string, key: string): string {
  return `SSO_${providerId.toUpperCase()}_${optionFlag(key).toUpperCase().replace(/-/g, '_')}`;
}

/** The option keys whose values are secrets. */
export function secretOptionKeys(manifest: { options: ReadonlyArray<ManifestOption> }): string[] {
  return manifest.options.filter((o) => o.secret).map((o) => o.key);
}
