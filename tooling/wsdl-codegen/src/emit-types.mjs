// The TypeScript side of a module: type aliases and interfaces, message aliases, `Operations`.
import { isComplexRef, isRepeated, messageFields } from './emit-model.mjs';
import { sanitize } from './naming.mjs';
import { tsOfBuiltin } from './xsd.mjs';

export const IDENT = /^[A-Za-z_$][\w$]*$/;
export const prop = (name) =>
  IDENT.test(name) ? name : `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
export const str = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
export const comment = (s) => String(s).replace(/\*\//g, '*\\/');
const cmp = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0);

/** Writes TypeScript types for one module; `usesXml` tells whether `SoapXml` must be imported. */
export function typeWriter(model, names) {
  const { schema } = model;
  const state = { usesXml: false };
  const tsRef = (ref) => {
    if (ref === 'anyType') {
      state.usesXml = true;
      return 'SoapXml';
    }
    if (typeof ref === 'string') return tsOfBuiltin(ref);
    return names.get(ref.key);
  };
  const tsField = (f) => {
    let t = f.kind === 'any' ? tsRef('anyType') : tsRef(f.type);
    if (f.nillable) t = `${t} | null`;
    if (isRepeated(f)) t = t.includes(' ') ? `Array<${t}>` : `${t}[]`;
    return t;
  };
  const optional = (f) => (f.min === 0 ? '?' : '');
  const body = (fields) => {
    if (fields.length === 0) return '{}';
    return `{\n${fields.map((f) => `  ${prop(f.prop)}${optional(f)}: ${tsField(f)};`).join('\n')}\n}`;
  };
  const messageTs = (m) => {
    if (!m.fields && isComplexRef(schema, m.type)) return names.get(m.type.key);
    const fields = messageFields(schema, m);
    if (fields.length === 0) return 'Record<string, never>';
    return `{ ${fields.map((f) => `${prop(f.prop)}${optional(f)}: ${tsField(f)}`).join('; ')} }`;
  };

  /** Aliases and interfaces of the types, in the order `sorted` gives. */
  const declarations = (sorted) => {
    const out = [];
    const where = (t) => (t.ns === model.namespace ? '' : ` in ${t.ns || 'no namespace'}`);
    for (const t of sorted.filter((x) => x.kind === 'simple')) {
      out.push(`/** xs:simpleType ${comment(t.local + where(t))}${t.enum ? ' (enumeration)' : ''} */`);
      out.push(
        `export type ${names.get(t.key)} = ${t.enum ? t.enum.map(str).join(' | ') : tsOfBuiltin(t.base)};`,
      );
      out.push('');
    }
    for (const t of sorted.filter((x) => x.kind === 'complex')) {
      const base = t.base ? names.get(t.base) : undefined;
      const what = t.key.endsWith('#element')
        ? `Body element <${t.local}>${where(t)}`
        : `xs:complexType ${t.local}${where(t)}`;
      out.push(`/** ${comment(what)}${base ? ` (extends ${base})` : ''} */`);
      out.push(`export interface ${names.get(t.key)}${base ? ` extends ${base}` : ''} ${body(t.own)}`);
      out.push('');
    }
    return out;
  };

  /** `wsdl:message` names as aliases of their body types, where the name is free. */
  const messageAliases = () => {
    const taken = new Set(names.values());
    const aliases = new Map();
    for (const op of model.operations) {
      for (const [m, name] of [
        [op.input, op.inputMessage],
        [op.output, op.outputMessage],
      ]) {
        const ts = messageTs(m);
        const alias = name && sanitize(name);
        if (alias && alias !== ts && !taken.has(alias) && IDENT.test(ts) && !aliases.has(alias)) {
          aliases.set(alias, ts);
        }
      }
    }
    const out = [];
    for (const [alias, ts] of [...aliases].sort((a, b) => cmp(a[0], b[0]))) {
      out.push(`/** wsdl:message ${alias} */`, `export type ${alias} = ${ts};`);
    }
    if (aliases.size > 0) out.push('');
    return out;
  };

  const operations = () => [
    '/** Input and output of every operation, for `createSoapClient<Operations>`. */',
    'export interface Operations {',
    ...model.operations.map(
      (op) => `  ${prop(op.name)}: { input: ${messageTs(op.input)}; output: ${messageTs(op.output)} };`,
    ),
    '}',
    '',
  ];

  return { state, declarations, messageAliases, operations };
}
