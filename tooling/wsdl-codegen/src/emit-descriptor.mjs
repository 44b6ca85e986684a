// The @sso/soap side of a module: the `service` descriptor the engine writes and reads with.
import { messageFields } from './emit-model.mjs';
import { comment, prop, str } from './emit-types.mjs';
import { runtimeOfBuiltin } from './xsd.mjs';

export function descriptorLines(model, names, sorted) {
  const { schema } = model;
  const defaultNs = model.qualified ? model.namespace : '';
  const field = (f) => {
    const parts = [`name: ${str(f.name)}`];
    if (f.prop !== f.name) parts.push(`key: ${str(f.prop)}`);
    if (f.ns !== (f.kind === 'element' ? defaultNs : '')) parts.push(`ns: ${str(f.ns)}`);
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
    return `[\n${fields.map((f) => `${pad}  ${field(f)},`).join('\n')}\n${pad}]`;
  };

  // A body element's own type is inlined in its operation; other types are looked up by `ref`.
  const referenced = new Set();
  const reference = (fields) => {
    for (const f of fields) if (typeof f.type === 'object') referenced.add(f.type.key);
  };
  for (const t of sorted) if (t.kind === 'complex') reference(schema.flat(t.key));
  for (const op of model.operations) for (const m of [op.input, op.output]) reference(m.fields ?? []);

  const out = [
    `/** The ${comment(model.serviceName)} service: what @sso/soap needs to write requests and read responses. */`,
    'export const service = {',
    `  name: ${str(model.serviceName)},`,
    `  namespace: ${str(model.namespace)},`,
    `  qualified: ${model.qualified},`,
  ];
  if (model.soapVersion === '1.2') out.push(`  soapVersion: '1.2',`);
  if (model.location) out.push(`  location: ${str(model.location)},`);
  out.push('  types: {');
  for (const t of sorted) {
    if (t.kind !== 'complex' || (t.key.endsWith('#element') && !referenced.has(t.key))) continue;
    out.push(`    ${prop(names.get(t.key))}: {`, `      fields: ${fieldsBlock(schema.flat(t.key), 6)},`);
    if (t.base) out.push(`      base: ${str(names.get(t.base))},`);
    const subs = t.anonymous || !referenced.has(t.key) ? [] : schema.subtypesOf(t.key);
    if (subs.length > 0) {
      const entries = subs.map((k) => `${prop(schema.types.get(k).local)}: ${str(names.get(k))}`);
      out.push(`      subtypes: { ${entries.join(', ')} },`);
    }
    out.push('    },');
  }
  out.push('  },', '  operations: {');
  for (const op of model.operations) {
    out.push(
      `    ${prop(op.name)}: {`,
      `      name: ${str(op.name)},`,
      `      soapAction: ${str(op.soapAction)},`,
    );
    for (const direction of ['input', 'output']) {
      const m = op[direction];
      out.push(`      ${direction}: {`);
      if (m.element !== undefined) {
        out.push(`        element: ${str(m.element)},`);
        if (m.ns !== model.namespace) out.push(`        ns: ${str(m.ns)},`);
      }
      out.push(`        fields: ${fieldsBlock(messageFields(schema, m), 8)},`, '      },');
    }
    out.push('    },');
  }
  out.push('  },', '} as const satisfies SoapServiceDescriptor;', '');
  return out;
}
