export {
  type SoapCallOptions,
  type SoapClient,
  type SoapClientOptions,
  type SoapOperationMap,
  createSoapClient,
  interpret,
  soapActionFor,
} from './client.js';
export {
  type SoapComplexType,
  type SoapField,
  type SoapMessageDescriptor,
  type SoapOperationDescriptor,
  type SoapServiceDescriptor,
  type XsdType,
  isRepeated,
} from './descriptor.js';
export {
  type ReadContext,
  type SoapBody,
  type SoapFaultInfo,
  faultOf,
  readMessage,
  readSoapBody,
} from './reader.js';
export { type SoapRequestInfo, readSoapRequest } from './server.js';
export {
  type MessageWriter,
  SOAP_ENV_NS,
  XSD_NS,
  XSI_NS,
  createMessageWriter,
  createRequestWriter,
  writeFault,
} from './writer.js';
export { decodeXmlText, escapeXml, hasForbiddenXmlChar } from './xml.js';
