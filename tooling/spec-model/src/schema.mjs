// Turns the JSON Schema subset our specs use into TypeScript: one type and one check function per
// named schema. A check returns undefined for a valid value, or one message naming the first broken
// rule and where (`response.userToken is required`); it never quotes the value.

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

  /** Statements that `return` a message when `expr` breaks `schema`; `at` is an expression for the path. */
  function statements(schema, expr, at) {
    if (schema === true || schema === undefined) return [];
    if (schema.$ref)
      return [`{ const m = check${refName(schema.$ref)}(${expr}, ${at}); if (m !== undefined) return m; }`];
    const union = schema.oneOf ?? schema.anyOf;
    if (union) {
      const alternatives = union.map((s) => (s.$ref ? `check${refName(s.$ref)}` : hoist(s)));
      return [
        `if (${alternatives.map((f) => `${f}(${expr}, ${at}) !== undefined`).join(' && ')}) return ${at} + ' matches none of the documented shapes';`,
      ];
    }
    const out = [];
    if ('const' in schema) {
      out.push(
        `if (${expr} !== ${JSON.stringify(schema.const)}) return ${at} + ' must be ${String(schema.const).replaceAll("'", '')}';`,
      );
      return out;
    }
    if (schema.enum) {
      const list = schema.enum.map((v) => JSON.stringify(v));
      out.push(
        `if (${list.map((v) => `${expr} !== ${v}`).join(' && ')}) return ${at} + ' must be one of ${list.join(', ').replaceAll("'", '')}';`,
      );
      return out;
    }
    if (schema.type === undefined) return out;
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const tests = types.map(typeTest.bind(null, expr));
    const names = types.map((t) =>
      t === 'integer' ? 'an integer' : t === 'object' || t === 'array' ? `an ${t}` : `a ${t}`,
    );
    out.push(`if (!(${tests.join(' || ')})) return ${at} + ' must be ${names.join(' or ')}';`);
    if (types.length > 1) return out;
    const type = types[0];
    if (type === 'string') out.push(...stringRules(schema, expr, at));
    if (type === 'integer' || type === 'number') out.push(...numberRules(schema, expr, at));
    if (type === 'array' && schema.items && Object.keys(schema.items).length > 0) {
      const item = `e${counter++}`;
      out.push(
        `for (let i = 0; i < (${expr} as unknown[]).length; i++) { const ${item} = (${expr} as unknown[])[i];`,
        ...statements(schema.items, item, `${at} + '.' + i`),
        '}',
      );
    }
    if (type === 'object') out.push(...objectRules(schema, expr, at));
    return out;
  }

  function typeTest(expr, type) {
    switch (type) {
      case 'string':
        return `typeof ${expr} === 'string'`;
      case 'integer':
        return `Number.isSafeInteger(${expr})`;
      case 'number':
        return `(typeof ${expr} === 'number' && Number.isFinite(${expr}))`;
      case 'boolean':
        return `typeof ${expr} === 'boolean'`;
      case 'null':
        return `${expr} === null`;
      case 'array':
        return `Array.isArray(${expr})`;
      case 'object':
        return `(typeof ${expr} === 'object' && ${expr} !== null && !Array.isArray(${expr}))`;
      default:
        throw new Error(`spec-model: unsupported type ${type}`);
    }
  }

  function stringRules(schema, expr, at) {
    const out = [];
    const s = `(${expr} as string)`;
    if (schema.minLength !== undefined) {
      out.push(
        `if (${s}.length < ${schema.minLength}) return ${at} + ' must have at least ${schema.minLength} character${schema.minLength === 1 ? '' : 's'}';`,
      );
    }
    if (schema.maxLength !== undefined) {
      out.push(
        `if (${s}.length > ${schema.maxLength}) return ${at} + ' must have at most ${schema.maxLength} characters';`,
      );
    }
    if (schema.pattern !== undefined) {
      out.push(
        `if (!${pattern(schema.pattern)}.test(${s})) return ${at} + ' must match ${schema.pattern.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}';`,
      );
    }
    return out;
  }

  function numberRules(schema, expr, at) {
    const out = [];
    if (schema.minimum !== undefined)
      out.push(
        `if ((${expr} as number) < ${schema.minimum}) return ${at} + ' must be at least ${schema.minimum}';`,
      );
    if (schema.maximum !== undefined)
      out.push(
        `if ((${expr} as number) > ${schema.maximum}) return ${at} + ' must be at most ${schema.maximum}';`,
      );
    return out;
  }

  function objectRules(schema, expr, at) {
    const o = `o${counter++}`;
    const out = [`const ${o} = ${expr} as Record<string, unknown>;`];
    const properties = schema.properties ?? {};
    const required = new Set(schema.required ?? []);
    for (const name of required) {
      out.push(`if (${access(o, name)} === undefined) return ${at} + '.${name} is required';`);
    }
    for (const [name, property] of Object.entries(properties)) {
      const rules = statements(property, access(o, name), `${at} + '.${name}'`);
      if (rules.length === 0) continue;
      out.push(
        required.has(name)
          ? `{ ${rules.join(' ')} }`
          : `if (${access(o, name)} !== undefined) { ${rules.join(' ')} }`,
      );
    }
    const extra = schema.additionalProperties;
    const known = Object.keys(properties).map((name) => `k !== ${JSON.stringify(name)}`);
    const unknown = known.length ? known.join(' && ') : 'true';
    if (extra === false) {
      out.push(`for (const k in ${o}) if (${unknown}) return ${at} + ' has unknown key "' + k + '"';`);
    } else if (typeof extra === 'object' && Object.keys(extra).length > 0) {
      out.push(
        `for (const k in ${o}) if (${unknown}) {`,
        ...statements(extra, `${o}[k]`, `${at} + '.' + k`),
        '}',
      );
    }
    if (schema.minProperties !== undefined || schema.maxProperties !== undefined) {
      out.push(`{ let n = 0; for (const _ in ${o}) n++;`);
      if (schema.minProperties !== undefined)
        out.push(
          `if (n < ${schema.minProperties}) return ${at} + ' must have at least ${schema.minProperties} key${schema.minProperties === 1 ? '' : 's'}';`,
        );
      if (schema.maxProperties !== undefined)
        out.push(
          `if (n > ${schema.maxProperties}) return ${at} + ' must have at most ${schema.maxProperties} key${schema.maxProperties === 1 ? '' : 's'}';`,
        );
      out.push('}');
    }
    return out;
  }

  /** An inline alternative of a union becomes a private check function. */
  function hoist(schema) {
    const name = `check$${counter++}`;
    chunks.push(
      `function ${name}(v: unknown, at: string): string | undefined {\n${indent(statements(schema, 'v', 'at'))}\n  return undefined;\n}`,
    );
    return name;
  }

  /** Exports `type Name`, `checkName(value, at)` and the guard `isName(value)`. */
  function named(name, schema, doc = schema?.description) {
    if (done.has(name)) return;
    done.add(name);
    const comment = doc ? `/** ${doc.trim().split('\n')[0].replaceAll('*/', '* /')} */\n` : '';
    chunks.push(
      `${comment}export type ${name} = ${typeOf(schema)};`,
      `/** The first way \`v\` breaks ${name}, as \`<at>.<path> <rule>\`; undefined when it is valid. */\nexport function check${name}(v: unknown, at = 'value'): string | undefined {\n${indent(statements(schema, 'v', 'at'))}\n  return undefined;\n}`,
      `export const is${name} = (v: unknown): v is ${name} => check${name}(v) === undefined;`,
    );
  }

  function source() {
    const regexes = [...patterns].map(([src, name]) => `const ${name} = new RegExp(${JSON.stringify(src)});`);
    return [...regexes, ...chunks].join('\n\n');
  }

  return { named, source, resolve };
}

const indent = (lines) => lines.map((line) => `  ${line}`).join('\n');

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
