// The runtime model of an OpenAPI 3.1 document: a type, check and guard per component schema, and
// the operation table (method, path, idempotency, secret fields of request and answer).
import { createEmitter, secretPaths } from './schema.mjs';

const SAFE_METHODS = new Set(['get', 'head', 'put', 'delete', 'options']);

export function openApiModel(doc) {
  const schemas = doc.components?.schemas ?? {};
  const emitter = createEmitter(schemas);
  for (const [name, schema] of Object.entries(schemas)) emitter.named(name, schema);

  const operations = {};
  const services = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (typeof op !== 'object' || !op.operationId || op['x-sso-client'] === false) continue;
      const request = op.requestBody?.content?.['application/json']?.schema;
      const answers = Object.values(op.responses ?? {}).map((r) => r.content?.['application/json']?.schema);
      operations[op.operationId] = {
        method: method.toUpperCase(),
        path,
        // POST is not idempotent unless the spec says so; the extension records what the document says.
        idempotent: op['x-sso-idempotent'] ?? SAFE_METHODS.has(method),
        requestSecrets: secretPaths(request, schemas),
        responseSecrets: [...new Set(answers.flatMap((schema) => secretPaths(schema, schemas)))],
      };
      Object.assign(services, op['x-sso-services'] ?? {});
    }
  }
  const tables = [
    `/** Every operation the client calls: where it goes, whether a resend is safe, which fields are secrets. */\nexport const operations = ${literal(operations)} as const;`,
  ];
  if (Object.keys(services).length > 0) {
    tables.push(
      `/** The services the client names, with their module and whether a resend is safe. */\nexport const services = ${literal(services)} as const;`,
    );
  }
  return `${emitter.source()}\n\n${tables.join('\n\n')}\n`;
}

export const literal = (value) => JSON.stringify(value, null, 2);
