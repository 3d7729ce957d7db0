// Errors and status codes across the operations: the error bodies, the documented success
// codes, and the freedom a server has where the spec names no single refusal code. The error
// bodies, codes and content types are what a validating client checks before a test sees a
// reply, so PEER-ERR-001 and PEER-ERR-002 read their replies through clients that do not
// (`api.unvalidated`): their own assertions are the check.
import { randomUUID } from 'node:crypto';
import { peeringBetween } from '../../src/suite/bodies.ts';
import type { Reply } from '../../src/suite/api.ts';
import { describe, test } from '../../src/suite/api.ts';
import { expectStatus, expectThat } from '../../src/suite/expect.ts';
import { TestModel } from '../../src/suite/test-model.ts';
import { expectErrorBody } from '../../src/model/allowed.ts';
import { isJsonMediaType } from '../../src/suite/schemas.ts';

/** The reply has exactly `status`, and JSON where it has a body: nothing where it has none. */
function expectSuccess<T>(reply: Reply<T>, status: number): T {
  const body = expectStatus(reply, status);
  const { contentType, responseText } = reply.exchange;
  if (status === 204) {
    expectThat(responseText === '', `${reply.exchange.operationId} answered 204 with a body`, reply, 'an empty body');
  } else {
    expectThat(
      isJsonMediaType(contentType),
      `${reply.exchange.operationId} answered ${status} as ${contentType ?? 'no content type'}`,
      reply,
      'application/json',
    );
  }
  return body;
}

describe('errors', () => {
  /**
   * PEER-ERR-001 (MUST) - every 400, 403, 404 and 409 carries a JSON error body: Neutron's
   * `{"NeutronError": {"message", "type"}}`, as the vendor's servers answer, or the VPC error
   * appendix's `{"code", "message"}` (SILENCE-019). Here, the 400s of a create without
   * `peering` (PEER-CREATE-002).
   */
  test('a 400 carries an error body', { tags: ['PEER-ERR-001'] }, async ({ api }) => {
    const model = new TestModel(api, { requester: api.unvalidated.requester });
    const pair = await api.lease('same');
    for (const body of [{}, { name: api.name('unwrapped') }])
      expectErrorBody(await model.createLacking('requester', pair, body, 'peering'));
  });

  /**
   * PEER-ERR-001 (MUST) - every 404 carries an error body. PEER-SHOW-004
   * (MUST) is what makes show of a peering that never existed a 404, and only a stateful server
   * knows it never existed.
   */
  test('a 404 carries an error body', { tags: ['PEER-ERR-001', 'PEER-SHOW-004'] }, async ({ api }) => {
    const model = new TestModel(api, { requester: api.unvalidated.requester });
    expectErrorBody(await model.showNeverMade('requester', randomUUID()));
  });

  /**
   * PEER-ERR-001 (MUST) - a refusal the spec gives no single code for carries an error body too,
   * whichever code it has. PEER-ACCEPT-003 (MUST) provides one: the
   * requester accepting its own request.
   */
  test('a refusal with no single documented code carries an error body', { tags: ['PEER-ERR-001', 'PEER-ACCEPT-003'] }, async ({ api }) => {
    const model = new TestModel(api, { requester: api.unvalidated.requester });
    const p = await model.create('requester', 'cross', { name: api.name('self-accept') });
    expectErrorBody(await model.accept('requester', p, 'refused'));
  });

  /**
   * PEER-ERR-002 (MUST) - family, "Operations"; "Errors": every response uses a status code the
   * document lists for its operation, and every response with a body is `application/json`; a
   * success is exactly 201 for create, 204 with no body for delete, and 200 for the others.
   */
  test(
    'each operation succeeds with exactly its documented code, in JSON where it has a body',
    { tags: ['PEER-ERR-002'] },
    async ({ api }) => {
      const { requester, accepter } = api.unvalidated;
      const pair = await api.lease('cross');
      const body = peeringBetween(pair, { name: api.name('codes') });
      const { id } = expectSuccess(await requester.create(body), 201).peering;
      expectSuccess(await requester.list({ id }), 200);
      expectSuccess(await accepter.show(id), 200);
      expectSuccess(await accepter.update(id, { peering: { description: 'described for the status codes' } }), 200);
      expectSuccess(await accepter.accept(id), 200);
      expectSuccess(await requester.delete(id), 204);
      // Only a pending request can be rejected: another is asked for, on a pair of its own.
      const other = expectSuccess(
        await requester.create(peeringBetween(await api.lease('cross'), { name: api.name('codes') })),
        201,
      ).peering;
      expectSuccess(await accepter.reject(other.id), 200);
    },
  );

  /**
   * PEER-ERR-003 (MAY) - family, "Errors": where the spec names no single code for a refusal, a
   * server may answer any of 400, 403, 404 or 409. PEER-CREATE-017 (MUST) is such a refusal: a
   * second peering between two VPCs, here asked for again by the requester and in reverse by the
   * accepter.
   */
  test(
    'a duplicate pair may be refused with any of 400, 403, 404 or 409',
    { tags: ['PEER-ERR-003', 'PEER-CREATE-017'] },
    async ({ api }) => {
      const model = new TestModel(api);
      const pair = await api.lease('cross');
      await model.create('requester', pair, { name: api.name('first') });
      await model.create('requester', pair, { name: api.name('again') }, 'refused');
      const reversed = { ...pair, requestVpc: pair.acceptVpc, acceptVpc: pair.requestVpc, acceptTenant: api.tenants.requester };
      await model.create('accepter', reversed, { name: api.name('reversed') }, 'refused');
    },
  );
});
