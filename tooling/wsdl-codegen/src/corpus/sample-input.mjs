// A deterministic sample input for an operation, from its descriptor, and the same input in the
// shape node-soap's client takes (attributes under `attributes`, element text under `$value`).

const SAMPLE = {
  boolean: true,
  int: 7,
  long: 7,
  short: 7,
  byte: 7,
  integer: 7,
  unsignedInt: 7,
  unsignedLong: 7,
  unsignedShort: 7,
  decimal: 1.5,
  double: 1.5,
  float: 1.5,
  dateTime: '2024-01-02T03:04:05Z',
  date: '2024-01-02',
  time: '03:04:05',
};

const MAX_DEPTH = 3;

function simpleValue(field, path) {
  if (field.enum) return field.enum[0];
  return SAMPLE[field.type] ?? `v-${path}`;
}

/** Our input for `fields`: every field once down to MAX_DEPTH, required ones below it. */
export function sampleInput(service, fields, depth = 0, path = 'x') {
  const out = {};
  for (const f of fields) {
    if (f.wildcard) continue;
    if (depth >= MAX_DEPTH && f.min === 0) continue;
    const key = f.key ?? f.name;
    let value;
    if (f.type === 'complex') {
      const type = service.types[f.ref];
      value = depth >= MAX_DEPTH + 2 ? {} : sampleInput(service, type.fields, depth + 1, `${path}.${f.name}`);
    } else if (f.type === 'any') value = `v-${path}.${f.name}`;
    else value = simpleValue(f, `${path}.${f.name}`);
    const repeated = f.max === 'unbounded' || f.max > 1;
    out[key] = repeated ? [value] : value;
  }
  return out;
}

/** The same values in node-soap's input shape. */
export function nodeSoapInput(service, fields, value) {
  const out = {};
  const attributes = {};
  for (const f of fields) {
    const v = value[f.key ?? f.name];
    if (v === undefined) continue;
    if (f.attribute) attributes[f.name] = v;
    else if (f.text) out.$value = v;
    else if (f.type === 'complex') {
      const type = service.types[f.ref];
      const convert = (item) => nodeSoapInput(service, type.fields, item);
      out[f.name] = Array.isArray(v) ? v.map(convert) : convert(v);
    } else out[f.name] = v;
  }
  if (Object.keys(attributes).length > 0) out.attributes = attributes;
  return out;
}
