import { describe, expect, test } from '../support/conformance.ts';
import { expectStatus } from '../support/expect.ts';

describe('create', () => {
  test('PEER-CREATE-001 answers 201 with the peering wrapped in `peering`', async ({ api }) => {
    const pair = await api.lease('same');
    const reply = await api.requester.create({ peering: { name: api.name('created'), request_vpc_info: { vpc_id: pair.requestVpc }, accept_vpc_info: { vpc_id: pair.acceptVpc } } });
    expect(expectStatus(reply, 201).peering.id).toBeTypeOf('string');
  });

  test('PEER-CREATE-015 a same-project peering is ACTIVE at once', async ({ api }) => {
    const pair = await api.lease('same');
    const reply = await api.requester.create({ peering: { name: api.name(), request_vpc_info: { vpc_id: pair.requestVpc }, accept_vpc_info: { vpc_id: pair.acceptVpc } } });
    expect(expectStatus(reply, 201).peering.status).toBe('ACTIVE');
  });
});
