// The SOAP envelope around a message: namespaces, the Envelope and Body tags, and a Fault.
import { escapeXml } from './xml.js';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENV_NS = 'http://www.w3.org/2003/05/soap-envelope';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

export const envelopeOpen = (envNs: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${envNs}" xmlns:xsi="${XSI_NS}" xmlns:xsd="${XSD_NS}"><soap:Body>`;
export const ENVELOPE_OPEN = envelopeOpen(SOAP_ENV_NS);
export const ENVELOPE_CLOSE = '</soap:Body></soap:Envelope>';

/** A SOAP 1.1 Fault envelope (for simulators). */
export function writeFault(faultcode: string, faultstring: string): string {
  return `${ENVELOPE_OPEN}<soap:Fault><faultcode>${escapeXml(faultcode)}</faultcode><faultstring>${escapeXml(faultstring)}</faultstring></soap:Fault>${ENVELOPE_CLOSE}`;
}
