/** The banner comment (license texts) of a bundle that inlines `names` and their dependencies. */
export function licenseBanner(packageRoot: string, names: string[], bundler: string): string;
