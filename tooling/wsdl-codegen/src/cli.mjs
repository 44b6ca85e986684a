#!/usr/bin/env node
// Usage: sso-wsdl-codegen <wsdl file> <output .ts file> [--service <name>] [--port <name>]
import { parseArgs } from 'node:util';
import { generateFile } from './generate.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { service: { type: 'string' }, port: { type: 'string' } },
});
const [wsdlPath, outPath] = positionals;
if (!wsdlPath || !outPath) {
  console.error('usage: sso-wsdl-codegen <wsdl file> <output .ts file> [--service <name>] [--port <name>]');
  process.exit(2);
}
try {
  const { changed, model } = await generateFile(wsdlPath, outPath, values);
  console.log(`${outPath}: ${changed ? 'written' : 'unchanged'}`);
  for (const r of model.refused)
    console.warn(`  refused ${r.operation}: ${r.construct} (at ${wsdlPath}: ${r.where})`);
} catch (error) {
  console.error(`sso-wsdl-codegen: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
