// Reads a WSDL with node-soap's parser (see load.mjs), models it namespace by namespace (schema.mjs,
// operations.mjs) and writes one TypeScript module (emit.mjs). Regenerating is a no-op.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { emit } from './emit.mjs';
import { loadDefinitions } from './load.mjs';
import { buildModel } from './operations.mjs';

export { emit } from './emit.mjs';
export { Unsupported } from './schema.mjs';

/**
 * Parses WSDL text into the model `emit` writes. `options.service` / `options.port` choose among
 * several services or ports (default: the first service with a SOAP port, its SOAP 1.1 port first).
 */
export async function readWsdl(xml, uri = 'service.wsdl', options = {}) {
  const definitions = await loadDefinitions(xml, uri);
  return buildModel(definitions, options);
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
  if (previous === text) return { changed: false, text, model };
  writeFileSync(outPath, text);
  return { changed: true, text, model };
}
