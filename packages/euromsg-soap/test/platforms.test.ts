import { describe, expect, it } from 'vitest';
import * as post from '../src/generated/post.js';
import { createEuromsgClient, EUROMSG_PLATFORMS, type PostOperationName } from '../src/index.js';
import { createEuromsgSimulator, EUROMSG_DEMO } from '../src/testing/index.js';

describe('EUROMSG_PLATFORMS', () => {
  it('names LIVE, LIVEB, LIVEM, ECOMM, MAX and the test platform', () => {
    expect(EUROMSG_PLATFORMS).toEqual({
      live: 'https://ws.euromsg.com/live/',
      liveb: 'https://ws.euromsg.com/liveb/',
      livem: 'https://ws.euromsg.com/livem/',
      ecomm: 'https://ws.euromsg.com/ecomm/',
      max: 'https://ws.euromsg.com/max/',
      test: 'https://test.euromsg.com/emws/',
    });
  });

  it.each(Object.entries(EUROMSG_PLATFORMS))('%s: the client calls {base}auth.asmx', async (_name, base) => {
    const urls: string[] = [];
    const client = createEuromsgClient({
      baseUrl: base,
      ...EUROMSG_DEMO,
      fetch: async (input, init) => {
        urls.push(new Request(input, init).url);
        return new Response('<broken', { status: 200, headers: { 'content-type': 'text/xml' } });
      },
      retry: false,
    });
    await client.login().catch(() => undefined);
    expect(urls).toEqual([`${base}auth.asmx`]);
  });

  it('baseUrl stays explicit: there is no default platform', () => {
    expect(() =>
      createEuromsgClient({ ...EUROMSG_DEMO } as unknown as Parameters<typeof createEuromsgClient>[0]),
    ).toThrowError(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });
});

describe('every post.asmx operation gets its ticket (serviceTicket or ServiceTicket)', () => {
  const operations = Object.keys(post.service.operations) as PostOperationName[];

  it('the WSDL really spells it both ways', () => {
    const names = new Set(
      operations.flatMap((op) =>
        post.service.operations[op]!.input.fields.map((f) => f.name).filter((n) =>
          /^serviceticket$/i.test(n),
        ),
      ),
    );
    expect(names).toEqual(new Set(['ServiceTicket', 'serviceTicket']));
  });

  it.each(operations)('%s', async (operation) => {
    const simulator = createEuromsgSimulator();
    const bodies: string[] = [];
    const client = createEuromsgClient({
      baseUrl: 'https://ws.euromsg.com/live/',
      ...EUROMSG_DEMO,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        bodies.push(await request.clone().text());
        return simulator.handle(
          new Request(request.url.replace('https://ws.euromsg.com/live', 'http://simulator'), request),
        );
      },
    });
    const field = post.service.operations[operation]!.input.fields.find((f) =>
      /^serviceticket$/i.test(f.name),
    )!;
    const call = client.post[operation] as (input: object) => Promise<unknown>;
    // An empty input may be refused on its merits (GetPostResult: "01" post not found), never 9998.
    const outcome = await call({}).catch((error: { providerCode?: string }) => error);
    expect((outcome as { providerCode?: string }).providerCode).not.toBe('9998');
    const [ticket] = simulator.liveTickets();
    expect(bodies.at(-1)).toContain(`<${field.name}>${ticket}</${field.name}>`);
    expect(simulator.counters.unauthorized).toBe(0);
  });
});
