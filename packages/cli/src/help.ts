// The usage texts: \`sso --help\`, \`sso <provider> --help\`, \`sso <provider> <action> --help\`.
import { type ActionSpec, envName, type FlagSpec, type ProviderSpec } from './framework.js';
import { PROVIDERS } from './providers/index.js';

/** Flags accepted on every command. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { flag: 'json', type: 'boolean', description: 'print one JSON object (see README for the schema)' },
  { flag: 'sandbox', type: 'boolean', description: 'start an embedded sandbox and use its demo accounts' },
  { flag: 'sandbox-url', description: 'use a running sandbox (sso sandbox) and its demo accounts' },
  { flag: 'show-secrets', type: 'boolean', description: 'print tokens, tickets, signs and session ids' },
  { flag: 'help', type: 'boolean', description: 'show help' },
];
/** The switches of GLOBAL_FLAGS as typed, with -h and the version switches. */
export const GLOBAL_BOOLEANS: ReadonlySet<string> = new Set([
  ...GLOBAL_FLAGS.filter((f) => f.type === 'boolean').map((f) => `--${f.flag}`),
  '-h',
  '--version',
  '-V',
]);

function providerList(): string {
  return PROVIDERS.map(
    (p) => `  ${p.id.padEnd(14)}${p.title}: ${p.actions.map((a) => a.name).join(', ')}`,
  ).join('\n');
}

function flagLines(flags: ReadonlyArray<FlagSpec>, provider?: string): string {
  return flags
    .map((f) => {
      const name = `--${f.flag}${f.type === 'boolean' ? '' : ' VALUE'}`;
      const env = provider && f.env ? ` [env ${envName(provider, f.flag)}]` : '';
      const req = f.required ? ' (required)' : '';
      return `  ${name.padEnd(30)}${f.description}${req}${env}`;
    })
    .join('\n');
}

export const ROOT_HELP = `Usage: sso <provider> <action> [flags]
       sso sandbox [--port N] [--seed FILE] [--faults SPEC] [--fault-seed N] [--show-secrets]

Calls the sign-in / session APIs of five Turkish services.

Providers and actions:
${providerList()}
  sandbox       run the local sandbox of all five providers in the foreground

Global flags:
${flagLines(GLOBAL_FLAGS)}
  -V, --version                 print the version

Credentials come from flags or SSO_<PROVIDER>_<FLAG> environment variables
(e.g. SSO_DIA_PASSWORD, SSO_BEYONDVISIT_SECRET_KEY). With --sandbox / --sandbox-url the demo
account is used, environment variables are ignored, and flags still override it.

Exit codes: 0 success, 1 the provider refused (or network failure), 2 bad usage or configuration.
Run \`sso <provider> --help\` or \`sso <provider> <action> --help\` for more.
`;

export function providerHelp(p: ProviderSpec): string {
  const actions = p.actions
    .map((a) => `  ${[a.name, ...(a.args ?? []).map((x) => `<${x}>`)].join(' ').padEnd(28)}${a.summary}`)
    .join('\n');
  return `Usage: sso ${p.id} <action> [flags]

${p.title} actions:
${actions}

Connection flags:
${flagLines(p.connection, p.id)}
${p.notes ? `\n${p.notes}\n` : ''}
Global flags: --json, --sandbox, --sandbox-url URL, --show-secrets, --help
`;
}

export function actionHelp(p: ProviderSpec, a: ActionSpec): string {
  const args = (a.args ?? []).map((x) => ` <${x}>`).join('');
  const own = a.flags?.length ? `\nFlags:\n${flagLines(a.flags, p.id)}\n` : '';
  return `Usage: sso ${p.id} ${a.name}${args} [flags]

${a.summary}
${own}
Connection flags (sso ${p.id} --help for details):
${flagLines(p.connection, p.id)}

Global flags: --json, --sandbox, --sandbox-url URL, --show-secrets, --help
`;
}
