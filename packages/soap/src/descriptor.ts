/**
 * The shapes `@sso/wsdl-codegen` writes into a provider's `src/generated/` and this engine reads.
 * Everything the engine needs per call is in here, precomputed from the WSDL: no WSDL is parsed at
 * run time.
 */

/** The XSD built-in types the engine converts; anything else travels as a string. */
export type XsdType =
  | 'string'
  | 'boolean'
  | 'int'
  | 'long'
  | 'short'
  | 'byte'
  | 'integer'
  | 'unsignedInt'
  | 'unsignedLong'
  | 'unsignedShort'
  | 'decimal'
  | 'double'
  | 'float'
  | 'dateTime'
  | 'date'
  | 'time'
  | 'base64Binary'
  | 'anyURI'
  | 'guid';

export interface SoapField {
  /** Element name, also the property name in TypeScript. */
  readonly name: string;
  /** An XSD built-in type, or `complex` with `ref` naming an entry of the service's `types`. */
  readonly type: XsdType | 'complex';
  readonly ref?: string;
  readonly min: number;
  /** `'unbounded'` or a number; anything above 1 makes the property an array. */
  readonly max: number | 'unbounded';
  readonly nillable?: boolean;
  /** Allowed values of a restricted simple type (xs:enumeration). */
  readonly enum?: readonly string[];
}

export interface SoapComplexType {
  /** Ordered fields, inherited ones (complexContent extension) first. */
  readonly fields: readonly SoapField[];
  /** The base type name when the type extends another. */
  readonly base?: string;
}

export interface SoapMessageDescriptor {
  /** The wrapper element in soap:Body (document/literal). */
  readonly element: string;
  readonly fields: readonly SoapField[];
}

export interface SoapOperationDescriptor {
  readonly name: string;
  /** The SOAPAction URI (sent quoted). May be empty. */
  readonly soapAction: string;
  readonly input: SoapMessageDescriptor;
  readonly output: SoapMessageDescriptor;
}

export interface SoapServiceDescriptor {
  readonly name: string;
  /** targetNamespace of the schema that declares the body elements. */
  readonly namespace: string;
  /** elementFormDefault="qualified": child elements are in the target namespace too. */
  readonly qualified: boolean;
  /** The address in the WSDL (informative; clients take the URL from their options). */
  readonly location?: string;
  readonly types: Readonly<Record<string, SoapComplexType>>;
  readonly operations: Readonly<Record<string, SoapOperationDescriptor>>;
}

export function isRepeated(field: SoapField): boolean {
  return field.max === 'unbounded' || field.max > 1;
}
