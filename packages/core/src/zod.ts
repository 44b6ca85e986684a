/**
 * The part of `zod/mini` the @sso packages use, re-exported by name. The build bundles a tree-shaken
 * copy of zod into its own file (`dist/zod.*`, the `@sso/core/zod` entry) instead of loading zod's
 * whole module graph (every locale included) at import time; the main entry imports that same file,
 * so one zod runs. Packages write `import * as z from '@sso/core/zod'`, which lets bundlers drop
 * the functions an application never calls (a namespace re-exported from the main entry could
 * not be tree-shaken). zod is MIT-licensed; its license text is kept in the bundled file.
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
