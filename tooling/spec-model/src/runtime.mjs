// The helpers generated models call live in @sso/core/spec-checks (one copy for every provider).
// A model imports only the helpers its checks call, by name, so a bundle carries nothing else.
// A test holds HELPERS equal to the helpers that module exports.
export const HELPERS = [
  'isObject',
  'text',
  'integer',
  'number',
  'bool',
  'exact',
  'among',
  'typed',
  'required',
  'closed',
  'rest',
  'size',
  'each',
];

/** The import lines of a generated model whose code is `code`. */
export function runtimeImports(code) {
  const used = HELPERS.filter((name) => new RegExp(`\\b${name}\\(`).test(code));
  const values = used.length > 0 ? `import { ${used.join(', ')} } from '@sso/core/spec-checks';\n` : '';
  const types = ['Check', 'Issue'].filter((name) => new RegExp(`\\b${name}\\b`).test(code));
  return `${values}import type { ${types.join(', ')} } from '@sso/core/spec-checks';`;
}
