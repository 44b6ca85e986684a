export { type CanonicalElement, canonicalXml } from './canonical.js';
