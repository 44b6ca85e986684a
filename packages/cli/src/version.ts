import packageJson from '../package.json' with { type: 'json' };

/** The version of this package (read from package.json when the CLI is built). */
export const VERSION: string = packageJson.version;
