export { answerFor, exchangeKey, recordMainCall, rpcIdOf, SIM_BASE_URL, simulatorFetch } from './flow.mjs';
export { PROVIDERS, providerById, tryLoad } from './providers.mjs';
export { entryPoints, isBuilt, publishablePackages, ROOT } from './workspace.mjs';
