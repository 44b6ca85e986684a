import { type ProviderId, SsoError, type SsoErrorCode } from './errors.js';

/** One row of a provider's error table: what the SDK throws for one of the provider's codes. */
export interface ErrorRow {
  /** The SsoErrorCode thrown (see the table of kinds of failure in the README). */
  readonly code: SsoErrorCode;
  /** The provider's own name or message for the code, as documented (or as observed). */
  readonly documented?: string;
  /** What it means for the caller; the error message says this. */
  readonly meaning: string;
  /** Worth another attempt of an idempotent request (e.g. an unexpected server error). */
  readonly retryable?: boolean;
}

/** A provider's error table: rows keyed by the provider's code (as a string). */
export type ErrorTable<Row extends ErrorRow = ErrorRow> = Readonly<Record<string, Row>>;

/** The row of `key`; own keys only, so a provider code such as "constructor" finds nothing. */
export function rowOf<Row extends ErrorRow>(
  table: ErrorTable<Row>,
  key: string | undefined,
): Row | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** A provider failure: its code and (already redacted) message, and where it happened. */
export interface ProviderFailure {
  provider: ProviderId;
  /** The provider's name in messages, e.g. `DIA`. */
  providerName: string;
  operation: string;
  providerCode: string;
  providerMessage?: string;
  status?: number;
}

/** The SsoError a table row makes of a provider failure; `providerCode` keeps the raw code. */
export function tableError(row: ErrorRow, failure: ProviderFailure): SsoError {
  const { providerMessage } = failure;
  const name =
    row.documented && !providerMessage?.includes(row.documented) && row.documented !== failure.providerCode
      ? ` ${row.documented}`
      : '';
  const detail = providerMessage ? `: ${providerMessage}` : '';
  return new SsoError(
    row.code,
    `${failure.operation}: ${row.meaning} (${failure.providerName} code ${failure.providerCode}${name}${detail})`,
    {
      provider: failure.provider,
      operation: failure.operation,
      providerCode: failure.providerCode,
      ...(providerMessage === undefined || providerMessage === '' ? {} : { providerMessage }),
      ...(failure.status === undefined ? {} : { status: failure.status }),
      retryable: row.retryable === true,
    },
  );
}
