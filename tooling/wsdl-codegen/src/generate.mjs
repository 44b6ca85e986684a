// Reads a WSDL with node-soap's WSDL parser and writes one TypeScript module: an interface for
// every complex type and body element, an alias for every message, and the @sso/soap service
// descriptor (operations with SOAPAction, namespace, qualification, ordered input fields with XSD
// types, output shape). The output depends only on the WSDL text, so regenerating is a no-op.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import soap from 'soap';

const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
const SOAP11_BINDING_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';

/** XSD built-ins the runtime converts, and how they appear in TypeScript. */
const XSD_TS = {
  string: 'string',
  normalizedString: 'string',
  token: 'string',
  anyURI: 'string',
  QName: 'string',
  dateTime: 'string',
  date: 'string',
  time: 'string',
  duration: 'string',
  base64Binary: 'string',
  hexBinary: 'string',
  guid: 'string',
  boolean: 'boolean',
  int: 'number',
  long: 'number',
  short: 'number',
  byte: 'number',
  integer: 'number',
  unsignedInt: 'number',
  unsignedLong: 'number',
  unsignedShort: 'number',
  decimal: 'number',
  double: 'number',
  float: 'number',
};
/** Types the runtime knows by name; the rest travel as strings. */
const RUNTIME_TYPES = new Set([
  'string',
  'boolean',
  'int',
  'long',
  'short',
  'byte',
  'integer',
  'unsignedInt',
  'unsignedLong',
  'unsignedShort',
  'decimal',
  'double',
  'float',
  'dateTime',
  'date',
  'time',
  'base64Binary',
  'anyURI',
  'guid',
]);

/** Parses WSDL text with node-soap and resolves it into a plain, ordered model. */
export async function readWsdl(xml, uri = 'service.wsdl', options = {}) {
  const wsdl = new soap.WSDL(xml, uri, {});
  await new Promise((res, rej) => wsdl.onReady((error) => (error ? rej(error) : res())));
  return buildModel(wsdl.definitions, xml, options);
}

function splitQName(qname) {
  const i = qname.indexOf(':');
  return i < 0 ? { prefix: '', name: qname } : { prefix: qname.slice(0, i), name: qname.slice(i + 1) };
}

function resolveNs(prefix, el, definitions) {
  return el.schemaXmlns?.[prefix] ?? el.xmlns?.[prefix] ?? definitions.xmlns?.[prefix];
}

function buildModel(definitions, xml, options) {
  const schemas = Object.values(definitions.schemas);
  if (schemas.length === 0) throw new Error('the WSDL has no schema');
  const complexTypes = new Map(); // name -> { name, base, own: Field[] }
  const simpleTypes = new Map(); // name -> { name, base, enum }
  const elements = new Map(); // name -> { name, fields } (anonymous complexType body elements)
  const schemaOf = new Map();

  const fieldOf = (el, owner) => {
    const name = el.$name ?? splitQName(el.$ref ?? '').name;
    if (!name) throw new Error(`${owner}: an element has no name`);
    const min = el.$minOccurs === undefined ? 1 : Number(el.$minOccurs);
    const max =
      el.$maxOccurs === undefined ? 1 : el.$maxOccurs === 'unbounded' ? 'unbounded' : Number(el.$maxOccurs);
    const field = { name, min, max, nillable: el.$nillable === 'true' };
    if (el.$type) {
      const { prefix, name: local } = splitQName(el.$type);
      const ns = resolveNs(prefix, el, definitions);
      if (ns === XSD_NS) {
        if (!(local in XSD_TS)) throw new Error(`${owner}.${name}: unsupported XSD type xs:${local}`);
        field.type = local;
      } else {
        field.type = { ns, name: local };
      }
    } else {
      const anonymous = (el.children ?? []).find((c) => c.name === 'complexType' || c.name === 'simpleType');
      if (!anonymous) field.type = 'string';
      else if (anonymous.name === 'simpleType') {
        const typeName = `${owner}_${name}`;
        simpleTypes.set(typeName, readSimpleType(typeName, anonymous, definitions));
        field.type = { ns: undefined, name: typeName, local: true };
      } else {
        const typeName = `${owner}${name[0].toUpperCase()}${name.slice(1)}`;
        complexTypes.set(typeName, readComplexType(typeName, anonymous));
        field.type = { ns: undefined, name: typeName, local: true };
      }
    }
    return field;
  };

  const readParticles = (node, owner, out) => {
    for (const child of node.children ?? []) {
      if (child.name === 'element') out.push(fieldOf(child, owner));
      else if (child.name === 'sequence' || child.name === 'all') readParticles(child, owner, out);
      else if (child.name === 'choice') {
        // A choice: every branch may be absent.
        const branch = [];
        readParticles(child, owner, branch);
        for (const f of branch) out.push({ ...f, min: 0 });
      } else if (child.name === 'attribute' || child.name === 'anyAttribute' || child.name === 'annotation') {
        // Attributes are not used by these services; the body carries elements only.
      } else if (child.name === 'any') {
        throw new Error(`${owner}: xs:any is not supported`);
      }
    }
    return out;
  };

  function readComplexType(name, node) {
    const type = { name, base: undefined, own: [] };
    for (const child of node.children ?? []) {
      if (child.name === 'complexContent' || child.name === 'simpleContent') {
        for (const inner of child.children ?? []) {
          if (inner.name === 'extension' || inner.name === 'restriction') {
            const { prefix, name: baseName } = splitQName(inner.$base);
            const ns = resolveNs(prefix, inner, definitions);
            if (ns === XSD_NS) throw new Error(`${name}: simpleContent over xs:${baseName} is not supported`);
            if (inner.name === 'extension') type.base = baseName;
            readParticles(inner, name, type.own);
          }
        }
      } else {
        readParticles({ children: [child] }, name, type.own);
      }
    }
    return type;
  }

  function readSimpleType(name, node) {
    const restriction = (node.children ?? []).find((c) => c.name === 'restriction');
    if (!restriction) return { name, base: 'string', enum: undefined };
    const { prefix, name: baseName } = splitQName(restriction.$base ?? 'xs:string');
    const ns = resolveNs(prefix, restriction, definitions);
    const values = (restriction.children ?? []).filter((c) => c.name === 'enumeration').map((c) => c.$value);
    return { name, base: ns === XSD_NS ? baseName : 'string', enum: values.length > 0 ? values : undefined };
  }

  let namespace;
  let qualified;
  for (const schema of schemas) {
    const ns = schema.$targetNamespace;
    namespace ??= ns;
    qualified ??= schema.$elementFormDefault === 'qualified';
    for (const [name, node] of Object.entries(schema.complexTypes)) {
      complexTypes.set(name, readComplexType(name, node));
      schemaOf.set(name, ns);
    }
    for (const [name, node] of Object.entries(schema.types))
      simpleTypes.set(name, readSimpleType(name, node));
    for (const [name, node] of Object.entries(schema.elements)) {
      const anonymous = (node.children ?? []).find((c) => c.name === 'complexType');
      if (anonymous) elements.set(name, { name, ...readComplexType(name, anonymous), typed: false });
      else if (node.$type) elements.set(name, { name, ref: splitQName(node.$type).name, typed: true });
    }
  }

  // The SOAP 1.1 port: node-soap drops the binding's namespace, so read which bindings are SOAP 1.1
  // from the WSDL text (prefixes bound to the wsdl/soap/ namespace), falling back to the first port.
  const soap11Prefixes = [...xml.matchAll(/xmlns:([A-Za-z_][\w.-]*)="([^"]*)"/g)]
    .filter((m) => m[2] === SOAP11_BINDING_NS)
    .map((m) => m[1]);
  const soap11Bindings = new Set();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?binding\s+[^>]*name="([^"]+)"[^>]*>\s*<([\w.-]+):binding\b/g)) {
    if (soap11Prefixes.includes(m[2])) soap11Bindings.add(m[1]);
  }
  const services = Object.entries(definitions.services);
  if (services.length === 0) throw new Error('the WSDL has no service');
  const [serviceName, service] = services[0];
  const ports = Object.entries(service.ports);
  const port =
    ports.find(([name]) => name === options.port) ??
    ports.find(([, p]) => soap11Bindings.has(bindingName(definitions, p.binding))) ??
    ports[0];
  if (!port) throw new Error(`service ${serviceName} has no SOAP port`);
  const binding = port[1].binding;

  const operations = [];
  for (const [opName, method] of Object.entries(binding.methods)) {
    const inputElement = method.input?.$name;
    const outputElement = method.output?.$name;
    if (!inputElement || !outputElement)
      throw new Error(`${opName}: only document/literal operations are supported`);
    operations.push({
      name: opName,
      soapAction: method.soapAction ?? '',
      input: inputElement,
      output: outputElement,
      inputMessage: messageName(definitions, method.input),
      outputMessage: messageName(definitions, method.output),
    });
  }

  // Flatten extensions once, base fields first, so the runtime never walks a hierarchy.
  const flat = new Map();
  const flatten = (name, seen = new Set()) => {
    if (flat.has(name)) return flat.get(name);
    if (seen.has(name)) throw new Error(`${name}: circular extension`);
    seen.add(name);
    const type = complexTypes.get(name);
    if (!type) throw new Error(`unknown complex type ${name}`);
    const fields = [...(type.base ? flatten(type.base, seen) : []), ...type.own];
    flat.set(name, fields);
    return fields;
  };
  for (const name of complexTypes.keys()) flatten(name);

  return {
    serviceName,
    portName: port[0],
    namespace,
    qualified: Boolean(qualified),
    location: port[1].location ?? undefined,
    complexTypes,
    simpleTypes,
    elements,
    flat,
    operations,
  };
}

function bindingName(definitions, binding) {
  return Object.entries(definitions.bindings).find(([, b]) => b === binding)?.[0];
}

function messageName(definitions, element) {
  // After node-soap's post-processing a message holds the element of its `parameters` part.
  const names = [
    ...new Set(
      Object.values(definitions.messages)
        .filter((m) => m.element === element)
        .map((m) => m.$name),
    ),
  ].sort();
  return names[0];
}

// ---------------------------------------------------------------------------------------------
// Emitting

const IDENT = /^[A-Za-z_$][\w$]*$/;
const prop = (name) => (IDENT.test(name) ? name : `'${name.replace(/'/g, "\\'")}'`);
const str = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function tsTypeOf(model, field) {
  let base;
  if (typeof field.type === 'string') base = XSD_TS[field.type];
  else if (model.complexTypes.has(field.type.name)) base = field.type.name;
  else if (model.simpleTypes.has(field.type.name)) base = field.type.name;
  else throw new Error(`unknown type ${field.type.name} of ${field.name}`);
  if (field.nillable) base = `${base} | null`;
  const repeated = field.max === 'unbounded' || field.max > 1;
  return repeated ? (field.nillable ? `Array<${base}>` : `${base}[]`) : base;
}

function descriptorField(model, field) {
  const parts = [`name: ${str(field.name)}`];
  if (typeof field.type === 'string') {
    parts.push(`type: ${str(RUNTIME_TYPES.has(field.type) ? field.type : 'string')}`);
  } else if (model.complexTypes.has(field.type.name)) {
    parts.push(`type: 'complex'`, `ref: ${str(field.type.name)}`);
  } else {
    const simple = model.simpleTypes.get(field.type.name);
    parts.push(`type: ${str(RUNTIME_TYPES.has(simple.base) ? simple.base : 'string')}`);
    if (simple.enum) parts.push(`enum: [${simple.enum.map(str).join(', ')}]`);
  }
  parts.push(`min: ${field.min}`, `max: ${typeof field.max === 'number' ? field.max : str(field.max)}`);
  if (field.nillable) parts.push('nillable: true');
  return `{ ${parts.join(', ')} }`;
}

function fieldsBlock(model, fields, indent) {
  if (fields.length === 0) return '[]';
  const pad = ' '.repeat(indent);
  return `[\n${fields.map((f) => `${pad}  ${descriptorField(model, f)},`).join('\n')}\n${pad}]`;
}

function interfaceBody(model, fields) {
  if (fields.length === 0) return '{}';
  const lines = fields.map((f) => {
    const optional = f.min === 0 && !(f.max === 'unbounded' || f.max > 1) ? '?' : '';
    const repeatedOptional = f.min === 0 && (f.max === 'unbounded' || f.max > 1) ? '?' : '';
    return `  ${prop(f.name)}${optional || repeatedOptional}: ${tsTypeOf(model, f)};`;
  });
  return `{\n${lines.join('\n')}\n}`;
}

function elementFields(model, name) {
  const element = model.elements.get(name);
  if (!element) throw new Error(`unknown body element ${name}`);
  if (!element.typed) return element.own;
  return model.flat.get(element.ref);
}

function elementTypeName(model, name) {
  const element = model.elements.get(name);
  if (element.typed) return element.ref;
  return model.complexTypes.has(name) ? `${name}Element` : name;
}

/** The TypeScript module for one WSDL. */
export function emit(model, { source }) {
  const out = [];
  out.push(
    `// Generated by @sso/wsdl-codegen from ${source} (service ${model.serviceName}, port ${model.portName}).`,
  );
  out.push('// Do not edit: change the WSDL and run `pnpm codegen`.');
  out.push("import type { SoapServiceDescriptor } from '@sso/soap';");
  out.push('');

  const sortedSimple = [...model.simpleTypes.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const t of sortedSimple) {
    out.push(`/** xs:simpleType ${t.name}${t.enum ? ' (enumeration)' : ''} */`);
    out.push(
      `export type ${t.name} = ${t.enum ? t.enum.map(str).join(' | ') : (XSD_TS[t.base] ?? 'string')};`,
    );
    out.push('');
  }

  const sortedComplex = [...model.complexTypes.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const t of sortedComplex) {
    out.push(`/** xs:complexType ${t.name}${t.base ? ` (extends ${t.base})` : ''} */`);
    const ext = t.base ? ` extends ${t.base}` : '';
    out.push(`export interface ${t.name}${ext} ${interfaceBody(model, t.own)}`);
    out.push('');
  }

  const sortedElements = [...model.elements.values()]
    .filter((e) => !e.typed)
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const e of sortedElements) {
    out.push(`/** Body element <${e.name}> */`);
    out.push(`export interface ${elementTypeName(model, e.name)} ${interfaceBody(model, e.own)}`);
    out.push('');
  }

  const messages = model.operations
    .flatMap((op) => [
      [op.inputMessage, op.input],
      [op.outputMessage, op.output],
    ])
    // A message named like its element already has that type.
    .filter(([m, element]) => m !== undefined && m !== elementTypeName(model, element))
    .sort((a, b) => a[0].localeCompare(b[0]));
  for (const [message, element] of messages) {
    out.push(`/** wsdl:message ${message} */`);
    out.push(`export type ${message} = ${elementTypeName(model, element)};`);
  }
  if (messages.length > 0) out.push('');

  out.push('/** Input and output of every operation, for `createSoapClient<Operations>`. */');
  out.push('export interface Operations {');
  for (const op of model.operations) {
    out.push(
      `  ${prop(op.name)}: { input: ${elementTypeName(model, op.input)}; output: ${elementTypeName(model, op.output)} };`,
    );
  }
  out.push('}');
  out.push('');

  out.push(
    `/** The ${model.serviceName} service: what @sso/soap needs to write requests and read responses. */`,
  );
  out.push('export const service = {');
  out.push(`  name: ${str(model.serviceName)},`);
  out.push(`  namespace: ${str(model.namespace)},`);
  out.push(`  qualified: ${model.qualified},`);
  if (model.location) out.push(`  location: ${str(model.location)},`);
  out.push('  types: {');
  const referenced = [...model.complexTypes.keys()].sort((a, b) => a.localeCompare(b));
  for (const name of referenced) {
    const t = model.complexTypes.get(name);
    out.push(`    ${prop(name)}: {`);
    out.push(`      fields: ${fieldsBlock(model, model.flat.get(name), 6)},`);
    if (t.base) out.push(`      base: ${str(t.base)},`);
    out.push('    },');
  }
  out.push('  },');
  out.push('  operations: {');
  for (const op of model.operations) {
    out.push(`    ${prop(op.name)}: {`);
    out.push(`      name: ${str(op.name)},`);
    out.push(`      soapAction: ${str(op.soapAction)},`);
    for (const direction of ['input', 'output']) {
      out.push(`      ${direction}: {`);
      out.push(`        element: ${str(op[direction])},`);
      out.push(`        fields: ${fieldsBlock(model, elementFields(model, op[direction]), 8)},`);
      out.push('      },');
    }
    out.push('    },');
  }
  out.push('  },');
  out.push('} as const satisfies SoapServiceDescriptor;');
  out.push('');
  return out.join('\n');
}

/** Generates the module for a WSDL file; writes it only when the text changed. */
export async function generateFile(wsdlPath, outPath, options = {}) {
  const xml = readFileSync(wsdlPath, 'utf8');
  const model = await readWsdl(xml, resolve(wsdlPath), options);
  const root = resolve(new URL('../../..', import.meta.url).pathname);
  const source = relative(root, resolve(wsdlPath)) || basename(wsdlPath);
  const text = emit(model, { source });
  let previous;
  try {
    previous = readFileSync(outPath, 'utf8');
  } catch {
    previous = undefined;
  }
  if (previous === text) return { changed: false, text };
  writeFileSync(outPath, text);
  return { changed: true, text };
}
