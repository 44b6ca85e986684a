export { type CanonicalElement, canonicalXml } from './canonical.js';
export {
  createSoapEndpoint,
  faultResponse,
  SOAP12_ENV_NS,
  type SoapEndpoint,
  type SoapEndpointCall,
  type SoapEndpointOptions,
  type SoapFaultCode,
  type SoapVersion,
} from './endpoint.js';
