import type { components } from './generated/openapi.js';

type Schemas = components['schemas'];

/** `{"login":{…}}` — the body of the login request. */
export type DiaLoginRequest = Schemas['LoginRequest'];
/** `{"logout":{"session_id":…}}`. */
export type DiaLogoutRequest = Schemas['LogoutRequest'];
/** `{"<service>":{"session_id":…, …}}`. */
export type DiaServiceRequest = Schemas['ServiceRequest'];
/** A business service's parameters as sent (session id included). */
export type DiaServiceParams = Schemas['ServiceParams'];
/** `{"code":"200","msg":"<session id>"}`. */
export type DiaLoginSuccess = Schemas['LoginSuccess'];
/** `{"code":"200","result":…}` (plus any other keys the service returns, e.g. `key`). */
export type DiaServiceSuccess = Schemas['ServiceSuccess'];
/** `{"code":"401","msg":"NOUSER"}` and friends. */
export type DiaErrorResponse = Schemas['ErrorResponse'];
/** Parameters of `scf_fatura_listele` (besides the session id). */
export type ScfFaturaListeleParams = Schemas['ScfFaturaListeleParams'];
export type DiaListFilter = Schemas['ListFilter'];
export type DiaListSort = Schemas['ListSort'];
/** One invoice row of `scf_fatura_listele`. */
export type DiaInvoice = Schemas['Invoice'];
/** Result of `sis_kontor_sorgula`. */
export type DiaKontorResult = Schemas['KontorResult'];
