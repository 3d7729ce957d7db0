// Where the sources are silent, the suite's judgements accept either choice: shown on the four
// points a correct independent server once failed, against the reference emulator and the
// independent variant, which choose opposite ways at each. The judgements are the ones the
// conformance tests make (src/model/allowed.ts, the lifecycle's Create), not copies.
import type { SilenceId } from '../../generated/requirement-ids.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDEPENDENT } from '../../emulator/independent.ts';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { Create, Reject } from './commands.ts';
import { emptyModel, type Real } from './model.ts';
import {
  expectEmptyTenantAnswered,
  expectErrorBody,
  expectUnauthorizedBody,
  expectUnmatchableFilterAnswered,
  expectUnseenMarkerAnswered,
} from './allowed.ts';
import { ServerChoices } from './choices.ts';
import { PeeringClient } from '../http/client.ts';
import { fakeReply } from '../http/fake-reply.ts';
import type { SchemaPeeringList } from '../../generated/vpc-peering.ts';
import { ConformanceFailure } from '../http/failure.ts';
import { pairsOf } from '../run/leases.ts';
import type { TenantRole } from '../document/target-file.ts';

interface Server {
  emulator: RunningEmulator;
  client(role: TenantRole): PeeringClient;
}

const servers: Record<'reference' | 'independent', Server> = {} as never;

beforeAll(async () => {
  for (const [name, variant] of [
    ['reference', undefined],
    ['independent', INDEPENDENT],
  ] as const) {
    const emulator = await startEmulator({ ...(variant && { variant }) });
    const clients = new Map(Object.values(emulator.tenants).map((t) => [t.role, new PeeringClient(emulator.url, { token: t.token })]));
    servers[name] = { emulator, client: (role) => clients.get(role)! };
  }
});
afterAll(() => Promise.all(Object.values(servers).map((s) => s.emulator.close())));

/** Runs `judge` against both servers, each with choices of its own, and gives what each chose
 * (within the class of request `within`, where the point lists classes). */
async function choicesOf(
  point: SilenceId,
  judge: (server: Server, choices: ServerChoices) => Promise<void>,
  within?: string,
): Promise<Record<string, string | undefined>> {
  const made: Record<string, string | undefined> = {};
  for (const [name, server] of Object.entries(servers)) {
    const choices = new ServerChoices();
    await judge(server, choices);
    made[name] = choices.at(point, within);
  }
  return made;
}

/** A same-project pair of the server's, a different one for each test: the first is `at` 0. */
const samePair = ({ emulator }: Server, at: number) =>
  pairsOf(emulator.tenants.requester, emulator.tenants.accepter).filter((p) => p.kind === 'same')[at]!;

describe('the answers a server may choose where the sources are silent', () => {
  it('SILENCE-002: an empty peer tenant_id, refused or taken as absent, passes', async () => {
    const made = await choicesOf(
      'SILENCE-002',
      async (server, choices) => {
        const pair = samePair(server, 0);
        const reply = await server.client('requester').createRaw({
          peering: {
            name: 'empty-tenant',
            request_vpc_info: { vpc_id: pair.requestVpc },
            accept_vpc_info: { vpc_id: pair.acceptVpc, tenant_id: '' },
          },
        });
        expectEmptyTenantAnswered(reply, 'same', choices);
      },
      'accept-side',
    );
    expect(made).toEqual({ reference: 'refused', independent: 'absent' });
  });

  it('SILENCE-003: a rejected peering that holds its pair, or frees it, passes the lifecycle model', async () => {
    const made = await choicesOf('SILENCE-003', async ({ emulator, client }, choices) => {
      const pair = pairsOf(emulator.tenants.requester, emulator.tenants.accepter).find((p) => p.kind === 'cross')!;
      const real: Real = { client, tenant: (role) => emulator.tenants[role], settled: (check) => check(), settleMs: 0 };
      const model = emptyModel(['requester', 'accepter', 'outsider'], [{ label: 'cross-1', pair }], 'silence-', choices);
      for (const command of [
        new Create('cross', 0, false, 'a', undefined),
        new Reject(0, 'awaited'),
        new Create('cross', 0, false, 'b', undefined),
      ]) {
        await command.run(model, real);
      }
    });
    expect(made).toEqual({ reference: 'holds', independent: 'frees' });
  });

  it("SILENCE-004: a marker naming another tenant's peering, refused or taken as a position, passes", async () => {
    const made = await choicesOf('SILENCE-004', async (server, choices) => {
      const pair = samePair(server, 1);
      const created = await server.client('requester').create({
        peering: {
          name: 'not-the-accepters',
          request_vpc_info: { vpc_id: pair.requestVpc },
          accept_vpc_info: { vpc_id: pair.acceptVpc },
        },
      });
      const id = created.data!.peering.id;
      expectUnseenMarkerAnswered(await server.client('accepter').list({ marker: id }), id, choices);
    });
    expect(made).toEqual({ reference: 'refused', independent: 'position' });
  });

  it('SILENCE-006: an unknown status filter, refused or matching nothing, passes', async () => {
    const made = await choicesOf(
      'SILENCE-006',
      async (server, choices) => {
        const query = { status: 'ACCEPTED' };
        expectUnmatchableFilterAnswered(await server.client('requester').listRaw(query), query, choices);
      },
      'status',
    );
    expect(made).toEqual({ reference: 'refused', independent: 'empty' });
  });

  it('SILENCE-006: a server is held to its choice within a class of request, never across classes', () => {
    const choices = new ServerChoices();
    const answered = (status: number) => fakeReply<SchemaPeeringList>('listVpcPeerings', status, { peerings: [] });
    // Refusing an unknown status and matching nothing for a long name are both allowed, together.
    expectUnmatchableFilterAnswered(answered(400), { status: 'ACCEPTED' }, choices);
    expectUnmatchableFilterAnswered(answered(200), { name: 'n'.repeat(65) }, choices);
    expect([choices.at('SILENCE-006', 'status'), choices.at('SILENCE-006', 'name')]).toEqual(['refused', 'empty']);
    // Within one class, the server keeps to the choice it made.
    expect(() => expectUnmatchableFilterAnswered(answered(200), { status: 'UNKNOWN' }, choices)).toThrow(ConformanceFailure);
  });

  it('SILENCE-019, SILENCE-020: Neutron or appendix error bodies, and gateway or appendix 401 bodies, pass', async () => {
    const shapes: string[] = [];
    for (const server of Object.values(servers)) {
      const refused = await server.client('requester').createRaw({});
      expectErrorBody(refused);
      const unauthorized = await new PeeringClient(server.emulator.url, {}).list();
      expectUnauthorizedBody(unauthorized);
      shapes.push(Object.keys(refused.error as object).join(), Object.keys(unauthorized.error as object).join());
    }
    expect(shapes).toEqual(['NeutronError', 'error_msg,error_code,request_id', 'code,message', 'code,message']);
  });

  it('holds a server to the choice it made: answering the same point the other way fails', async () => {
    const choices = new ServerChoices();
    const { client } = servers.independent;
    const query = { status: 'ACCEPTED' };
    expectUnmatchableFilterAnswered(await client('requester').listRaw(query), query, choices);
    const refusal = await servers.reference.client('requester').listRaw(query);
    expect(() => expectUnmatchableFilterAnswered(refusal, query, choices)).toThrow(ConformanceFailure);
  });

  it('fails an answer no choice explains: a list after an unseen marker that shows the peering', async () => {
    const { client } = servers.reference;
    const pair = samePair(servers.reference, 2);
    const created = await client('requester').create({
      peering: { name: 'shown', request_vpc_info: { vpc_id: pair.requestVpc }, accept_vpc_info: { vpc_id: pair.acceptVpc } },
    });
    const id = created.data!.peering.id;
    // The requester can see it, so its own list after the marker stands in for a leaking server's.
    const leaking = await client('requester').list({ id });
    expect(() => expectUnseenMarkerAnswered(leaking, id, new ServerChoices())).toThrow(/shows that peering/);
  });
});
