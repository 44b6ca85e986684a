import type { RedisStoreEvent } from './types.js';

export type Emit = (type: RedisStoreEvent['type'], key: string) => void;

/** Reports store events to the app's observer, which must not break a call by throwing. */
export function emitter(onEvent: ((event: RedisStoreEvent) => void) | undefined): Emit {
  return (type, key) => {
    if (!onEvent) return;
    try {
      onEvent({ type, key });
    } catch {
      // An observer must not break a call.
    }
  };
}
