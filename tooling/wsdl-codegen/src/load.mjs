// Loads a WSDL (and the WSDLs and schemas it imports) with node-soap's parser and keeps the raw
// definitions: node-soap's own post-processing rewrites messages and bindings in ways that lose
// namespaces, and it throws on constructs we can still handle per operation, so the definitions are
// taken as they stand once the imports are merged, before that post-processing runs.
import { createRequire } from 'node:module';
import soap from 'soap';

const require = createRequire(import.meta.url);
const elements = require('soap/lib/wsdl/elements.js');

// node-soap drops the namespace of <soap:binding> and the attributes of <soap:body>; record them on
// the parent as they are added. This only adds properties, so node-soap itself behaves as before.
let patched = false;
function recordBindingDetails() {
  if (patched) return;
  patched = true;
  const bindingAdd = elements.BindingElement.prototype.addChild;
  elements.BindingElement.prototype.addChild = function addChild(child) {
    if (child.name === 'binding') this.$soapNs = namespaceOfPrefix(child, child.prefix);
    return bindingAdd.call(this, child);
  };
  for (const Cls of [elements.InputElement, elements.OutputElement]) {
    const add = Cls.prototype.addChild;
    Cls.prototype.addChild = function addChild(child) {
      if (child instanceof elements.BodyElement) {
        this.$bodyNamespace = child.$namespace;
        this.$bodyParts = child.$parts;
        this.$bodyUse = child.$use;
      }
      return add.call(this, child);
    };
  }
  // Merging an imported schema into another keeps only its maps; keep its children too, where
  // node-soap left the types it would not map (those named like an XSD built-in, e.g. tns:boolean).
  const merge = elements.SchemaElement.prototype.merge;
  elements.SchemaElement.prototype.merge = function mergeSchema(source) {
    this.$keptChildren = [
      ...(this.$keptChildren ?? []),
      ...(source.children ?? []),
      ...(source.$keptChildren ?? []),
    ];
    return merge.call(this, source);
  };
  const opAdd = elements.OperationElement.prototype.addChild;
  elements.OperationElement.prototype.addChild = function addChild(child) {
    if (child instanceof elements.OperationElement) this.$soapNs = namespaceOfPrefix(child, child.prefix);
    return opAdd.call(this, child);
  };
}

function namespaceOfPrefix(node, prefix) {
  return node.xmlns?.[prefix] ?? node.definitionsXmlns?.[prefix];
}

/** The merged raw definitions of a WSDL, or throws node-soap's parse/import error. */
export async function loadDefinitions(xml, uri) {
  recordBindingDetails();
  return new Promise((resolve, reject) => {
    let settled = false;
    const wsdl = new soap.WSDL(xml, uri, {});
    const processIncludes = wsdl.processIncludes.bind(wsdl);
    // Runs after the constructor's synchronous part, before node-soap's next tick parses the text.
    wsdl.processIncludes = (callback) =>
      processIncludes((error) => {
        settled = true;
        if (error) reject(error);
        else {
          try {
            resolve(snapshot(wsdl.definitions));
          } catch (cause) {
            reject(cause);
          }
        }
        // Let node-soap post-process for its own sake; its errors are not ours.
        callback(error);
      });
    wsdl.onReady((error) => {
      if (!settled) {
        settled = true;
        reject(error ?? new Error('node-soap finished without definitions'));
      }
    });
  });
}

const partsOf = (node) => (node?.children ?? []).filter((c) => c.name === 'part');

/** Copies what post-processing would remove: message parts, operations, binding and port details. */
function snapshot(definitions) {
  const messages = new Map();
  for (const [name, message] of Object.entries(definitions.messages ?? {})) {
    messages.set(name, {
      name,
      parts: partsOf(message).map((p) => ({ name: p.$name, element: p.$element, type: p.$type, node: p })),
    });
  }
  const portTypes = new Map();
  for (const [name, portType] of Object.entries(definitions.portTypes ?? {})) {
    const operations = new Map();
    for (const op of portType.children ?? []) {
      if (op.name !== 'operation') continue;
      const io = (kind) => {
        const c = (op.children ?? []).find((x) => x.name === kind);
        return c ? { message: c.$message, node: c } : undefined;
      };
      operations.set(op.$name, { name: op.$name, input: io('input'), output: io('output') });
    }
    portTypes.set(name, { name, operations });
  }
  const bindings = new Map();
  for (const [name, binding] of Object.entries(definitions.bindings ?? {})) {
    const operations = new Map();
    for (const op of binding.children ?? []) {
      if (op.name !== 'operation') continue;
      const io = (kind) => {
        const c = (op.children ?? []).find((x) => x.name === kind);
        return c
          ? { use: c.$bodyUse ?? c.use, namespace: c.$bodyNamespace, parts: c.$bodyParts, present: true }
          : undefined;
      };
      operations.set(op.$name, {
        name: op.$name,
        soapAction: op.soapAction ?? '',
        style: op.style || undefined,
        soapNs: op.$soapNs,
        input: io('input'),
        output: io('output'),
      });
    }
    bindings.set(name, {
      name,
      type: binding.$type,
      style: binding.style || 'document',
      soapNs: binding.$soapNs,
      node: binding,
      operations,
    });
  }
  const services = [];
  for (const [name, service] of Object.entries(definitions.services ?? {})) {
    const ports = (service.children ?? [])
      .filter((c) => c.name === 'port')
      .map((p) => ({ name: p.$name, binding: p.$binding, location: p.location ?? undefined }));
    services.push({ name, ports });
  }
  return {
    schemas: definitions.schemas ?? {},
    xmlns: definitions.xmlns ?? {},
    messages,
    portTypes,
    bindings,
    services,
  };
}
