// Turns the JSON Schema subset our specs use into TypeScript: one type and one check function per
// named schema. A check returns undefined for a valid value, or one message naming the first broken
// rule and where (`response.userToken is required`); it never quotes the value.

import { runtimeImports } from './runtime.mjs';

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** `{ "$ref": "#/components/schemas/X" }` → `X`. */
export const refName = (ref) => ref.slice(ref.lastIndexOf('/') + 1);

const key = (name) => (IDENT.test(name) ? name : JSON.stringify(name));
const access = (expr, name) => (IDENT.test(name) ? `${expr}.${name}` : `${expr}[${JSON.stringify(name)}]`);

/**
 * Emits checks and types for named schemas. `schemas` maps names to schemas; `$ref`s resolve by
 * their last segment. Call `named(name)` for each schema to export, then `source()`.
 */
export function createEmitter(schemas) {
  const patterns = new Map();
  const constants = new Map();
  const chunks = [];
  const done = new Set();
  let counter = 0;

  const resolve = (schema) => (schema?.$ref ? schemas[refName(schema.$ref)] : schema);

  function pattern(source) {
    let name = patterns.get(source);
    if (name === undefined) {
      name = `PATTERN_${patterns.size}`;
      patterns.set(source, name);
    }
    return name;
  }

  function typeOf(schema) {
    if (schema === true || schema === undefined || Object.keys(schema).length === 0) return 'unknown';
    if (schema.$ref) return refName(schema.$ref);
    const union = schema.oneOf ?? schema.anyOf;
    if (union) return union.map((s) => typeOf(s)).join(' | ');
    if ('const' in schema) return JSON.stringify(schema.const);
    if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    return types.map((type) => scalarType(schema, type)).join(' | ');
  }

  function scalarType(schema, type) {
    switch (type) {
      case 'string':
        return 'string';
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'array':
        return `Array<${typeOf(schema.items)}>`;
      case 'object': {
        const required = new Set(schema.required ?? []);
        const fields = Object.entries(schema.properties ?? {}).map(
          ([name, s]) => `${key(name)}${required.has(name) ? '' : '?'}: ${typeOf(s)}`,
        );
        const extra = schema.additionalProperties;
        if (extra !== false) {
          fields.push(
            `[key: string]: ${typeof extra === 'object' && !fields.length ? typeOf(extra) : 'unknown'}`,
          );
        }
        return `{ ${fields.join('; ')} }`;
      }
      default:
        return 'unknown';
    }
  }

  /** A module constant for a literal the checks use (key lists, enums), so no call allocates it. */
  function constant(value) {
    const text = JSON.stringify(value);
    let name = constants.get(text);
    if (name === undefined) {
      name = `K${constants.size}`;
      constants.set(text, name);
    }
    return name;
  }

  /** An expression that is the first problem of `value` against `schema`, or undefined. */
  function expression(schema, value, at) {
    if (schema === true || schema === undefined || Object.keys(schema).length === 0) return undefined;
    if (schema.$ref) return `check${refName(schema.$ref)}(${value}, ${at})`;
    const union = schema.oneOf ?? schema.anyOf;
    if (union) {
      const alternatives = union.map((s) => (s.$ref ? `check${refName(s.$ref)}` : hoist(s)));
      return `(${alternatives.map((f) => `${f}(${value}, ${at}) === undefined`).join(' || ')} ? undefined : ${at} + ' matches none of the documented shapes')`;
    }
    if ('const' in schema) return `exact(${value}, ${at}, ${JSON.stringify(schema.const)})`;
    if (schema.enum) return `among(${value}, ${at}, ${constant(schema.enum)})`;
    if (schema.type === undefined) return undefined;
    if (Array.isArray(schema.type)) return `typed(${value}, ${at}, ${constant(schema.type)})`;
    switch (schema.type) {
      case 'string': {
        const args = [schema.minLength ?? 0, schema.maxLength ?? 'Infinity'];
        if (schema.pattern !== undefined) args.push(pattern(schema.pattern));
        else if (schema.maxLength === undefined) args.pop();
        if (args.length === 1 && args[0] === 0) args.pop();
        return `text(${[value, at, ...args].join(', ')})`;
      }
      case 'integer':
      case 'number': {
        const args = [schema.minimum ?? '-Infinity', schema.maximum ?? 'Infinity'];
        if (schema.maximum === undefined) args.pop();
        if (schema.minimum === undefined && args.length === 1) args.pop();
        return `${schema.type}(${[value, at, ...args].join(', ')})`;
      }
      case 'boolean':
        return `bool(${value}, ${at})`;
      case 'null':
        return `exact(${value}, ${at}, null)`;
      default:
        return `${hoist(schema)}(${value}, ${at})`;
    }
  }

  /** The body of a check function for `schema` (argument `v`, path `at`). */
  function body(schema) {
    if (schema?.type === 'object' && !Array.isArray(schema.type)) {
      const properties = schema.properties ?? {};
      const required = schema.required ?? [];
      const parts = [];
      if (required.length > 0) parts.push(`required(v, at, ${constant(required)})`);
      for (const [name, property] of Object.entries(properties)) {
        const part = expression(property, access('v', name), `at + '.${name}'`);
        if (part === undefined) continue;
        parts.push(
          required.includes(name) ? part : `(${access('v', name)} === undefined ? undefined : ${part})`,
        );
      }
      const known = constant(Object.keys(properties));
      const extra = schema.additionalProperties;
      if (extra === false) parts.push(`closed(v, at, ${known})`);
      else if (typeof extra === 'object' && Object.keys(extra).length > 0) {
        parts.push(`rest(v, at, ${known}, ${extra.$ref ? `check${refName(extra.$ref)}` : hoist(extra)})`);
      }
      if (schema.minProperties !== undefined || schema.maxProperties !== undefined) {
        parts.push(`size(v, at, ${schema.minProperties ?? 0}, ${schema.maxProperties ?? 'Infinity'})`);
      }
      return `  if (!isObject(v)) return at + ' must be an object';
  return ${parts.length ? parts.join(' ??\n    ') : 'undefined'};`;
    }
    if (schema?.type === 'array') {
      const items = schema.items && Object.keys(schema.items).length > 0 ? schema.items : undefined;
      const item =
        items === undefined ? undefined : items.$ref ? `check${refName(items.$ref)}` : hoist(items);
      return `  if (!Array.isArray(v)) return at + ' must be an array';
  return ${item ? `each(v, at, ${item})` : 'undefined'};`;
    }
    return `  return ${expression(schema, 'v', 'at') ?? 'undefined'};`;
  }

  /** An inline schema becomes a private check function. */
  function hoist(schema) {
    const name = `check$${counter++}`;
    chunks.push(`function ${name}(v: unknown, at: string): Issue {\n${body(schema)}\n}`);
    return name;
  }

  /**
   * `{ field: { min, max } }` for the string fields of an object schema that limit their length, so
   * a client that validates its own argument shape (camelCase inputs mapped onto the wire body)
   * takes the limits from the spec instead of repeating them. Undefined when no field has a limit.
   */
  function lengths(schema) {
    const fields = Object.entries(schema?.properties ?? {}).flatMap(([field, property]) => {
      const { minLength, maxLength } = resolve(property) ?? {};
      if (minLength === undefined && maxLength === undefined) return [];
      const limits = [
        ...(minLength === undefined ? [] : [`min: ${minLength}`]),
        ...(maxLength === undefined ? [] : [`max: ${maxLength}`]),
      ];
      return [`${key(field)}: { ${limits.join(', ')} }`];
    });
    return fields.length > 0 ? `{ ${fields.join(', ')} }` : undefined;
  }

  /** Exports `type Name`, `checkName(value, at)`, the guard `isName(value)` and `NameLengths`. */
  function named(name, schema, doc = schema?.description) {
    if (done.has(name)) return;
    done.add(name);
    const comment = doc && !doc.trim().startsWith('|') ? `/** ${firstSentence(doc)} */\n` : '';
    chunks.push(
      `${comment}export type ${name} = ${typeOf(schema)};`,
      `/** The first way \`v\` breaks ${name}, as \`<at>.<path> <rule>\`; undefined when it is valid. */\nexport function check${name}(v: unknown, at = 'value'): Issue {\n${body(schema)}\n}`,
      `export const is${name} = (v: unknown): v is ${name} => check${name}(v) === undefined;`,
    );
    const limits = lengths(resolve(schema));
    if (limits)
      chunks.push(
        `/** The length limits of ${name}'s string fields. */\nexport const ${name}Lengths = ${limits} as const;`,
      );
  }

  function source() {
    // Literals, not `new RegExp`: bundlers drop an unused literal, never a call.
    const regexes = [...patterns].map(([src, name]) => `const ${name} = /${src.replaceAll('/', '\\/')}/;`);
    const lists = [...constants].map(([text, name]) => `const ${name} = ${text} as const;`);
    const code = [[...regexes, ...lists].join('\n'), ...chunks].join('\n\n');
    return [runtimeImports(code), code].join('\n\n');
  }

  return { named, source, resolve };
}

/** The first sentence of a description, on one line, for a doc comment. */
const firstSentence = (doc) => {
  const line = doc.trim().replace(/\s+/g, ' ').replaceAll('*/', '* /');
  const end = line.indexOf('. ');
  return end === -1 ? line : line.slice(0, end + 1);
};

/**
 * The dotted paths of every property marked `x-sso-secret: true` (on the property or on the schema
 * it refers to) reachable from `schema`.
 */
export function secretPaths(schema, schemas, prefix = '', seen = new Set()) {
  if (!schema || typeof schema !== 'object') return [];
  if (schema.$ref) {
    const name = refName(schema.$ref);
    if (seen.has(name)) return [];
    return secretPaths(schemas[name], schemas, prefix, new Set([...seen, name]));
  }
  const out = [];
  for (const alternative of schema.oneOf ?? schema.anyOf ?? [])
    out.push(...secretPaths(alternative, schemas, prefix, seen));
  if (schema.items) out.push(...secretPaths(schema.items, schemas, prefix, seen));
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    const target = property.$ref ? schemas[refName(property.$ref)] : property;
    if (property['x-sso-secret'] === true || target?.['x-sso-secret'] === true) out.push(path);
    out.push(...secretPaths(property, schemas, path, seen));
  }
  if (typeof schema.additionalProperties === 'object') {
    out.push(...secretPaths(schema.additionalProperties, schemas, prefix ? `${prefix}.*` : '*', seen));
  }
  return [...new Set(out)];
}
