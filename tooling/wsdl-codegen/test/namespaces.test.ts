// The three ways a generated client used to send or read the wrong namespace without any error.
import { createRequestWriter, readMessage, readSoapBody } from '@sso/soap';
import { canonicalXml } from '@sso/soap/testing';
import { describe, expect, it } from 'vitest';
import { generated } from './support/generated.js';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const bodyOf = (xml: string) =>
  canonicalXml(xml).children.find((c) => typeof c !== 'string' && c.name === `{${SOAP}}Body`);
const envelope = (inner: string) =>
  `<soap:Envelope xmlns:soap="${SOAP}"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
const context = { provider: 'core' as const, operation: 'test' };

describe('namespaces come from the schema that declares each element', () => {
  it('writes body elements of a second, qualified schema in its namespace, not the first schema’s', async () => {
    const { service, typeErrors } = await generated('second-schema.wsdl');
    expect(typeErrors()).toBeUndefined();
    const op = service.operations.login!;
    const xml = createRequestWriter(service, op, { provider: 'core' })({ passport: { email: 'a@b.c' } });
    // passport is local to the qualified messages schema; email is local to the unqualified core schema.
    expect(bodyOf(xml)).toEqual(
      bodyOf(
        envelope(
          '<m:login xmlns:m="urn:test:messages"><m:passport><email>a@b.c</email></m:passport></m:login>',
        ),
      ),
    );
  });

  it('types an element ref= as the referenced element, in its namespace, both ways', async () => {
    const { service, text, typeErrors } = await generated('element-ref.wsdl');
    expect(typeErrors()).toBeUndefined();
    expect(text).toMatch(/Money: Money;|Money: MoneyElement;/);
    const op = service.operations.Order!;
    const xml = createRequestWriter(service, op, { provider: 'core' })({
      id: 1,
      Money: { amount: 2.5, currency: 'TRY' },
    });
    expect(bodyOf(xml)).toEqual(
      bodyOf(
        envelope(
          '<o:Order xmlns:o="urn:test:orders" xmlns:c="urn:test:common"><id>1</id><c:Money><c:amount>2.5</c:amount><c:currency>TRY</c:currency></c:Money></o:Order>',
        ),
      ),
    );
    const response = envelope(
      '<o:OrderResponse xmlns:o="urn:test:orders" xmlns:c="urn:test:common"><c:Money><c:amount>1</c:amount><c:currency>EUR</c:currency></c:Money></o:OrderResponse>',
    );
    expect(readMessage(service, op.output, readSoapBody(response, context), context)).toEqual({
      Money: [{ amount: 1, currency: 'EUR' }],
    });
  });

  it('keeps a:Item and b:Item apart: distinct names, their own fields and namespaces', async () => {
    const { service, text, typeErrors } = await generated('same-local-names.wsdl');
    expect(typeErrors()).toBeUndefined();
    expect(text).toContain('export interface Item_catalog {\n  sku: string;\n}');
    expect(text).toContain('export interface Item_billing {\n  price: number;\n}');
    expect(text).toContain('  product: Item_catalog;\n  charge: Item_billing;');
    const op = service.operations.Buy!;
    const xml = createRequestWriter(service, op, { provider: 'core' })({
      product: { sku: 'X1' },
      charge: { price: 5 },
    });
    expect(bodyOf(xml)).toEqual(
      bodyOf(
        envelope(
          '<s:Buy xmlns:s="urn:test:shop" xmlns:a="urn:test:catalog" xmlns:b="urn:test:billing"><s:product><a:sku>X1</a:sku></s:product><s:charge><b:price>5</b:price></s:charge></s:Buy>',
        ),
      ),
    );
  });

  it('resolves a part’s element= with the WSDL’s prefixes, not those of the last schema read', async () => {
    const { service } = await generated('part-prefix.wsdl');
    const op = service.operations.Verify!;
    expect(op.input.element).toBe('Verify');
    const xml = createRequestWriter(service, op, { provider: 'core' })({ code: 'x' });
    expect(bodyOf(xml)).toEqual(
      bodyOf(envelope('<w:Verify xmlns:w="urn:test:wsdl"><w:code>x</w:code></w:Verify>')),
    );
  });

  it('writes a WCF service’s body in the namespace of its messages schema, not the imports-only wrapper’s', async () => {
    const { service, typeErrors } = await generated('wcf/service.wsdl');
    expect(typeErrors()).toBeUndefined();
    const op = service.operations.Add!;
    const xml = createRequestWriter(service, op, { provider: 'core' })({ operands: { A: 1, B: 2 } });
    expect(bodyOf(xml)).toEqual(
      bodyOf(
        envelope(
          '<t:Add xmlns:t="http://tempuri.org/" xmlns:d="http://schemas.datacontract.org/2004/07/Calc"><t:operands><d:A>1</d:A><d:B>2</d:B></t:operands></t:Add>',
        ),
      ),
    );
  });
});
