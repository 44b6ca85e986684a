// Compares the request envelope our writer produces with node-soap's for the same input, as
// namespace-resolved trees of the Body (prefixes and formatting do not count).
import { createRequestWriter } from '@sso/soap';
import { canonicalXml } from '@sso/soap/testing';
import { nodeSoapRequest } from './oracle.mjs';
import { nodeSoapInput, sampleInput } from './sample-input.mjs';

/** `{ op, equal, diff }`; `oracleFailed` when node-soap could not write the request. */
export async function compareEnvelope(client, model, service, op, withTimeout) {
  const input = op.input.element === undefined ? {} : sampleInput(service, op.input.fields);
  let ours;
  try {
    ours = createRequestWriter(service, op, { provider: 'core' })(input);
  } catch (error) {
    return { op: op.name, equal: false, diff: `our writer refused the sample: ${error.message}` };
  }
  let theirs;
  try {
    theirs = await withTimeout(
      nodeSoapRequest(
        client,
        model.serviceName,
        model.portName,
        op.name,
        nodeSoapInput(service, op.input.fields, input),
      ),
      'node-soap call',
    );
  } catch (error) {
    return { op: op.name, equal: false, oracleFailed: true, diff: `node-soap failed: ${error.message}` };
  }
  if (!theirs) return { op: op.name, equal: false, oracleFailed: true, diff: 'node-soap wrote no request' };
  const a = bodyOf(ours);
  const b = bodyOf(theirs);
  const equal = JSON.stringify(a) === JSON.stringify(b);
  return { op: op.name, equal, diff: equal ? '' : firstDifference(a, b), ours, theirs };
}

function bodyOf(xml) {
  const envelope = canonicalXml(xml);
  const body = envelope.children.find((c) => typeof c !== 'string' && c.name.endsWith('}Body'));
  return { envelope: envelope.name, body: body?.children ?? [] };
}

function firstDifference(a, b, path = '') {
  if (typeof a !== typeof b || typeof a !== 'object' || a === null || b === null) {
    return `${path || '/'}: ours ${JSON.stringify(a)?.slice(0, 120)} vs node-soap ${JSON.stringify(b)?.slice(0, 120)}`;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys) {
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) {
      const next = a.name && k !== 'name' ? `${path}/${a.name.replace(/^\{[^}]*\}/, '')}` : path;
      return firstDifference(a[k], b[k], `${next}.${k}`);
    }
  }
  return path;
}
