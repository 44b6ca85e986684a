// From services, ports and bindings to operations: which port is used, how each message is carried
// in the Body (document or rpc, which element in which namespace), and which operations are
// refused, each with the construct and where it was met.
import { SchemaModel, Unsupported } from './schema.mjs';

export const SOAP11_BINDING_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
export const SOAP12_BINDING_NS = 'http://schemas.xmlsoap.org/wsdl/soap12/';

const localOf = (qname = '') => qname.slice(qname.indexOf(':') + 1);

/** Chooses the service and the SOAP port (SOAP 1.1 unless asked otherwise). */
function pickPort(defs, options) {
  const soapPorts = (service) => service.ports.filter((p) => defs.bindings.has(localOf(p.binding)));
  const services = options.service
    ? defs.services.filter((s) => s.name === options.service)
    : defs.services.filter((s) => soapPorts(s).length > 0);
  if (services.length === 0) {
    throw new Unsupported(
      options.service ? `no service named ${options.service}` : 'no service with a SOAP port',
      'wsdl:service',
    );
  }
  const service = services[0];
  const ports = soapPorts(service);
  const port = options.port
    ? ports.find((p) => p.name === options.port)
    : (ports.find((p) => defs.bindings.get(localOf(p.binding)).soapNs !== SOAP12_BINDING_NS) ?? ports[0]);
  if (!port) throw new Unsupported(`no SOAP port named ${options.port}`, `wsdl:service ${service.name}`);
  return { service, port, others: defs.services.map((s) => s.name).filter((n) => n !== service.name) };
}

/** The whole model of one WSDL: schema, chosen port, supported operations and refusals. */
export function buildModel(defs, options = {}) {
  const schema = new SchemaModel(defs);
  if (
    !options.service &&
    !defs.services.some((s) => s.ports.some((p) => defs.bindings.has(localOf(p.binding))))
  ) {
    return typesOnly(defs, schema);
  }
  const { service, port, others } = pickPort(defs, options);
  const binding = defs.bindings.get(localOf(port.binding));
  const portType = defs.portTypes.get(localOf(binding.type));
  if (!portType) throw new Unsupported(`undefined portType ${binding.type}`, `wsdl:binding ${binding.name}`);
  const soapVersion = binding.soapNs === SOAP12_BINDING_NS ? '1.2' : '1.1';
  const operations = [];
  const refused = [];
  for (const bop of binding.operations.values()) {
    const where = `wsdl:binding ${binding.name}, operation ${bop.name}`;
    try {
      const pop = portType.operations.get(bop.name);
      if (!pop) throw new Unsupported('a binding operation missing from the portType', where);
      const style = bop.style ?? binding.style ?? 'document';
      operations.push({
        name: bop.name,
        soapAction: bop.soapAction ?? '',
        style,
        inputMessage: pop.input && localOf(pop.input.message),
        outputMessage: pop.output && localOf(pop.output.message),
        input: message(schema, defs, pop.input, bop.input, style, bop.name, `${where}, input`),
        output: message(
          schema,
          defs,
          pop.output,
          bop.output,
          style,
          `${bop.name}Response`,
          `${where}, output`,
        ),
      });
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      refused.push({ operation: bop.name, construct: error.construct, where: error.where });
    }
  }
  if (operations.some((op) => hasComplex(schema, op))) schema.loadAllNamedTypes();
  const first = operations.find((op) => op.input.element !== undefined);
  const namespace = first?.input.ns ?? binding.operations.values().next().value?.input?.namespace ?? '';
  return {
    serviceName: service.name,
    portName: port.name,
    otherServices: others,
    location: port.location,
    soapVersion,
    namespace,
    qualified: schema.schema(namespace)?.$elementFormDefault === 'qualified',
    schema,
    operations,
    refused,
  };
}

/**
 * A WSDL without a SOAP service (a file other WSDLs import): a module of its schema types only,
 * every global element and named type, with no operations.
 */
function typesOnly(defs, schema) {
  const roots = [];
  for (const [key, s] of Object.entries(defs.schemas)) {
    const ns = key === 'undefined' ? '' : key;
    const model = (where, build) => {
      try {
        roots.push(build());
      } catch (error) {
        if (!(error instanceof Unsupported)) throw error;
        schema.skipped.add(`${where}: ${error.construct} (at ${error.where})`);
      }
    };
    for (const local of Object.keys(s.elements))
      model(`element {${ns}}${local}`, () => schema.element(ns, local, `element {${ns}}${local}`).type);
    for (const local of [...Object.keys(s.complexTypes), ...Object.keys(s.types)]) {
      model(`type {${ns}}${local}`, () => ({ key: schema.namedType(ns, local, `type {${ns}}${local}`) }));
    }
  }
  schema.skipped.add('no service with a SOAP port: types only, no operations');
  return {
    serviceName: defs.xmlns.__tns__ ?? 'types',
    portName: '(none)',
    otherServices: [],
    location: undefined,
    soapVersion: '1.1',
    namespace: defs.xmlns.__tns__ ?? '',
    qualified: false,
    schema,
    operations: [],
    refused: [],
    roots: roots.filter((r) => typeof r === 'object'),
  };
}

const hasComplex = (schema, op) =>
  [op.input, op.output].some(
    (m) => typeof m.type === 'object' && schema.types.get(m.type.key)?.kind === 'complex',
  );

/**
 * One message as carried in the Body: `element` and `ns` of the body element (undefined for an empty
 * Body) and either `type` (document: the element's type) or `fields` (rpc: one per part).
 */
function message(schema, defs, portIo, bindingIo, style, rpcName, where) {
  if (!portIo) return { element: undefined, ns: '', fields: [] };
  const use = bindingIo?.use ?? 'literal';
  if (use !== 'literal') throw new Unsupported(`${style}/${use} (SOAP encoding)`, where);
  const msg = defs.messages.get(localOf(portIo.message));
  if (!msg) throw new Unsupported(`undefined message ${portIo.message}`, where);
  const wanted = bindingIo?.parts?.split(/\s+/).filter(Boolean);
  const parts = wanted ? msg.parts.filter((p) => wanted.includes(p.name)) : msg.parts;
  const partWhere = (p) => `${where}, message ${msg.name}, part ${p.name}`;
  if (style === 'rpc') {
    const fields = parts.map((p) => partField(schema, p, partWhere(p)));
    // WSDL 1.1 asks for soap:body namespace= on rpc; without it, take the WSDL's targetNamespace.
    return { element: rpcName, ns: bindingIo?.namespace ?? defs.xmlns.__tns__ ?? '', fields };
  }
  if (parts.length === 0) return { element: undefined, ns: '', fields: [] };
  if (parts.length > 1) {
    // Several parts: each is a child of the Body itself, there is no wrapper element.
    return { element: undefined, ns: '', fields: parts.map((p) => partField(schema, p, partWhere(p))) };
  }
  const [part] = parts;
  if (part.element) {
    const { ns, local } = schema.resolve(part.element, part.node, undefined);
    const decl = schema.element(ns, local, partWhere(part));
    return { element: local, ns, type: decl.type, nillable: decl.nillable };
  }
  if (!part.type) throw new Unsupported('a part with neither element nor type', partWhere(part));
  // A document-style part given by type= is carried as an unqualified element named after the part.
  return {
    element: part.name,
    ns: '',
    type: schema.typeRef(part.type, part.node, undefined, partWhere(part)),
  };
}

/** A part as a child element: the element it names (qualified), or one named after it (unqualified). */
function partField(schema, p, where) {
  if (p.element) {
    const { ns, local } = schema.resolve(p.element, p.node, undefined);
    const decl = schema.element(ns, local, where);
    return { kind: 'element', name: local, ns, type: decl.type, min: 1, max: 1, nillable: decl.nillable };
  }
  if (!p.type) throw new Unsupported('a part with neither element nor type', where);
  const type = schema.typeRef(p.type, p.node, undefined, where);
  return { kind: 'element', name: p.name, ns: '', type, min: 1, max: 1, nillable: false };
}
