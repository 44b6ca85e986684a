import { randomToken, timingSafeEqual } from '@sso/core/provider';
import { type CallerInfo, type ProviderSimulator, routeTable } from '@sso/core/simulator';
import { createMessageWriter, type MessageWriter, type SoapServiceDescriptor } from '@sso/soap';
import { createSoapEndpoint, type SoapEndpointCall } from '@sso/soap/testing';
import * as auth from '../generated/auth.js';
import * as post from '../generated/post.js';
import { statusPage } from './pages.js';

/** The demo web-service account every simulator starts with. */
export const EUROMSG_DEMO = Object.freeze({ username: 'demo-ws-user', password: 'demo-ws-password' });

export interface EuromsgSimulatorAccount {
  username: string;
  password: string;
  /** IP addresses allowed to log in with this account (default: the simulator-wide list). */
  allowedIps?: readonly string[];
}

export interface EuromsgSimulatorOptions {
  /** Clock in epoch milliseconds (default Date.now). */
  now?: () => number;
  /** Accounts (default: only `EUROMSG_DEMO`). */
  accounts?: readonly EuromsgSimulatorAccount[];
  /** IP addresses allowed to log in (default: any). A login from elsewhere answers Code 99 "Invalid IP". */
  allowedIps?: readonly string[];
  /** Idle lifetime of a ticket; Euromsg does not document one. Default 20 minutes. */
  ticketTtlMs?: number;
}

export interface EuromsgSimulatorCounters {
  logins: number;
  failedLogins: number;
  logouts: number;
  /** post.asmx calls answered with Code 00. */
  posts: number;
  /** Calls refused with Code 9998. */
  unauthorized: number;
  faults: number;
}

export interface SimulatedPost {
  operation: string;
  postId: string;
  username: string;
  input: Record<string, unknown>;
}

export interface EuromsgSimulator extends ProviderSimulator {
  readonly provider: 'euromsg';
  readonly counters: Readonly<EuromsgSimulatorCounters>;
  /** Messages accepted by post.asmx, oldest first. */
  readonly posts: readonly SimulatedPost[];
  /** Tickets currently valid. */
  liveTickets(): string[];
  /** Forgets one ticket (the next call with it answers 9998). */
  dropTicket(ticket: string): boolean;
  /** Forgets every ticket. */
  dropAllTickets(): void;
  resetCounters(): void;
}

interface TicketState {
  username: string;
  lastUsed: number;
}

// Both .asmx files bind SOAP 1.1 and 1.2, and ASMX picks the operation by its SOAPAction.
const authEndpoint = createSoapEndpoint(auth.service, { versions: ['1.1', '1.2'] });
const postEndpoint = createSoapEndpoint(post.service, { versions: ['1.1', '1.2'] });
const UNAUTHORIZED = {
  Code: '9998',
  Message: 'Unauthorized User!',
  DetailedMessage: 'Object reference not set to an instance of an object.',
};

export function createEuromsgSimulator(options: EuromsgSimulatorOptions = {}): EuromsgSimulator {
  const now = options.now ?? Date.now;
  const ttl = options.ticketTtlMs ?? 20 * 60_000;
  const accounts = new Map<string, EuromsgSimulatorAccount>(
    (options.accounts ?? [EUROMSG_DEMO]).map((a) => [a.username, a]),
  );
  const tickets = new Map<string, TicketState>();
  const posts: SimulatedPost[] = [];
  const counters: EuromsgSimulatorCounters = {
    logins: 0,
    failedLogins: 0,
    logouts: 0,
    posts: 0,
    unauthorized: 0,
    faults: 0,
  };
  const writers = new Map<string, MessageWriter>();
  const writerFor = (service: SoapServiceDescriptor, operation: string) => {
    const key = `${service.name}/${operation}`;
    let writer = writers.get(key);
    if (!writer) {
      writer = createMessageWriter(service, service.operations[operation]!.output, {
        operation,
        provider: 'euromsg',
      });
      writers.set(key, writer);
    }
    return writer;
  };
  const reply = (service: SoapServiceDescriptor, call: SoapEndpointCall, output: object) =>
    call.reply(writerFor(service, call.operation.name)(output));

  const newTicket = () => randomToken(11).toUpperCase().slice(0, 21);

  const liveTicket = (ticket: unknown): TicketState | undefined => {
    if (typeof ticket !== 'string') return undefined;
    const state = tickets.get(ticket);
    if (!state) return undefined;
    if (now() - state.lastUsed > ttl) {
      tickets.delete(ticket);
      return undefined;
    }
    state.lastUsed = now();
    return state;
  };

  function login(input: Record<string, unknown>, caller: CallerInfo | undefined) {
    const username = typeof input.Username === 'string' ? input.Username : '';
    const password = typeof input.Password === 'string' ? input.Password : '';
    const account = accounts.get(username);
    const allowed = account?.allowedIps ?? options.allowedIps;
    if (allowed && !allowed.includes(caller?.remoteAddress ?? '')) {
      counters.failedLogins++;
      return { LoginResult: { Code: '99', Message: 'Invalid IP', DetailedMessage: '' } };
    }
    if (!account || !timingSafeEqual(account.password, password)) {
      counters.failedLogins++;
      return { LoginResult: { Code: '99', Message: 'No such user/password!', DetailedMessage: '' } };
    }
    const ticket = newTicket();
    tickets.set(ticket, { username, lastUsed: now() });
    counters.logins++;
    return { LoginResult: { Code: '00', Message: '', DetailedMessage: '', ServiceTicket: ticket } };
  }

  function logout(input: Record<string, unknown>) {
    const ticket = input.ServiceTicket;
    if (!liveTicket(ticket)) {
      counters.unauthorized++;
      return { LogoutResult: UNAUTHORIZED };
    }
    tickets.delete(ticket as string);
    counters.logouts++;
    return { LogoutResult: { Code: '00', Message: '', DetailedMessage: '' } };
  }

  function postCall(operation: string, input: Record<string, unknown>) {
    const resultName = `${operation}Result`;
    const state = liveTicket(input.ServiceTicket ?? input.serviceTicket);
    if (!state) {
      counters.unauthorized++;
      return { [resultName]: { ...UNAUTHORIZED, MarkedSpam: false } };
    }
    counters.posts++;
    if (operation.startsWith('Post')) {
      const postId = randomToken(8);
      const { ServiceTicket: _ticket, ...rest } = input;
      posts.push({ operation, postId, username: state.username, input: rest });
      return {
        [resultName]: {
          Code: '00',
          Message: 'Success',
          DetailedMessage: '',
          PostID: postId,
          MarkedSpam: false,
          Subject: typeof input.Subject === 'string' ? input.Subject : undefined,
          ToAddress: typeof input.ToEmailAddress === 'string' ? input.ToEmailAddress : undefined,
        },
      };
    }
    if (operation === 'GetPostResult') {
      const found = posts.find((p) => p.postId === input.PostID && p.username === state.username);
      if (!found) return { [resultName]: { Code: '01', Message: 'Post not found', MarkedSpam: false } };
      return {
        [resultName]: {
          Code: '00',
          Message: 'Success',
          PostID: found.postId,
          RelayStatus: 'Relayed',
          DeliveryStatus: 'Delivered',
          MarkedSpam: false,
          Subject: typeof found.input.Subject === 'string' ? found.input.Subject : undefined,
          ToAddress: typeof found.input.ToEmailAddress === 'string' ? found.input.ToEmailAddress : undefined,
        },
      };
    }
    // Bulk reports: a successful, empty report.
    return { [resultName]: { Code: '00', Message: 'Success', MarkedSpam: false } };
  }

  async function authCall(request: Request, _match: string[], caller?: CallerInfo): Promise<Response> {
    const call = await authEndpoint.read(request);
    if ('refused' in call) {
      counters.faults++;
      return call.refused;
    }
    const name = call.operation.name;
    return reply(auth.service, call, name === 'Login' ? login(call.input, caller) : logout(call.input));
  }

  async function postServiceCall(request: Request): Promise<Response> {
    const call = await postEndpoint.read(request);
    if ('refused' in call) {
      counters.faults++;
      return call.refused;
    }
    return reply(post.service, call, postCall(call.operation.name, call.input));
  }

  // ASP.NET paths are case-insensitive.
  const liveTickets = () => [...tickets.keys()].filter((t) => liveTicket(t) !== undefined);
  const handle = routeTable<[caller?: CallerInfo]>([
    {
      path: '/',
      methods: {
        GET: () =>
          statusPage({ counters, liveTickets: liveTickets().length, posts: posts.length, at: now() }),
      },
    },
    { path: /^\/auth\.asmx$/i, methods: { POST: authCall } },
    { path: /^\/post\.asmx$/i, methods: { POST: postServiceCall } },
  ]);

  return {
    provider: 'euromsg',
    handle,
    counters,
    posts,
    liveTickets,
    dropTicket: (ticket) => tickets.delete(ticket),
    dropAllTickets: () => tickets.clear(),
    resetCounters: () => {
      for (const key of Object.keys(counters) as (keyof EuromsgSimulatorCounters)[]) counters[key] = 0;
    },
  };
}
