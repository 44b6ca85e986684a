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

/** Opaque XML (`xs:any`, `xs:anyType`): passed through as text, checked to be well-formed. */
export interface SoapXml {
  readonly xml: string;
}

export interface SoapField {
  /** Local name of the element or attribute. */
  readonly name: string;
  /** The property name in TypeScript when it is not `name` (an attribute named like an element). */
  readonly key?: string;
  /**
   * The namespace the element (or attribute) is written in; `''` for an unqualified one. When
   * absent: the service namespace for elements of a `qualified` service, else none.
   */
  readonly ns?: string;
  /**
   * An XSD built-in type, `complex` with `ref` naming an entry of the service's `types`, or `any`:
   * opaque XML (`SoapXml`).
   */
  readonly type: XsdType | 'complex' | 'any';
  readonly ref?: string;
  readonly min: number;
  /** `'unbounded'` or a number; anything above 1 makes the property an array. */
  readonly max: number | 'unbounded';
  readonly nillable?: boolean;
  /** Allowed values of a restricted simple type (xs:enumeration). */
  readonly enum?: readonly string[];
  /** An attribute of the element that holds the other fields. */
  readonly attribute?: boolean;
  /** The text of the element itself (simpleContent), under the key `$value`. */
  readonly text?: boolean;
  /** `xs:any`: every child element no other field names, each as `SoapXml`. */
  readonly wildcard?: boolean;
}

export interface SoapComplexType {
  /** Ordered fields, inherited ones (complexContent extension) first. */
  readonly fields: readonly SoapField[];
  /** The base type name when the type extends another. */
  readonly base?: string;
  /** Types derived from this one, by the local name an `xsi:type` attribute gives them. */
  readonly subtypes?: Readonly<Record<string, string>>;
}

export interface SoapMessageDescriptor {
  /**
   * The element in soap:Body (document/literal: the message's element; rpc/literal: the operation
   * wrapper). Absent for a message without parts: an empty Body.
   */
  readonly element?: string;
  /** Namespace of that element when it is not the service namespace. */
  readonly ns?: string;
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
  /** SOAP 1.2 (envelope namespace, `application/soap+xml; action=…`); SOAP 1.1 when absent. */
  readonly soapVersion?: '1.1' | '1.2';
  /** The address in the WSDL (informative; clients take the URL from their options). */
  readonly location?: string;
  readonly types: Readonly<Record<string, SoapComplexType>>;
  readonly operations: Readonly<Record<string, SoapOperationDescriptor>>;
}

export function isRepeated(field: SoapField): boolean {
  return field.max === 'unbounded' || field.max > 1;
}
