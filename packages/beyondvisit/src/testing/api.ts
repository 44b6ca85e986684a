import { readCappedText, respond } from '@sso/core/simulator';
import { CREATE_USER_ERRORS, LOGIN_TOKEN_ERRORS } from '../errors.js';
import { NewUserLengths } from '../generated/model.js';
import type { BeyondVisitState } from './state.js';

// The provider's messages and the spec's length limits, as the client knows them.
const LIMITS = {
  Name: NewUserLengths.Name.max,
  Surname: NewUserLengths.Surname.max,
  Email: NewUserLengths.Email.max,
  Site: NewUserLengths.Site.max,
} as const;
const MAX_BODY = 64 * 1024;

/** The partner API: `POST /external/CreateUser` and `POST /external/LoginToken`. */
export function createPartnerApi(state: BeyondVisitState, failureStatus: number) {
  const { json, text } = respond;
  const { counters, users } = state;

  const failure = (code: number, message: string) => {
    counters.failures++;
    return json({ status: false, code, message }, failureStatus);
  };

  async function readBody(request: Request): Promise<Record<string, unknown> | Response> {
    const raw = await readCappedText(request, MAX_BODY);
    if (raw === undefined) return text('Request body too large', 413);
    const type = request.headers.get('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) return {};
    try {
      const parsed: unknown = JSON.parse(raw);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {};
    } catch {
      return text('Bad Request: the body is not valid JSON', 400);
    }
  }

  async function createUser(request: Request): Promise<Response> {
    counters.createUser++;
    const body = await readBody(request);
    if (body instanceof Response) return body;
    const partner = state.authenticate(body.apikey, body.sign);
    if (partner === 'no-key') return failure(6, CREATE_USER_ERRORS[6].documented);
    if (partner === 'bad-sign') return failure(5, CREATE_USER_ERRORS[5].documented);
    const user = (typeof body.user === 'object' && body.user !== null ? body.user : {}) as Record<
      string,
      unknown
    >;
    const field = (name: keyof typeof LIMITS) =>
      typeof user[name] === 'string' ? (user[name] as string) : '';
    const values = {
      Name: field('Name'),
      Surname: field('Surname'),
      Email: field('Email'),
      Site: field('Site'),
    };
    if (values.Name.trim() === '') return failure(2, CREATE_USER_ERRORS[2].documented);
    if (values.Surname.trim() === '') return failure(3, CREATE_USER_ERRORS[3].documented);
    if (values.Email.trim() === '') return failure(4, CREATE_USER_ERRORS[4].documented);
    if (!/^https?:\/\//.test(values.Site)) return failure(1, CREATE_USER_ERRORS[1].documented);
    for (const name of Object.keys(LIMITS) as Array<keyof typeof LIMITS>) {
      if (values[name].length > LIMITS[name]) {
        return text(`Bad Request: user.${name} is longer than ${LIMITS[name]} characters`, 400);
      }
    }
    let userToken = state.newToken();
    while (users.has(userToken)) userToken = state.newToken();
    state.addUser({
      apiKey: partner.apiKey,
      userToken,
      userCode: `bv${state.newToken().slice(0, 8)}`,
      name: values.Name,
      surname: values.Surname,
      email: values.Email,
      site: values.Site,
    });
    counters.usersCreated++;
    return json({ status: true, message: 'Success', userToken });
  }

  async function loginToken(request: Request): Promise<Response> {
    counters.loginToken++;
    const body = await readBody(request);
    if (body instanceof Response) return body;
    const partner = state.authenticate(body.apiKey, body.sign);
    if (partner === 'no-key') return failure(3, LOGIN_TOKEN_ERRORS[3].documented);
    if (partner === 'bad-sign') return failure(2, LOGIN_TOKEN_ERRORS[2].documented);
    const userToken = typeof body.userToken === 'string' ? body.userToken : '';
    const user = users.get(userToken);
    if (!user || user.apiKey !== partner.apiKey) return failure(1, `User not found with token: ${userToken}`);
    const record = state.issueLoginToken(userToken);
    return json({ status: true, message: 'Success', loginToken: record.loginToken, userCode: user.userCode });
  }

  return { createUser, loginToken };
}
