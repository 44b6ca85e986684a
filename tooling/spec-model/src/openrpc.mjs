// The runtime model of an OpenRPC document: a type, check and guard per component schema, a params
// and a result check per method, the method table (wire name, parameters, idempotency, secrets), and
// the names of the error codes the document lists.
import { literal } from './openapi.mjs';
import { createEmitter, secretPaths } from './schema.mjs';

/** `Core.token_login` → `CoreTokenLogin`. */
const pascal = (name) =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');

export function openRpcModel(doc) {
  const schemas = { ...(doc.components?.schemas ?? {}) };
  const methods = {};
  for (const method of doc.methods) {
    const base = pascal(method.name);
    // By-name params are an object whose keys are the params; no other key is sent.
    schemas[`${base}Params`] = {
      type: 'object',
      description: `The named params of ${method.name}.`,
      required: method.params.filter((p) => p.required).map((p) => p.name),
      properties: Object.fromEntries(
        method.params.map((p) => [
          p.name,
          p['x-sso-secret'] ? { ...p.schema, 'x-sso-secret': true } : p.schema,
        ]),
      ),
      additionalProperties: false,
    };
    schemas[`${base}Result`] = { ...method.result.schema, description: `The result of ${method.name}.` };
    methods[method['x-sso-operation'] ?? method.name] = {
      name: method.name,
      aliases: method['x-aliases'] ?? [],
      params: Object.fromEntries(method.params.map((p) => [p.name, p.required === true])),
      idempotent: method['x-sso-idempotent'] === true,
      paramSecrets: secretPaths(schemas[`${base}Params`], schemas),
      resultSecrets: secretPaths(method.result.schema, schemas),
    };
  }
  const emitter = createEmitter(schemas);
  for (const [name, schema] of Object.entries(schemas)) emitter.named(name, schema);
  const source = `${emitter.source()}\n\n/** The JSON-RPC methods the client calls, keyed by the client operation. */\nexport const methods = ${literal(methods)} as const;\n`;
  return doc.components?.errors ? `${source}${errorNames(doc.components.errors)}` : source;
}

/** `components.errors` (OpenRPC Error Objects) as the name of each code, keyed by the code. */
function errorNames(errors) {
  const names = {};
  for (const [key, error] of Object.entries(errors)) {
    if (!Number.isInteger(error.code) || typeof error.message !== 'string') {
      throw new Error(`spec-model: components.errors.${key} needs an integer code and a message`);
    }
    if (Object.hasOwn(names, error.code))
      throw new Error(`spec-model: error code ${error.code} is listed twice`);
    names[error.code] = error.message;
  }
  return `\n/** The JSON-RPC error codes the document names (\`components.errors\`), keyed by code. */\nexport const errors = ${literal(names)} as const;\n`;
}
