// Deterministic, distinct TypeScript names for modelled types. A local name used by types of
// several namespaces is given to none of them: each gets a suffix from its namespace, so adding a
// schema never silently changes which type owns the plain name.

const RESERVED = new Set(
  (
    'Operations service skipped SoapServiceDescriptor SoapXml Array Record Object String Number Boolean ' +
    'Date Error Function Promise Symbol Map Set Partial Readonly any unknown never object string number ' +
    'boolean symbol bigint undefined null void this true false break case catch class const continue ' +
    'debugger default delete do else enum export extends finally for function if import in instanceof ' +
    'new return super switch throw try typeof var while with as implements interface let package ' +
    'private protected public static yield type keyof infer is asserts declare abstract readonly'
  ).split(' '),
);

export const sanitize = (name) => {
  const s = name.replace(/[^\w$]/g, '_');
  return /^\d/.test(s) ? `_${s}` : s;
};

function nsSuffixes(ns) {
  const segments = (ns || 'none')
    .split(/[/:#.?=]+/)
    .filter(Boolean)
    .map(sanitize);
  const out = [];
  for (let n = 1; n <= segments.length; n++) out.push(segments.slice(-n).join('_'));
  return out;
}

/** Assigns a TypeScript name to each type key; `types` are model type records. */
export function assignNames(types, extraTaken = []) {
  const names = new Map();
  const taken = new Set([...RESERVED, ...extraTaken]);
  const claim = (key, wanted) => {
    let name = wanted;
    for (let i = 2; taken.has(name); i++) name = `${wanted}${i}`;
    taken.add(name);
    names.set(key, name);
  };
  const named = types.filter((t) => !t.anonymous).sort((a, b) => cmp(a.local, b.local) || cmp(a.ns, b.ns));
  const byLocal = new Map();
  for (const t of named) {
    const base = sanitize(t.local);
    byLocal.set(base, [...(byLocal.get(base) ?? []), t]);
  }
  for (const [base, group] of byLocal) {
    if (group.length === 1) {
      claim(group[0].key, base);
      continue;
    }
    const suffixes = group.map((t) => nsSuffixes(t.ns));
    for (const [i, t] of group.entries()) {
      const own = suffixes[i];
      const unique =
        own.find((s, depth) => suffixes.every((o, j) => j === i || o[depth] !== s)) ?? own.at(-1);
      claim(t.key, `${base}_${unique}`);
    }
  }
  const anonymous = types.filter((t) => t.anonymous).sort((a, b) => cmp(a.key, b.key));
  for (const t of anonymous) {
    const base = sanitize(t.hint);
    const isElement = t.key.endsWith('#element');
    claim(t.key, isElement && taken.has(base) ? `${base}Element` : base);
  }
  return names;
}

const cmp = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0);
