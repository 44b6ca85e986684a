// The helpers every generated model uses: imported from @sso/core/provider (one copy for every
// provider) and bound to the short names the generated checks call.
export const RUNTIME = `import { specChecks } from '@sso/core/provider';

type Issue = specChecks.Issue;
type Check = specChecks.Check;

const { isObject, text, integer, number, bool, exact, among, typed, required, closed, rest, size, each } = specChecks;`;
