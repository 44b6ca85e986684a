// XSD built-in types: how each is written in TypeScript and which conversion the runtime applies.
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
export const SOAP_ENC_NS = 'http://schemas.xmlsoap.org/soap/encoding/';
/** The XSD namespace, and the drafts older WSDLs still use, whose built-ins mean the same. */
export const isXsdNamespace = (ns) =>
  ns === XSD_NS || ns === 'http://www.w3.org/2000/10/XMLSchema' || ns === 'http://www.w3.org/1999/XMLSchema';

const NUMBER = 'number';
/** Built-in name -> [TypeScript type, runtime XsdType]. Names missing here travel as strings. */
export const BUILTINS = {
  string: ['string', 'string'],
  boolean: ['boolean', 'boolean'],
  int: [NUMBER, 'int'],
  long: [NUMBER, 'long'],
  short: [NUMBER, 'short'],
  byte: [NUMBER, 'byte'],
  integer: [NUMBER, 'integer'],
  nonNegativeInteger: [NUMBER, 'unsignedLong'],
  positiveInteger: [NUMBER, 'unsignedLong'],
  nonPositiveInteger: [NUMBER, 'integer'],
  negativeInteger: [NUMBER, 'integer'],
  unsignedInt: [NUMBER, 'unsignedInt'],
  unsignedLong: [NUMBER, 'unsignedLong'],
  unsignedShort: [NUMBER, 'unsignedShort'],
  unsignedByte: [NUMBER, 'unsignedShort'],
  decimal: [NUMBER, 'decimal'],
  double: [NUMBER, 'double'],
  float: [NUMBER, 'float'],
  dateTime: ['string', 'dateTime'],
  date: ['string', 'date'],
  time: ['string', 'time'],
  base64Binary: ['string', 'base64Binary'],
  anyURI: ['string', 'anyURI'],
  guid: ['string', 'guid'],
};

/** The built-in a type name in the XSD (or SOAP encoding) namespace stands for. */
export function builtinOf(local) {
  if (local === 'anyType') return 'anyType';
  return local in BUILTINS ? local : 'string';
}

export const tsOfBuiltin = (name) => BUILTINS[name]?.[0] ?? 'string';
export const runtimeOfBuiltin = (name) => BUILTINS[name]?.[1] ?? 'string';
