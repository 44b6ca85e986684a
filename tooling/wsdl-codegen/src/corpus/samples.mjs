// Reads a sample response (request-response-samples) with the generated descriptor, strictly.
import { faultOf, readMessage, readSoapBody } from '@sso/soap';

/** Reads one sample response with the operation whose output element it carries. */
export function readSample(text, service) {
  const context = { provider: 'core', operation: 'sample' };
  let whole;
  try {
    whole = readSoapBody(text, context, true);
  } catch (error) {
    return { result: `not a SOAP envelope (${error.message.slice(0, 60)}…)`, unfit: true };
  }
  if (faultOf(whole)) return { result: 'read (SOAP fault)', ok: true };
  const first = whole.content.children[0];
  const ops = Object.values(service.operations);
  const op =
    ops.find((o) => first !== undefined && o.output.element === first.name) ??
    ops.find((o) => o.output.element === undefined && o.output.fields.some((f) => f.name === first?.name));
  if (!op) return { result: `does not fit: no operation answers <${first?.name ?? ''}>`, unfit: true };
  const body = op.output.element === undefined ? whole : { name: first.name, content: first };
  try {
    readMessage(service, op.output, body, { ...context, operation: op.name });
    return { op: op.name, result: 'read', ok: true };
  } catch (error) {
    return { op: op.name, result: `refused: ${error.message}` };
  }
}
