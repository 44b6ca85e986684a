import * as z from '@sso/core/zod';

// zod mirrors of the wire shapes in specs/beyondvisit/openapi.yaml. test/types.test.ts asserts that
// each inferred type equals the type openapi-typescript generates into src/generated/, so a change to
// the spec that is not made here too fails `tsc`.

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

export type CreateUserResponse = z.infer<typeof createUserResponseSchema>;
export type LoginTokenResponse = z.infer<typeof loginTokenResponseSchema>;
