export { entryPoints, isBuilt, publishablePackages, ROOT } from './workspace.mjs';
