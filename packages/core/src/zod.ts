/**
 * The part of `zod/mini` the @sso packages use, re-exported by name so the build can bundle a
 * tree-shaken copy of zod into @sso/core (tsup `noExternal: ['zod']`) instead of loading zod's whole
 * module graph (every locale included) at import time. Every @sso package validates through this
 * one copy: `import { z } from '@sso/core'`. zod is MIT-licensed; its notice is kept in the bundle.
 * Add a name here when a package needs another zod/mini function.
 */
import type * as zm from 'zod/mini';

export {
  array,
  boolean,
  custom,
  enum,
  gte,
  int,
  ipv4,
  ipv6,
  literal,
  looseObject,
  lte,
  maxLength,
  minLength,
  never,
  null,
  number,
  object,
  optional,
  positive,
  record,
  refine,
  regex,
  safeParse,
  strictObject,
  string,
  union,
  unknown,
  url,
} from 'zod/mini';

// Types are declared here rather than re-exported: the .d.ts bundler turns a type-only re-export
// from an external module into a `typeof` of a value that does not exist.
type Output<T> = zm.output<T>;
type Input<T> = zm.input<T>;

export type { Input as input, Output as infer, Output as output };
export type ZodMiniType<Output = unknown, Input = unknown> = zm.ZodMiniType<Output, Input>;
