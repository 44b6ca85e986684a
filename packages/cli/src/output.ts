// What the CLI prints: a result (human or --json, secrets masked) and an error (its fields, the
// exit code, a usage hint), with client configuration errors worded in flags.
import { isSsoError, SsoError } from '@sso/core/provider';
import { exitCodeFor, inCliVocabulary, type ProviderSpec, type Redactor, UsageError } from './framework.js';

export interface Printer {
  json: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Prints a successful result: a JSON object, or \`key: value\` lines and a note when secrets were masked. */
export function printResult(
  printer: Printer,
  redactor: Redactor,
  provider: string,
  action: string,
  result: Record<string, unknown>,
): void {
  const { json, out, err } = printer;
  const masked = maskedFields(result, redactor);
  if (json) {
    out(`${JSON.stringify({ ok: true, provider, action, result, masked })}\n`);
  } else {
    out(renderHuman(result));
    if (masked.length > 0 || (!redactor.show && redactor.size > 0 && containsSecrets(result, redactor))) {
      err('(secrets masked; add --show-secrets to print them)\n');
    }
  }
}

/** Prints a failure and returns its exit code. */
export function printFailure(
  printer: Printer,
  error: unknown,
  prov: string | undefined,
  act: string | undefined,
): number {
  const { json, out, err } = printer;
  const exitCode = exitCodeFor(error);
  const info = describeError(error);
  if (json) {
    out(
      `${JSON.stringify({ ok: false, provider: prov ?? null, action: act ?? null, exitCode, error: info })}\n`,
    );
  } else {
    const codes = [info.provider && info.provider !== 'core' ? `provider ${info.provider}` : undefined]
      .concat(info.providerCode ? [`provider code ${info.providerCode}`] : [])
      .concat(info.status !== undefined ? [`HTTP ${info.status}`] : [])
      .filter(Boolean);
    err(`sso: ${info.code}${codes.length ? ` (${codes.join(', ')})` : ''}: ${info.message}\n`);
    if (info.providerMessage) err(`provider message: ${info.providerMessage}\n`);
    if (error instanceof UsageError) {
      const hint = error.helpFor ? `sso ${error.helpFor}${act ? ` ${act}` : ''} --help` : 'sso --help';
      err(`Run \`${hint}\` for usage.\n`);
    }
  }
  return exitCode;
}

/** The result fields whose printed value had a secret masked in it. */
function maskedFields(result: Record<string, unknown>, redactor: Redactor): string[] {
  if (redactor.show) return [];
  return Object.keys(result).filter((key) => {
    const text = JSON.stringify(result[key]) ?? '';
    return redactor.apply(text) !== text;
  });
}

/** Configuration errors of a client name the flags that set the options, not the option keys. */
export function cliWorded(error: unknown, provider: ProviderSpec, viaSandboxUrl: boolean): unknown {
  if (!isSsoError(error) || (error.code !== 'INVALID_CONFIG' && error.code !== 'INVALID_INPUT')) return error;
  const message = inCliVocabulary(
    error.message,
    provider.connection,
    viaSandboxUrl ? 'sandbox-url' : 'base-url',
  );
  if (message === error.message) return error;
  return new SsoError(error.code, message, {
    provider: error.provider,
    ...(error.operation !== undefined ? { operation: error.operation } : {}),
  });
}

function containsSecrets(result: Record<string, unknown>, redactor: Redactor): boolean {
  const text = JSON.stringify(result);
  return redactor.apply(text) !== text;
}

/** The error fields the CLI prints (and puts under `error` in --json output). */
export interface CliErrorInfo {
  code: string;
  message: string;
  provider?: string;
  providerCode?: string;
  providerMessage?: string;
  status?: number;
}

function describeError(error: unknown): CliErrorInfo {
  if (error instanceof UsageError) return { code: 'USAGE', message: error.message };
  if (isSsoError(error)) {
    return {
      code: error.code,
      message: error.message,
      provider: error.provider,
      ...(error.providerCode !== undefined ? { providerCode: error.providerCode } : {}),
      ...(error.providerMessage !== undefined ? { providerMessage: error.providerMessage } : {}),
      ...(error.status !== undefined ? { status: error.status } : {}),
    };
  }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

function renderHuman(result: Record<string, unknown>): string {
  const entries = Object.entries(result);
  const width = Math.max(0, ...entries.map(([k]) => k.length));
  return entries
    .map(([k, v]) => {
      const text = typeof v === 'string' ? v : JSON.stringify(v, null, 2);
      return `${`${k}:`.padEnd(width + 2)}${text}`;
    })
    .concat('')
    .join('\n');
}
