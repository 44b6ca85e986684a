import * as z from '@sso/core/zod';

// zod mirrors of the request bodies in specs/beyondvisit/openapi.yaml, kept apart from src/wire.ts so
// the client bundle does not carry them (the client builds bodies typed by the generated types).
// Tests validate every request the client sends against them, and test/types.test.ts asserts that
// their inferred types equal the generated ones.

/** `POST /external/CreateUser` body. Note the lower-case `apikey`. */
export const createUserRequestSchema = z.strictObject({
  apikey: z.string().check(z.maxLength(32)),
  sign: z.string().check(z.maxLength(32), z.regex(/^[0-9a-f]{32}$/)),
  user: z.strictObject({
    Name: z.string().check(z.minLength(1), z.maxLength(50)),
    Surname: z.string().check(z.minLength(1), z.maxLength(50)),
    Email: z.string().check(z.minLength(1), z.maxLength(254)),
    Site: z.string().check(z.maxLength(2000), z.regex(/^https?:\/\//)),
  }),
});

/** `POST /external/LoginToken` body. Note the camel-case `apiKey`. */
export const loginTokenRequestSchema = z.strictObject({
  apiKey: z.string().check(z.maxLength(32)),
  sign: z.string().check(z.maxLength(32), z.regex(/^[0-9a-f]{32}$/)),
  userToken: z.string().check(z.minLength(1), z.maxLength(32)),
});

export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;
export type LoginTokenRequest = z.infer<typeof loginTokenRequestSchema>;
