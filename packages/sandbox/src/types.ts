import type { ProviderId } from '@sso/core/provider';
import type { ProviderSimulator } from '@sso/core/simulator';

/** One account a provider simulator accepts, as shown on the index page and the start banner. */
export interface SandboxAccount {
  provider: ProviderId;
  /** `demo` for the built-in account, `seed` for accounts from a seed file. */
  source: 'demo' | 'seed';
  /** Field name → value (e.g. `apiKey`, `secretKey`). */
  fields: Record<string, string>;
  /** Names of the fields that are secrets (masked unless shown on purpose). */
  secretFields: ReadonlyArray<string>;
}

/** A link to a provider-side browser page, shown on the index page. */
export interface SandboxLink {
  label: string;
  /** Path relative to the sandbox root, e.g. `/gittigidiyor/login?...`. */
  href: string;
  /** What the page does; shown beside the link. */
  note?: string;
}

/** A mounted provider as the index page and `sandbox.providers` describe it. */
export interface ProviderInfo {
  id: string;
  title: string;
  /** Mount URL with a trailing slash. */
  url: string;
  accounts: SandboxAccount[];
  links: SandboxLink[];
}

export interface ProviderContext {
  /** The sandbox root URL, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** The provider's mount URL with a trailing slash, e.g. `http://127.0.0.1:4010/dia/`. */
  mountUrl: string;
}

/** How the sandbox builds, mounts and describes one provider. */
export interface SandboxProviderDefinition<Sim extends ProviderSimulator = ProviderSimulator> {
  id: ProviderId;
  title: string;
  /** Mount path, e.g. `/dia`. */
  prefix: string;
  /** Builds the simulator with the demo account and the seeded ones (already validated). */
  create(seed: ReadonlyArray<Record<string, unknown>>, now?: () => number): Sim;
  /** Checks one seed-file entry; returns the error text or undefined. */
  validateSeed(entry: unknown): string | undefined;
  /** Every account the simulator accepts, demo first. */
  accounts(seed: ReadonlyArray<Record<string, unknown>>): SandboxAccount[];
  /** Complete options for the provider's `create…Client`, pointing at the sandbox. */
  clientOptions(context: ProviderContext): object;
  /** Browser pages of the sign-in worth linking from the index page. */
  links(context: ProviderContext): SandboxLink[];
  /** WSDLs served at `{mount}{path}?wsdl`, keyed by service path (`/auth.asmx`). */
  wsdl?: Readonly<Record<string, string>>;
}
