#!/usr/bin/env node
// Usage: sso-wsdl-codegen <wsdl file> <output .ts file>
import { generateFile } from './generate.mjs';

const [wsdlPath, outPath] = process.argv.slice(2);
if (!wsdlPath || !outPath) {
  console.error('usage: sso-wsdl-codegen <wsdl file> <output .ts file>');
  process.exit(2);
}
try {
  const { changed } = await generateFile(wsdlPath, outPath);
  console.log(`${outPath}: ${changed ? 'written' : 'unchanged'}`);
} catch (error) {
  console.error(`sso-wsdl-codegen: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
