// Reading the command line: the command words, then the flags and positionals of one action.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type FlagSpec, UsageError } from './framework.js';
import { GLOBAL_BOOLEANS } from './help.js';

export type FlagValues = Record<string, string | boolean | undefined>;

/**
 * Takes the command words (`<provider> <action>`, at most two) out of `args` and returns them.
 * The command words come first; only global switches may precede them.
 */
export function takeCommandWords(args: string[]): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < args.length && words.length < 2) {
    const a = args[i] as string;
    if (a.startsWith('-')) {
      if (a === '--sandbox-url') i += 2;
      else if (GLOBAL_BOOLEANS.has(a) || a.startsWith('--sandbox-url=')) i++;
      else break;
      continue;
    }
    words.push(a);
    args.splice(i, 1);
  }
  return words;
}

/** The flags (`flagSpecs`, plus -V and -h) and positionals of `args`; a bad flag is a UsageError. */
export function parseFlags(
  args: ReadonlyArray<string>,
  flagSpecs: ReadonlyArray<FlagSpec>,
  providerId: string,
): { values: FlagValues; positionals: string[] } {
  const options: NonNullable<ParseArgsConfig['options']> = { version: { type: 'boolean', short: 'V' } };
  for (const f of flagSpecs) options[f.flag] = { type: f.type ?? 'string' };
  options.help = { type: 'boolean', short: 'h' };
  try {
    return parseArgs({
      args: joinNegativeValues(args, flagSpecs),
      options,
      strict: true,
      allowPositionals: true,
    }) as { values: FlagValues; positionals: string[] };
  } catch (error) {
    const text = (error as Error).message.split('\n')[0] ?? 'bad arguments';
    throw new UsageError(text.replace(/\. To specify a positional argument.*$/, ''), providerId);
  }
}

/** `--timeout-ms -5`: parseArgs would read `-5` as a flag; passed as `--timeout-ms=-5` it reaches the check. */
function joinNegativeValues(args: ReadonlyArray<string>, specs: ReadonlyArray<FlagSpec>): string[] {
  const valued = new Set(specs.filter((f) => f.type !== 'boolean').map((f) => `--${f.flag}`));
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    if (valued.has(arg) && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

export function sandboxUrlGiven(args: ReadonlyArray<string>): boolean {
  return args.some((a) => a === '--sandbox-url' || a.startsWith('--sandbox-url='));
}
