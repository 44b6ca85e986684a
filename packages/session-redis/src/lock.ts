import {
  isSsoError,
  randomToken,
  type SessionEntry,
  SSO_ERROR_CODES,
  SsoError,
  type SsoErrorCode,
} from '@sso/core/provider';
import type { Connection } from './connection.js';
import { isUnavailable } from './errors.js';
import type { Emit } from './events.js';
import type { Fallback } from './fallback.js';
import { sessionSuffix } from './keys.js';
import { EXTEND_LOCK, RELEASE_LOCK } from './scripts.js';
import type { Signals } from './signals.js';

export interface LoginLockOptions<S> {
  connection: Connection;
  signals: Signals;
  fallback: Fallback<S>;
  emit: Emit;
  keyFor(key: string): string;
  /** Reads the session (through the fallback), as the store's `get`. */
  get(key: string): Promise<SessionEntry<S> | undefined>;
  isLive(entry: SessionEntry<S> | undefined): entry is SessionEntry<S>;
  lockTtlMs: number;
  waitTimeoutMs: number;
  pollIntervalMs: number;
}

/**
 * The fleet-wide single flight: one instance takes the Redis lock and logs in, the others wait
 * for its signal (or poll) and share the session it stored, or fail with its error code.
 */
export function loginLock<S>(
  options: LoginLockOptions<S>,
): (key: string, login: () => Promise<SessionEntry<S>>) => Promise<SessionEntry<S>> {
  const { connection, signals, fallback, emit, keyFor, get, isLive } = options;
  const { lockTtlMs, waitTimeoutMs, pollIntervalMs } = options;
  const command = connection.command.bind(connection);
  // How long a holder's failure stays readable for the instances that waited on it.
  const failureTtlMs = Math.max(10_000, 20 * pollIntervalMs);

  async function holdLockAndLogin(
    key: string,
    lockKey: string,
    token: string,
    login: () => Promise<SessionEntry<S>>,
  ): Promise<SessionEntry<S>> {
    const rkey = keyFor(key);
    const suffix = sessionSuffix(key);
    emit('lock-acquired', rkey);
    // Keep the lock while this instance is alive and logging in; a crashed holder stops
    // extending it and the lock expires after lockTtlMs.
    const keepAlive = setInterval(
      () => {
        command('redis.lock', (r) => r.eval(EXTEND_LOCK, 1, lockKey, token, String(lockTtlMs))).then(
          (extended) => {
            if (extended !== 1) emit('lock-lost', rkey);
          },
          () => {},
        );
      },
      Math.max(10, Math.floor(lockTtlMs / 3)),
    );
    keepAlive.unref?.();
    try {
      // Another instance may have finished a login between our last look and the lock.
      const existing = await get(key);
      if (isLive(existing)) {
        emit('login-reused', rkey);
        await signals.publish(suffix, { r: 'ready' });
        return existing;
      }
      let entry: SessionEntry<S>;
      try {
        entry = await login();
      } catch (error) {
        const code = isSsoError(error) ? error.code : 'PROVIDER_ERROR';
        // Written before the lock is released, so every instance that waited on this holder
        // finds it, whether or not it received the signal.
        await command('redis.lock', (r) =>
          r.set(`${rkey}:failed`, `${token} ${code}`, 'PX', failureTtlMs),
        ).catch(() => {});
        await signals.publish(suffix, { r: 'failed', c: code });
        throw error;
      }
      await signals.publish(suffix, { r: 'ready' });
      return entry;
    } finally {
      clearInterval(keepAlive);
      await command('redis.unlock', (r) => r.eval(RELEASE_LOCK, 1, lockKey, token)).then(
        () => emit('lock-released', rkey),
        () => {},
      );
    }
  }

  /** The error code of the login made by the holder with `holder` token, if that login failed. */
  async function failureOf(rkey: string, holder: string): Promise<SsoErrorCode | undefined> {
    const marker = await command('redis.lock', (r) => r.get(`${rkey}:failed`));
    if (!marker) return undefined;
    const [token, code] = marker.split(' ');
    if (token !== holder) return undefined;
    return code && isKnownCode(code) ? code : 'PROVIDER_ERROR';
  }

  return async function singleFlight(key, login) {
    connection.assertOpen();
    const rkey = keyFor(key);
    const suffix = sessionSuffix(key);
    const lockKey = `${rkey}:lock`;
    const token = randomToken(16);
    const deadline = Date.now() + waitTimeoutMs;
    let signalsOn = false;
    let delay = Math.min(10, pollIntervalMs);
    // Token of the holder whose login this instance is waiting for.
    let awaited: string | undefined;

    const failIfAwaitedFailed = async () => {
      if (!awaited) return;
      const code = await failureOf(rkey, awaited);
      if (code) {
        throw new SsoError(code, `The login made by another instance failed (${code})`, {
          operation: 'redis.singleFlight',
          retryable: code === 'NETWORK' || code === 'TIMEOUT',
        });
      }
    };

    for (;;) {
      connection.assertOpen();
      let holder: string | null;
      try {
        holder = await command('redis.lock', async (r) => {
          const acquired = await r.set(lockKey, token, 'PX', lockTtlMs, 'NX');
          return acquired === 'OK' ? token : r.get(lockKey);
        });
      } catch (error) {
        if (fallback.enabled && isUnavailable(error)) {
          fallback.degrade(rkey);
          // No fleet to coordinate with: the session manager's in-process single flight serves.
          return login();
        }
        throw error;
      }
      if (holder === token) return holdLockAndLogin(key, lockKey, token, login);

      // Another instance is logging in (or just finished). Listen for its signal (subscribed
      // before looking, so a signal sent after the look is not missed) and look again at least
      // every pollIntervalMs. The session shows success; the failure marker shows failure.
      if (!signalsOn) signalsOn = await signals.subscribe();
      if (holder !== awaited) {
        await failIfAwaitedFailed();
        if (holder) {
          awaited = holder;
          emit('login-waiting', rkey);
        }
      }
      const existing = await get(key);
      if (isLive(existing)) {
        emit('login-joined', rkey);
        return existing;
      }
      if (Date.now() >= deadline) {
        throw new SsoError(
          'TIMEOUT',
          `Waited ${waitTimeoutMs} ms for another instance to log in; its lock did not clear`,
          { retryable: true, operation: 'redis.singleFlight' },
        );
      }
      if (holder === null) continue; // the lock was released between the two commands: try again
      const signal = await signals.next(suffix, signalsOn ? pollIntervalMs : delay);
      delay = Math.min(delay * 2, pollIntervalMs);
      if (signal) {
        const shared = await get(key);
        if (isLive(shared)) {
          emit('login-joined', rkey);
          return shared;
        }
      }
      await failIfAwaitedFailed();
    }
  };
}

function isKnownCode(code: string): code is SsoErrorCode {
  return (SSO_ERROR_CODES as readonly string[]).includes(code);
}
