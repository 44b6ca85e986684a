// node-soap's client as the oracle: the request envelope it writes (`lastRequest`) for an input,
// without sending anything.
import soap from 'soap';

const offline = {
  request(_url, _data, callback) {
    callback(new Error('offline'));
    return undefined;
  },
};

/** A node-soap client for the WSDL file, or the error it refuses the WSDL with. */
export async function nodeSoapClient(path, soap12 = false) {
  try {
    // node-soap writes a SOAP 1.1 envelope even for a SOAP 1.2 binding unless told otherwise.
    return {
      client: await soap.createClientAsync(path, { httpClient: offline, forceSoap12Headers: soap12 }),
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** The envelope node-soap writes for `input` to `operation` of the given service and port. */
export async function nodeSoapRequest(client, service, port, operation, input) {
  const method = client[service]?.[port]?.[operation];
  if (typeof method !== 'function') throw new Error(`node-soap has no ${service}.${port}.${operation}`);
  await new Promise((resolve) => {
    try {
      method.call(client, input, () => resolve());
    } catch {
      resolve();
    }
  });
  return client.lastRequest;
}
