export { SOAP12_ENV_NS } from '../envelope.js';
export { type CanonicalElement, canonicalXml } from './canonical.js';
export {
  createSoapEndpoint,
  faultResponse,
  type SoapEndpoint,
  type SoapEndpointCall,
  type SoapEndpointOptions,
  type SoapFaultCode,
  type SoapVersion,
} from './endpoint.js';
