export {
  createSoapClient,
  interpret,
  type SoapCallOptions,
  type SoapClient,
  type SoapClientOptions,
  type SoapOperationMap,
  soapActionFor,
} from './client.js';
export {
  isRepeated,
  type SoapComplexType,
  type SoapField,
  type SoapMessageDescriptor,
  type SoapOperationDescriptor,
  type SoapServiceDescriptor,
  type SoapXml,
  type XsdType,
} from './descriptor.js';
export { SOAP_ENV_NS, SOAP12_ENV_NS, writeFault, XSD_NS, XSI_NS } from './envelope.js';
export {
  faultOf,
  type ReadContext,
  readMessage,
  readSoapBody,
  type SoapBody,
  type SoapFaultInfo,
} from './reader.js';
export { responseElementRedactor } from './response-redaction.js';
export { readSoapRequest, type SoapRequestInfo } from './server.js';
export { createMessageWriter, createRequestWriter, type MessageWriter } from './writer.js';
export { decodeXmlText, escapeXml, hasForbiddenXmlChar } from './xml.js';
