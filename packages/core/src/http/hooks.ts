import type { SsoError } from '../errors.js';

/** What a hook sees of a request: credentials, signs, tokens and session ids are replaced by `[redacted]`. */
export interface RedactedRequest {
  provider: string;
  operation: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  attempt: number;
}

export interface RedactedResponse {
  request: RedactedRequest;
  status: number;
  headers: Record<string, string>;
  body: string;
  durationMs: number;
}

export interface RedactedError {
  request: RedactedRequest;
  error: SsoError;
  durationMs: number;
}

export interface Hooks {
  onRequest?: (request: RedactedRequest) => void;
  onResponse?: (response: RedactedResponse) => void;
  onError?: (error: RedactedError) => void;
}
