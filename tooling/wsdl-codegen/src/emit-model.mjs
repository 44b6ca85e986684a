// What a module holds: the types reachable from the operations, the property name of every field,
// and the fields of each message as carried in the Body.

export const isRepeated = (f) => f.max === 'unbounded' || f.max > 1;

/** Types reachable from the operations (fields, bases and, for xsi:type, subtypes). */
export function reachable(model) {
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
export function assignProps(model, types) {
  const { schema } = model;
  const depth = (t) => (t.base ? 1 + depth(schema.types.get(t.base)) : 0);
  // Base types first: a derived interface extends its base's properties.
  for (const t of [...types].filter((x) => x.kind === 'complex').sort((a, b) => depth(a) - depth(b))) {
    propsOf(schema.flat(t.key));
  }
  for (const op of model.operations) for (const m of [op.input, op.output]) if (m.fields) propsOf(m.fields);
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
}

export const isComplexRef = (schema, ref) =>
  typeof ref === 'object' && schema.types.get(ref.key).kind === 'complex';

/** The fields of a message in the Body: rpc parts, or by the kind of the body element's type. */
export function messageFields(schema, m) {
  if (m.fields) return m.fields;
  if (m.type === 'anyType') {
    return [{ kind: 'any', name: '$any', prop: '$any', ns: '', type: 'anyType', min: 0, max: 'unbounded' }];
  }
  if (isComplexRef(schema, m.type)) return schema.flat(m.type.key);
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
}
