import type { SoapOperationDescriptor, SoapServiceDescriptor } from '../descriptor.js';
import { SOAP_ENV_NS, SOAP12_ENV_NS, writeFault } from '../envelope.js';
import { readMessage } from '../reader.js';
import { escapeXml } from '../xml.js';
import { readXml, type XmlElement } from '../xml-reader.js';

/**
 * The protocol half of a simulated SOAP server, for simulators: content type and envelope
 * namespace decide the SOAP version, the operation is found the way the provider's stack finds it,
 * and every mistake a client can make gets the fault that stack gives — so a simulator catches the
 * namespace and SOAPAction bugs a real server would, whoever wrote the client.
 */

export type SoapVersion = '1.1' | '1.2';

const ENVELOPE_NS: Readonly<Record<SoapVersion, string>> = { '1.1': SOAP_ENV_NS, '1.2': SOAP12_ENV_NS };
const CONTENT_TYPE: Readonly<Record<SoapVersion, string>> = {
  '1.1': 'text/xml; charset=utf-8',
  '1.2': 'application/soap+xml; charset=utf-8',
};
/** SOAP 1.1 fault codes and their SOAP 1.2 names. */
const FAULT_CODE_12: Readonly<Record<SoapFaultCode, string>> = {
  Client: 'Sender',
  Server: 'Receiver',
  VersionMismatch: 'VersionMismatch',
};
const DTD = /<!DOCTYPE|<!ENTITY/i;

export type SoapFaultCode = 'Client' | 'Server' | 'VersionMismatch';

export interface SoapEndpointOptions {
  /** The SOAP versions the WSDL binds. Default `['1.1']`. */
  versions?: readonly SoapVersion[];
  /**
   * How the operation is chosen: by SOAPAction, then the body element must match (ASP.NET ASMX,
   * the default), or by the body element alone (JAX-WS).
   */
  routing?: 'soapAction' | 'element';
}

/** A request the endpoint could read. */
export interface SoapEndpointCall {
  readonly version: SoapVersion;
  readonly operation: SoapOperationDescriptor;
  readonly input: Record<string, unknown>;
  /** The answer: `xml` is a SOAP 1.1 envelope as the message writers produce it. */
  reply(xml: string, status?: number): Response;
  fault(code: SoapFaultCode, text: string): Response;
}

export interface SoapEndpoint {
  /** Reads a POSTed request; a request the provider's stack would refuse comes back as its fault. */
  read(request: Request): Promise<SoapEndpointCall | { refused: Response }>;
}

export function createSoapEndpoint(
  service: SoapServiceDescriptor,
  options: SoapEndpointOptions = {},
): SoapEndpoint {
  const versions = options.versions ?? ['1.1'];
  const routing = options.routing ?? 'soapAction';
  const byAction = new Map(Object.values(service.operations).map((op) => [op.soapAction, op]));
  const byElement = new Map(Object.values(service.operations).map((op) => [op.input.element, op]));
  const childNamespace = service.qualified ? service.namespace : '';

  async function read(request: Request): Promise<SoapEndpointCall | { refused: Response }> {
    const contentType = request.headers.get('content-type') ?? 'text/xml';
    const version: SoapVersion | undefined = /^\s*application\/soap\+xml/i.test(contentType)
      ? '1.2'
      : /^\s*text\/xml/i.test(contentType)
        ? '1.1'
        : undefined;
    if (version === undefined || !versions.includes(version)) {
      // What IIS answers for a content type no binding of the service accepts.
      return {
        refused: new Response('Unsupported Media Type', {
          status: 415,
          headers: { 'content-type': 'text/plain' },
        }),
      };
    }
    const refuse = (code: SoapFaultCode, text: string) => ({ refused: faultResponse(version, code, text) });
    const text = await request.text();
    let envelope: XmlElement;
    try {
      if (DTD.test(text)) throw new Error('a DOCTYPE is not allowed in a SOAP message');
      envelope = readXml(text);
    } catch (error) {
      return refuse(
        'Client',
        `Server was unable to read request. ---> There is an error in XML document. ---> ${(error as Error).message}`,
      );
    }
    const scope = declarations(envelope, NO_NAMESPACES);
    const envelopeNs = namespaceOf(envelope, scope);
    if (envelope.name !== 'Envelope' || envelopeNs !== ENVELOPE_NS[version]) {
      return refuse(
        'VersionMismatch',
        `Possible SOAP version mismatch: Envelope namespace ${envelopeNs ?? ''} was unexpected. Expecting ${ENVELOPE_NS[version]}.`,
      );
    }
    const body = envelope.children.find(
      (child) => child.name === 'Body' && namespaceOf(child, declarations(child, scope)) === envelopeNs,
    );
    const bodyScope = body && declarations(body, scope);
    const element = body?.children[0];
    if (body === undefined || bodyScope === undefined || element === undefined) {
      return refuse('Client', 'Server was unable to read request. ---> The SOAP Body is missing or empty.');
    }
    const elementScope = declarations(element, bodyScope);
    const elementNs = namespaceOf(element, elementScope);

    let operation: SoapOperationDescriptor | undefined;
    if (routing === 'soapAction') {
      const action = actionOf(request, version, contentType);
      operation =
        action === undefined && version === '1.2' ? byElement.get(element.name) : byAction.get(action ?? '');
      if (operation === undefined) {
        return refuse(
          'Client',
          `Server did not recognize the value of HTTP Header SOAPAction: ${action ?? ''}.`,
        );
      }
    } else {
      operation = elementNs === service.namespace ? byElement.get(element.name) : undefined;
      if (operation === undefined) {
        return refuse('Client', `Cannot find dispatch method for {${elementNs ?? ''}}${element.name}`);
      }
    }
    if (element.name !== operation.input.element || elementNs !== service.namespace) {
      return refuse(
        'Client',
        `Server was unable to read request. ---> There is an error in XML document. ---> <${element.name} xmlns='${elementNs ?? ''}'> was not expected.`,
      );
    }
    let input: Record<string, unknown>;
    try {
      // Both stacks skip child elements in a namespace the schema does not use: they read as absent.
      const content = keepNamespace(element, elementScope, childNamespace);
      input = readMessage(
        service,
        operation.input,
        { name: element.name, content },
        {
          provider: 'core',
          operation: operation.name,
        },
      );
    } catch (error) {
      return refuse('Client', `Server was unable to read request. ---> ${(error as Error).message}`);
    }
    return {
      version,
      operation,
      input,
      reply: (xml, status = 200) => envelopeResponse(xml, version, status),
      fault: (code, text) => faultResponse(version, code, text),
    };
  }

  return { read };
}

/** A SOAP 1.1 envelope (as the message writers write it) sent in the request's version. */
function envelopeResponse(xml: string, version: SoapVersion, status: number): Response {
  const body = version === '1.1' ? xml : xml.replace(`"${SOAP_ENV_NS}"`, `"${SOAP12_ENV_NS}"`);
  return new Response(body, { status, headers: { 'content-type': CONTENT_TYPE[version] } });
}

/** A fault in the request's version; ASMX and JAX-WS send faults with HTTP 500. */
export function faultResponse(version: SoapVersion, code: SoapFaultCode, text: string): Response {
  const xml =
    version === '1.1'
      ? writeFault(`soap:${code}`, text)
      : `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP12_ENV_NS}"><soap:Body><soap:Fault><soap:Code><soap:Value>soap:${FAULT_CODE_12[code]}</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="en">${escapeXml(text)}</soap:Text></soap:Reason><soap:Detail /></soap:Fault></soap:Body></soap:Envelope>`;
  return new Response(xml, { status: 500, headers: { 'content-type': CONTENT_TYPE[version] } });
}

/** SOAP 1.1 carries the action in the SOAPAction header; SOAP 1.2 in the content type's `action`. */
function actionOf(request: Request, version: SoapVersion, contentType: string): string | undefined {
  const raw =
    version === '1.1'
      ? request.headers.get('soapaction')
      : /;\s*action\s*=\s*("[^"]*"|[^;\s]*)/i.exec(contentType)?.[1];
  return raw == null ? undefined : raw.trim().replace(/^"|"$/g, '');
}

type Scope = ReadonlyMap<string, string>;
const NO_NAMESPACES: Scope = new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]);

/** The prefix → namespace map in force inside `element`. */
function declarations(element: XmlElement, scope: Scope): Scope {
  const attributes = element.attributes;
  if (attributes === undefined) return scope;
  let next: Map<string, string> | undefined;
  for (let k = 0; k < attributes.length; k += 2) {
    const qname = attributes[k]!;
    const prefix = qname === 'xmlns' ? '' : qname.startsWith('xmlns:') ? qname.slice(6) : undefined;
    if (prefix === undefined) continue;
    next ??= new Map(scope);
    next.set(prefix, attributes[k + 1]!);
  }
  return next ?? scope;
}

/** The element's namespace (`''` for none); undefined when its prefix is not declared. */
function namespaceOf(element: XmlElement, scope: Scope): string | undefined {
  const colon = element.qname.indexOf(':');
  if (colon < 0) return scope.get('') ?? '';
  return scope.get(element.qname.slice(0, colon));
}

/** A copy of `element` whose descendants outside `namespace` are dropped. */
function keepNamespace(element: XmlElement, scope: Scope, namespace: string): XmlElement {
  const children: XmlElement[] = [];
  for (const child of element.children) {
    const childScope = declarations(child, scope);
    if (namespaceOf(child, childScope) === namespace) {
      children.push(keepNamespace(child, childScope, namespace));
    }
  }
  return children.length === element.children.length && children.every((c, i) => c === element.children[i])
    ? element
    : { ...element, children };
}
