/**
 * How the portal shows a secret (login token, ticket, session id): the first four characters and an
 * ellipsis, and nothing at all of a value too short for four characters to be a small part of it.
 */
export function mask(secret: string | undefined | null): string {
  if (!secret) return '—';
  return secret.length >= 12 ? `${secret.slice(0, 4)}…` : '…';
}

/** Replaces every occurrence of each secret in `text` by its masked form. */
export function maskAll(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(mask(secret));
  }
  return out;
}
