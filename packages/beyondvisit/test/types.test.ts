import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import type { CREATE_USER_ERRORS, LOGIN_TOKEN_ERRORS } from '../src/errors.js';
import type { components } from '../src/generated/openapi.js';
import type {
  createUserFailureSchema,
  createUserResponseSchema,
  createUserSuccessSchema,
  loginTokenFailureSchema,
  loginTokenResponseSchema,
  loginTokenSuccessSchema,
} from '../src/wire.js';
import type { createUserRequestSchema, loginTokenRequestSchema } from '../src/wire-requests.js';

// Compile-time checks: `tsc` (the typecheck script) fails when the zod schemas in src/wire.ts and
// src/wire-requests.ts disagree, in either direction, with the types openapi-typescript generates from
// specs/beyondvisit/openapi.yaml.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Schemas = components['schemas'];
const agree = <_ extends true>() => true;

agree<Equals<z.output<typeof createUserRequestSchema>, Schemas['CreateUserRequest']>>();
agree<Equals<z.output<typeof loginTokenRequestSchema>, Schemas['LoginTokenRequest']>>();
agree<Equals<z.output<typeof createUserSuccessSchema>, Schemas['CreateUserSuccess']>>();
agree<Equals<z.output<typeof createUserFailureSchema>, Schemas['CreateUserFailure']>>();
agree<Equals<z.output<typeof loginTokenSuccessSchema>, Schemas['LoginTokenSuccess']>>();
agree<Equals<z.output<typeof loginTokenFailureSchema>, Schemas['LoginTokenFailure']>>();

describe('zod schemas agree with the generated OpenAPI types', () => {
  it('request bodies', () => {
    expectTypeOf<z.output<typeof createUserRequestSchema>>().toEqualTypeOf<Schemas['CreateUserRequest']>();
    expectTypeOf<z.output<typeof loginTokenRequestSchema>>().toEqualTypeOf<Schemas['LoginTokenRequest']>();
  });

  it('response bodies, success and failure', () => {
    expectTypeOf<z.output<typeof createUserResponseSchema>>().toEqualTypeOf<Schemas['CreateUserResponse']>();
    expectTypeOf<z.output<typeof loginTokenResponseSchema>>().toEqualTypeOf<Schemas['LoginTokenResponse']>();
  });

  it('the error tables have exactly the documented codes of their endpoint', () => {
    expectTypeOf<keyof typeof CREATE_USER_ERRORS>().toEqualTypeOf<Schemas['CreateUserErrorCode']>();
    expectTypeOf<keyof typeof LOGIN_TOKEN_ERRORS>().toEqualTypeOf<Schemas['LoginTokenErrorCode']>();
  });
});
