// Generators of hostile HTTP responses, built around one valid response of the provider.
import fc from 'fast-check';

const enc = new TextEncoder();

// Fragments that tend to break parsers: structure characters, entity and CDATA tricks, control
// and non-BMP characters, number edge cases, SOAP and JSON-RPC fragments.
const TOKENS = [
  '"',
  "'",
  '\\',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '<',
  '>',
  '/>',
  '</',
  '&',
  ';',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '😀',
  'null',
  'true',
  '-0',
  '1e309',
  'NaN',
  '"__proto__"',
  '{"__proto__":{"polluted":1}}',
  '"constructor"',
  '&amp;',
  '&lt;',
  '&#0;',
  '&#x110000;',
  '&#xD800;',
  '&xxe;',
  '&lol9;',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '<?xml version="1.0"?>',
  '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
  'xmlns:soap="urn:x"',
  '<soap:Fault><faultcode>soap:Server</faultcode><faultstring>x</faultstring></soap:Fault>',
  '</soap:Body>',
  '"jsonrpc":"2.0"',
  '"error":{"code":-32603,"message":"x"}',
  '"id":null',
  '"result":',
  '\r\n',
  '\t',
];

const BILLION_LAUGHS = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE lolz [<!ENTITY lol "lol">',
  ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
  ']>',
].join('');

const STATUS = fc.oneof(
  { weight: 12, arbitrary: fc.constant(200) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(201, 202, 204, 301, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504),
  },
);

const contentTypeFor = (valid) =>
  fc.constantFrom(
    valid,
    valid,
    valid,
    undefined,
    'application/json',
    'text/xml; charset=utf-8',
    'text/html',
    'application/octet-stream',
    'application/json; charset=iso-8859-9',
  );

// --- body mutations ---------------------------------------------------------------------------

const mutation = (length) =>
  fc.oneof(
    fc.record({
      op: fc.constant('replace'),
      at: fc.nat({ max: Math.max(0, length) }),
      text: fc.constantFrom(...TOKENS),
    }),
    fc.record({
      op: fc.constant('insert'),
      at: fc.nat({ max: Math.max(0, length) }),
      text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 20 })),
    }),
    fc.record({
      op: fc.constant('delete'),
      at: fc.nat({ max: Math.max(0, length) }),
      len: fc.integer({ min: 1, max: 16 }),
    }),
    fc.record({
      op: fc.constant('duplicate'),
      at: fc.nat({ max: Math.max(0, length) }),
      len: fc.integer({ min: 1, max: 64 }),
    }),
  );

function applyMutation(text, m) {
  const at = Math.min(m.at, text.length);
  switch (m.op) {
    case 'replace':
      return text.slice(0, at) + m.text + text.slice(at + m.text.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.len);
    default:
      return text.slice(0, at) + text.slice(at, at + m.len) + text.slice(at);
  }
}

// --- structure-aware changes ------------------------------------------------------------------

/** Paths of every node of a JSON value (objects and arrays included). */
function jsonPaths(value, path = [], out = []) {
  out.push(path);
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) jsonPaths(value[key], [...path, key], out);
  }
  return out;
}

function replaceAt(value, path, replacement) {
  if (path.length === 0) return replacement;
  const copy = Array.isArray(value) ? [...value] : { ...value };
  copy[path[0]] = replaceAt(value[path[0]], path.slice(1), replacement);
  return copy;
}

function removeAt(value, path) {
  if (path.length === 0) return undefined;
  if (path.length === 1) {
    if (Array.isArray(value)) return value.filter((_, i) => String(i) !== String(path[0]));
    const { [path[0]]: _gone, ...rest } = value;
    return rest;
  }
  return { ...value, [path[0]]: removeAt(value[path[0]], path.slice(1)) };
}

const deepJson = (depth, kind) =>
  kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const deepXml = (depth) => '<a>'.repeat(depth) + 'x' + '</a>'.repeat(depth);

/** A JSON value of a wrong type (or a dangerous shape) for any position. */
const wrongJsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    null,
    '',
    0,
    -1,
    1e308,
    true,
    [],
    {},
    '__proto__',
    { __proto__: { polluted: true } },
    { toString: 'x', valueOf: 1 },
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

function jsonVariant(validText) {
  let parsed;
  try {
    parsed = JSON.parse(validText);
  } catch {
    return undefined;
  }
  const paths = jsonPaths(parsed);
  return fc.oneof(
    fc
      .record({ at: fc.nat({ max: paths.length - 1 }), value: wrongJsonValue })
      .map(({ at, value }) => JSON.stringify(replaceAt(parsed, paths[at], value))),
    fc.nat({ max: paths.length - 1 }).map((at) => JSON.stringify(removeAt(parsed, paths[at]) ?? null)),
    fc
      .record({
        at: fc.nat({ max: paths.length - 1 }),
        depth: fc.integer({ min: 500, max: 20_000 }),
        kind: fc.constantFrom('array', 'object'),
      })
      .map(({ at, depth, kind }) =>
        JSON.stringify(replaceAt(parsed, paths[at], 0)).replace(/0(?=[,}\]]|$)/, deepJson(depth, kind)),
      ),
    fc
      .record({ at: fc.nat({ max: paths.length - 1 }), size: fc.integer({ min: 10_000, max: 300_000 }) })
      .map(({ at, size }) => JSON.stringify(replaceAt(parsed, paths[at], 'ş'.repeat(size)))),
    fc.constant(`${validText}${validText}`),
    fc.constant(`[${validText}]`),
  );
}

function xmlVariant(validText) {
  const textNodes = [...validText.matchAll(/>([^<]*)</g)].map((m) => ({
    start: m.index + 1,
    end: m.index + 1 + m[1].length,
  }));
  const elements = [...validText.matchAll(/<([\w:.-]+)[^>]*>[^<]*<\/\1>/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
  const splice = (span, text) => validText.slice(0, span.start) + text + validText.slice(span.end);
  const variants = [
    fc.constant(
      `${BILLION_LAUGHS}${validText.replace(/^<\?xml[^>]*\?>/, '')}`.replace(
        /(<\w+:?\w*Body[^>]*>)/,
        '$1&lol9;',
      ),
    ),
    fc.constant(
      validText.replace(/^(<\?xml[^>]*\?>)?/, '$1<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'),
    ),
    fc
      .integer({ min: 500, max: 20_000 })
      .map((depth) => validText.replace(/(<\w+:?\w*Body[^>]*>)/, `$1${deepXml(depth)}`)),
    fc.constant(
      validText
        .replace(/<(\w+:)?Envelope/, '<$1Envelope xmlns:evil="urn:evil"')
        .replace(/soap:|soapenv:|s:/g, 'evil:'),
    ),
  ];
  if (textNodes.length > 0) {
    variants.push(
      fc
        .record({
          at: fc.nat({ max: textNodes.length - 1 }),
          text: fc.oneof(
            fc.string({ maxLength: 30 }),
            fc.constantFrom(...TOKENS),
            fc.constant('<x><y>1</y></x>'),
            fc.constant('&xxe;'),
            fc.constant('<![CDATA[</x>]]>'),
          ),
        })
        .map(({ at, text }) => splice(textNodes[at], text)),
      fc
        .record({
          at: fc.nat({ max: textNodes.length - 1 }),
          size: fc.integer({ min: 10_000, max: 300_000 }),
        })
        .map(({ at, size }) => splice(textNodes[at], 'ğ'.repeat(size))),
    );
  }
  if (elements.length > 0) {
    variants.push(
      fc.nat({ max: elements.length - 1 }).map((at) => splice(elements[at], '')),
      fc
        .nat({ max: elements.length - 1 })
        .map((at) => splice(elements[at], validText.slice(elements[at].start, elements[at].end).repeat(2))),
    );
  }
  return fc.oneof(...variants);
}

function formVariant(validText) {
  // JSON carried in a form field or other text: mutate the decoded JSON where there is one.
  try {
    JSON.parse(validText);
    return jsonVariant(validText);
  } catch {
    return validText.trimStart().startsWith('<') ? xmlVariant(validText) : undefined;
  }
}

/**
 * A hostile response derived from a valid one: `{ status, contentType, body: string | Uint8Array,
 * stall?: boolean, throwError?: unknown }`.
 */
export function hostileResponse(valid) {
  const validText = valid.body;
  const structured = formVariant(validText);
  const body = fc.oneof(
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 2048 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 512 }) },
    { weight: 3, arbitrary: fc.nat({ max: validText.length }).map((n) => validText.slice(0, n)) },
    {
      weight: 5,
      arbitrary: fc
        .array(mutation(validText.length), { minLength: 1, maxLength: 6 })
        .map((ms) => ms.reduce(applyMutation, validText)),
    },
    ...(structured ? [{ weight: 6, arbitrary: structured }] : []),
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 500, max: 30_000 })
        .chain((d) => fc.constantFrom(deepJson(d, 'array'), deepJson(d, 'object'), deepXml(d))),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        ' ',
        'null',
        '[]',
        '{}',
        '"x"',
        '0',
        'true',
        '<html><body>502 Bad Gateway</body></html>',
        BILLION_LAUGHS + '<a>&lol9;</a>',
      ),
    },
    { weight: 1, arbitrary: fc.constant(validText) },
  );
  const normal = fc.record({ status: STATUS, contentType: contentTypeFor(valid.contentType), body });
  return fc.oneof(
    { weight: 400, arbitrary: normal },
    // Larger than the default 1 MiB response cap.
    {
      weight: 1,
      arbitrary: fc.constant({
        status: 200,
        contentType: valid.contentType,
        body: 'x'.repeat(1_100_000),
        big: true,
      }),
    },
    // Headers arrive, the body never ends: the client's own timeout has to end the call.
    {
      weight: 1,
      arbitrary: fc.constant({
        status: 200,
        contentType: valid.contentType,
        body: validText.slice(0, 10),
        stall: true,
      }),
    },
    // fetch itself fails the way undici does.
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          new TypeError('fetch failed', {
            cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
          }),
          new DOMException('This operation was aborted', 'AbortError'),
        )
        .map((throwError) => ({ throwError })),
    },
  );
}

/** Builds the Response object for a hostile case; a stalled body keeps its stream open until `signal` aborts. */
export function toResponse(hostile, signal) {
  const headers = hostile.contentType ? { 'content-type': hostile.contentType } : {};
  const nullBody =
    hostile.status === 204 || hostile.status === 304 || (hostile.status >= 100 && hostile.status < 200);
  if (nullBody) return new Response(null, { status: hostile.status, headers });
  if (hostile.stall) {
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(enc.encode(hostile.body));
        signal?.addEventListener('abort', () => controller.error(signal.reason), { once: true });
      },
    });
    return new Response(stream, { status: hostile.status, headers });
  }
  const finalHeaders = hostile.status === 301 ? { ...headers, location: 'https://elsewhere.test/' } : headers;
  return new Response(hostile.body, { status: hostile.status, headers: finalHeaders });
}
