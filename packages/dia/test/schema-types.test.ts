import { describe, expect, it } from 'vitest';
import type * as model from '../src/generated/model.js';
import type { components } from '../src/generated/openapi.js';

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

// The spec-model generator and openapi-typescript read the same spec: their types must agree.
describe('the generated model and the generated OpenAPI types are the same shapes', () => {
  it('request bodies', () => {
    expect(assertEqual<model.LoginRequest, S['LoginRequest']>(true)).toBe(true);
    expect(assertEqual<model.LogoutRequest, S['LogoutRequest']>(true)).toBe(true);
    expect(assertEqual<model.ScfFaturaListeleParams, S['ScfFaturaListeleParams']>(true)).toBe(true);
  });

  it('answers', () => {
    expect(assertEqual<model.LoginSuccess, S['LoginSuccess']>(true)).toBe(true);
    expect(assertEqual<model.ErrorResponse, S['ErrorResponse']>(true)).toBe(true);
    expect(assertEqual<model.KontorResult, S['KontorResult']>(true)).toBe(true);
  });
});
