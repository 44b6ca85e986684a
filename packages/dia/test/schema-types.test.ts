import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import type { components } from '../src/generated/openapi.js';
import type * as schemas from '../src/schemas.js';

type S = components['schemas'];

// Flattens intersections (`{a} & {[k]: unknown}`) so structurally equal types compare equal.
type Flat<T> = T extends readonly unknown[]
  ? { [K in keyof T]: Flat<T[K]> }
  : T extends object
    ? { [K in keyof T]: Flat<T[K]> }
    : T;
// True only when A and B are mutually identical (not merely assignable); tsc checks every use.
type Equals<A, B> =
  (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;
const assertEqual = <A, B>(_proof: Equals<A, B>) => _proof;

describe('zod schemas and generated OpenAPI types are the same shapes', () => {
  it('request bodies', () => {
    expect(assertEqual<z.infer<typeof schemas.loginRequestSchema>, S['LoginRequest']>(true)).toBe(true);
    expect(assertEqual<z.infer<typeof schemas.loginParamsSchema>, S['LoginParams']>(true)).toBe(true);
    expect(assertEqual<z.infer<typeof schemas.logoutRequestSchema>, S['LogoutRequest']>(true)).toBe(true);
    expect(assertEqual<z.infer<typeof schemas.serviceParamsSchema>, S['ServiceParams']>(true)).toBe(true);
    expect(assertEqual<z.infer<typeof schemas.serviceRequestSchema>, S['ServiceRequest']>(true)).toBe(true);
    expect(
      assertEqual<z.infer<typeof schemas.scfFaturaListeleParamsSchema>, S['ScfFaturaListeleParams']>(true),
    ).toBe(true);
    expect(assertEqual<z.infer<typeof schemas.disconnectSameUserSchema>, S['DisconnectSameUser']>(true)).toBe(
      true,
    );
  });

  it('response bodies and results', () => {
    expect(assertEqual<z.infer<typeof schemas.loginSuccessSchema>, S['LoginSuccess']>(true)).toBe(true);
    expect(assertEqual<z.infer<typeof schemas.serviceSuccessSchema>, S['ServiceSuccess']>(true)).toBe(true);
    expect(assertEqual<z.infer<typeof schemas.errorResponseSchema>, S['ErrorResponse']>(true)).toBe(true);
    expect(assertEqual<z.infer<typeof schemas.invoiceSchema>, S['Invoice']>(true)).toBe(true);
    expect(assertEqual<z.infer<typeof schemas.kontorResultSchema>, S['KontorResult']>(true)).toBe(true);
    expectTypeOf<z.infer<typeof schemas.sessionIdSchema>>().toEqualTypeOf<S['SessionId']>();
  });

  it('the Equals check itself tells different shapes apart', () => {
    expect(assertEqual<{ a: string }, { a: string; b?: number }>(false)).toBe(false);
    expect(assertEqual<{ a: '200' }, { a: string }>(false)).toBe(false);
  });
});
