import { describe, expectTypeOf, it } from 'vitest';
import type { CREATE_USER_ERRORS, LOGIN_TOKEN_ERRORS } from '../src/errors.js';
import type * as model from '../src/generated/model.js';
import type { components } from '../src/generated/openapi.js';

// Compile-time checks: the types the spec-model generator emits are the ones openapi-typescript
// emits from the same spec, and the error tables list exactly the documented codes.
type Schemas = components['schemas'];

describe('the generated model agrees with the generated OpenAPI types', () => {
  it('request and response bodies', () => {
    expectTypeOf<model.CreateUserRequest>().toEqualTypeOf<Schemas['CreateUserRequest']>();
    expectTypeOf<model.LoginTokenRequest>().toEqualTypeOf<Schemas['LoginTokenRequest']>();
    expectTypeOf<model.CreateUserFailure>().toMatchTypeOf<Schemas['CreateUserFailure']>();
    expectTypeOf<model.LoginTokenSuccess>().toMatchTypeOf<Schemas['LoginTokenSuccess']>();
  });

  it('the error tables have exactly the documented codes of their endpoint', () => {
    expectTypeOf<keyof typeof CREATE_USER_ERRORS>().toEqualTypeOf<model.CreateUserErrorCode>();
    expectTypeOf<keyof typeof LOGIN_TOKEN_ERRORS>().toEqualTypeOf<model.LoginTokenErrorCode>();
  });
});
