// Writes the TypeScript module of one WSDL model: types, the Operations map, the @sso/soap service
// descriptor and the list of what was skipped. Output depends only on the model (deterministic).
import { assignNames, sanitize } from './naming.mjs';
import { runtimeOfBuiltin, tsOfBuiltin } from './xsd.mjs';

const IDENT = /^[A-Za-z_$][\w$]*$/;
const prop = (name) => (IDENT.test(name) ? name : `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
const str = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
const isRepeated = (f) => f.max === 'unbounded' || f.max > 1;
const comment = (s) => String(s).replace(/\*\//g, '*\\/');

/** Types reachable from the operations (fields, bases and, for xsi:type, subtypes). */
function reachable(model) {
  const { schema } = model;
  const seen = new Set();
  const visit = (ref) => {
    if (typeof ref !== 'object' || seen.has(ref.key)) return;
    seen.add(ref.key);
    const t = schema.types.get(ref.key);
    if (t.kind !== 'complex') return;
    if (t.base) visit({ key: t.base });
    for (const f of schema.flat(t.key)) visit(f.type);
    if (!t.anonymous) for (const sub of schema.subtypesOf(t.key)) visit({ key: sub });
  };
  for (const op of model.operations) {
    for (const m of [op.input, op.output]) {
      if (m.type) visit(m.type);
      for (const f of m.fields ?? []) visit(f.type);
    }
  }
  for (const ref of model.roots ?? []) visit(ref);
  return [...seen].map((k) => schema.types.get(k));
}

/** Property names: element names as they are; an attribute or a repeated name gets a distinct one. */
function assignProps(schema, types) {
  const depth = (t) => (t.base ? 1 + depth(schema.types.get(t.base)) : 0);
  for (const t of [...types].filter((x) => x.kind === 'complex').sort((a, b) => depth(a) - depth(b))) {
    propsOf(schema.flat(t.key));
  }
}

function propsOf(fields) {
  const used = new Set(fields.filter((f) => f.prop).map((f) => f.prop));
  for (const f of fields) {
    if (f.prop) continue;
    let p =
      f.kind === 'attribute' && fields.some((g) => g !== f && g.kind !== 'attribute' && g.name === f.name)
        ? `@${f.name}`
        : f.name;
    for (let i = 2; used.has(p); i++) p = `${f.name}_${i}`;
    used.add(p);
    f.prop = p;
  }
  return fields;
}

export function emit(model, { source }) {
  const { schema } = model;
  const types = reachable(model);
  const messageNames = model.operations.flatMap((op) => [op.input, op.output]);
  const names = assignNames(types);
  assignProps(schema, types);
  for (const m of messageNames) if (m.fields) propsOf(m.fields);
  let usesXml = false;

  const tsRef = (ref) => {
    if (ref === 'anyType') {
      usesXml = true;
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
  const body = (fields) => {
    if (fields.length === 0) return '{}';
    const lines = fields.map((f) => `  ${prop(f.prop)}${f.min === 0 ? '?' : ''}: ${tsField(f)};`);
    return `{\n${lines.join('\n')}\n}`;
  };
  /** The fields of a document-style body element, by the kind of its type. */
  const messageFields = (m) => {
    if (m.fields) return m.fields;
    if (m.type === 'anyType')
      return [{ kind: 'any', name: '$any', prop: '$any', ns: '', type: 'anyType', min: 0, max: 'unbounded' }];
    if (typeof m.type === 'object' && schema.types.get(m.type.key).kind === 'complex')
      return schema.flat(m.type.key);
    return [
      {
        kind: 'text',
        name: '$value',
        prop: '$value',
        ns: '',
        type: m.type,
        min: 1,
        max: 1,
        nillable: m.nillable,
      },
    ];
  };
  const messageTs = (m) => {
    if (!m.fields && typeof m.type === 'object' && schema.types.get(m.type.key).kind === 'complex') {
      return names.get(m.type.key);
    }
    const fields = messageFields(m);
    if (fields.length === 0) return 'Record<string, never>';
    return `{ ${fields.map((f) => `${prop(f.prop)}${f.min === 0 ? '?' : ''}: ${tsField(f)}`).join('; ')} }`;
  };

  const defaultNs = model.qualified ? model.namespace : '';
  const descriptorField = (f) => {
    const parts = [`name: ${str(f.name)}`];
    if (f.prop !== f.name) parts.push(`key: ${str(f.prop)}`);
    const dflt = f.kind === 'element' ? defaultNs : '';
    if (f.ns !== dflt) parts.push(`ns: ${str(f.ns)}`);
    if (f.kind === 'any' || f.type === 'anyType') parts.push(`type: 'any'`);
    else if (typeof f.type === 'string') parts.push(`type: ${str(runtimeOfBuiltin(f.type))}`);
    else {
      const t = schema.types.get(f.type.key);
      if (t.kind === 'complex') parts.push(`type: 'complex'`, `ref: ${str(names.get(t.key))}`);
      else {
        parts.push(`type: ${str(runtimeOfBuiltin(t.base))}`);
        if (t.enum) parts.push(`enum: [${t.enum.map(str).join(', ')}]`);
      }
    }
    parts.push(`min: ${f.min}`, `max: ${typeof f.max === 'number' ? f.max : str(f.max)}`);
    if (f.nillable) parts.push('nillable: true');
    if (f.kind === 'attribute') parts.push('attribute: true');
    if (f.kind === 'text') parts.push('text: true');
    if (f.kind === 'any') parts.push('wildcard: true');
    return `{ ${parts.join(', ')} }`;
  };
  const fieldsBlock = (fields, indent) => {
    if (fields.length === 0) return '[]';
    const pad = ' '.repeat(indent);
    return `[\n${fields.map((f) => `${pad}  ${descriptorField(f)},`).join('\n')}\n${pad}]`;
  };

  const decls = [];
  // Schema types first, then the types of body elements, each by name.
  const rank = (t) => (t.key.endsWith('#element') ? 1 : 0);
  const sorted = [...types].sort(
    (a, b) => rank(a) - rank(b) || names.get(a.key).localeCompare(names.get(b.key)),
  );
  for (const t of sorted.filter((x) => x.kind === 'simple')) {
    const where = t.ns === model.namespace ? '' : ` in ${t.ns || 'no namespace'}`;
    decls.push(`/** xs:simpleType ${comment(t.local + where)}${t.enum ? ' (enumeration)' : ''} */`);
    decls.push(
      `export type ${names.get(t.key)} = ${t.enum ? t.enum.map(str).join(' | ') : tsOfBuiltin(t.base)};`,
    );
    decls.push('');
  }
  for (const t of sorted.filter((x) => x.kind === 'complex')) {
    const base = t.base ? names.get(t.base) : undefined;
    const where = t.ns === model.namespace ? '' : ` in ${t.ns || 'no namespace'}`;
    const what = t.key.endsWith('#element')
      ? `Body element <${t.local}>${where}`
      : `xs:complexType ${t.local}${where}`;
    decls.push(`/** ${comment(what)}${base ? ` (extends ${base})` : ''} */`);
    decls.push(`export interface ${names.get(t.key)}${base ? ` extends ${base}` : ''} ${body(t.own)}`);
    decls.push('');
  }

  const taken = new Set(names.values());
  const aliases = new Map();
  for (const op of model.operations) {
    for (const [m, name] of [
      [op.input, op.inputMessage],
      [op.output, op.outputMessage],
    ]) {
      const ts = messageTs(m);
      const alias = name && sanitize(name);
      if (alias && alias !== ts && !taken.has(alias) && IDENT.test(ts) && !aliases.has(alias))
        aliases.set(alias, ts);
    }
  }

  const out = [];
  out.push(
    `// Generated by @sso/wsdl-codegen from ${source} (service ${model.serviceName}, port ${model.portName}).`,
  );
  out.push('// Do not edit: change the WSDL and run `pnpm codegen`.');
  const skipped = [
    ...model.refused.map((r) => `operation ${r.operation}: ${r.construct} (at ${source}: ${r.where})`),
    ...[...schema.skipped].sort(),
    ...model.otherServices.map((s) => `service ${s} (generate it with --service ${s})`),
  ];
  for (const s of skipped) out.push(`// Skipped: ${s}`);
  const body2 = [];
  body2.push(...decls);
  for (const [alias, ts] of [...aliases].sort((a, b) => cmp(a[0], b[0]))) {
    body2.push(`/** wsdl:message ${alias} */`);
    body2.push(`export type ${alias} = ${ts};`);
  }
  if (aliases.size > 0) body2.push('');
  body2.push('/** Input and output of every operation, for `createSoapClient<Operations>`. */');
  body2.push('export interface Operations {');
  for (const op of model.operations) {
    body2.push(`  ${prop(op.name)}: { input: ${messageTs(op.input)}; output: ${messageTs(op.output)} };`);
  }
  body2.push('}');
  body2.push('');
  body2.push(
    `/** The ${comment(model.serviceName)} service: what @sso/soap needs to write requests and read responses. */`,
  );
  body2.push('export const service = {');
  body2.push(`  name: ${str(model.serviceName)},`);
  body2.push(`  namespace: ${str(model.namespace)},`);
  body2.push(`  qualified: ${model.qualified},`);
  if (model.soapVersion === '1.2') body2.push(`  soapVersion: '1.2',`);
  if (model.location) body2.push(`  location: ${str(model.location)},`);
  body2.push('  types: {');
  // A body element's own type is inlined in its operation; other types are looked up by `ref`.
  const referenced = new Set();
  for (const t of types) {
    if (t.kind === 'complex')
      for (const f of schema.flat(t.key)) if (typeof f.type === 'object') referenced.add(f.type.key);
  }
  for (const op of model.operations) {
    for (const m of [op.input, op.output])
      for (const f of m.fields ?? []) if (typeof f.type === 'object') referenced.add(f.type.key);
  }
  for (const t of sorted.filter(
    (x) => x.kind === 'complex' && (!x.key.endsWith('#element') || referenced.has(x.key)),
  )) {
    body2.push(`    ${prop(names.get(t.key))}: {`);
    body2.push(`      fields: ${fieldsBlock(schema.flat(t.key), 6)},`);
    if (t.base) body2.push(`      base: ${str(names.get(t.base))},`);
    const subs = t.anonymous || !referenced.has(t.key) ? [] : schema.subtypesOf(t.key);
    if (subs.length > 0) {
      const entries = subs.map((k) => `${prop(schema.types.get(k).local)}: ${str(names.get(k))}`);
      body2.push(`      subtypes: { ${entries.join(', ')} },`);
    }
    body2.push('    },');
  }
  body2.push('  },');
  body2.push('  operations: {');
  for (const op of model.operations) {
    body2.push(`    ${prop(op.name)}: {`);
    body2.push(`      name: ${str(op.name)},`);
    body2.push(`      soapAction: ${str(op.soapAction)},`);
    for (const direction of ['input', 'output']) {
      const m = op[direction];
      body2.push(`      ${direction}: {`);
      if (m.element !== undefined) {
        body2.push(`        element: ${str(m.element)},`);
        if (m.ns !== model.namespace) body2.push(`        ns: ${str(m.ns)},`);
      }
      body2.push(`        fields: ${fieldsBlock(messageFields(m), 8)},`);
      body2.push('      },');
    }
    body2.push('    },');
  }
  body2.push('  },');
  body2.push('} as const satisfies SoapServiceDescriptor;');
  body2.push('');
  body2.push('/** What the generator left out of this module, and why. */');
  body2.push(
    `export const skipped: readonly string[] = [${skipped.length ? `\n${skipped.map((s) => `  ${str(s)},`).join('\n')}\n` : ''}];`,
  );
  body2.push('');

  out.push(`import type { SoapServiceDescriptor${usesXml ? ', SoapXml' : ''} } from '@sso/soap';`);
  out.push('');
  return [...out, ...body2].join('\n');
}

const cmp = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0);
