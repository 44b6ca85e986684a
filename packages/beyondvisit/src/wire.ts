import * as z from 'zod/mini';

// zod mirrors of the wire shapes in specs/beyondvisit/openapi.yaml. test/types.test.ts asserts that
// each inferred type equals the type openapi-typescript generates into src/generated/, so a change to
// the spec that is not made here too fails `tsc`.

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

export const createUserSuccessSchema = z.object({
  status: z.literal(true),
  message: z.string(),
  userToken: z.string().check(z.minLength(1), z.maxLength(32)),
});

export const createUserFailureSchema = z.object({
  status: z.literal(false),
  code: z.int(),
  message: z.string(),
});

export const createUserResponseSchema = z.union([createUserSuccessSchema, createUserFailureSchema]);

export const loginTokenSuccessSchema = z.object({
  status: z.literal(true),
  message: z.string(),
  loginToken: z.string().check(z.minLength(1)),
  userCode: z.string(),
});

export const loginTokenFailureSchema = z.object({
  status: z.literal(false),
  code: z.int(),
  message: z.string(),
});

export const loginTokenResponseSchema = z.union([loginTokenSuccessSchema, loginTokenFailureSchema]);

export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;
export type LoginTokenRequest = z.infer<typeof loginTokenRequestSchema>;
export type CreateUserResponse = z.infer<typeof createUserResponseSchema>;
export type LoginTokenResponse = z.infer<typeof loginTokenResponseSchema>;
