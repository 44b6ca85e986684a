/** The generated model (TypeScript source) of a parsed OpenAPI or OpenRPC document. */
export function generateModel(doc: unknown, source: string): string;
/** Parses a spec file: YAML, or JSON when the name ends in `.json`. */
export function readSpec(path: string): any;
