// What the model allows each operation to answer, as data: every verb on a cross-project peering,
// by the party that requested it, by the party it awaits, and by a tenant party to neither side,
// in every status it can stand in. Each cell reads "what a success means, what a refusal means":
// `succeeds`, or the requirements it breaks; `refused for` the requirement whose codes it may
// use, or the requirements a refusal breaks; a silence names the choice each answer makes.
import type { RequirementId } from '../../generated/requirement-ids.ts';
import type { SchemaPeering } from '../../generated/vpc-peering.ts';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../http/client.ts';
import type { TenantRole } from '../document/target-file.ts';
import type { ModelPeering, Status } from './model.ts';
import { judge, outcomes, type Choice, type Outcomes, type Request, type Site } from './outcomes.ts';
import { CROSS, modelPeering } from './peering-fixture.ts';

/** Peering #1, which the requester asked of the accepter, standing as `status` says. */
const peering = (status: Status | 'deleted') =>
  modelPeering({ status: status === 'deleted' ? 'ACTIVE' : status, deleted: status === 'deleted' });

const choiceOf = (silence?: Choice) => (silence ? ` as ${silence.point} ${silence.choice}` : '');

/** What a success and a refusal mean, one phrase each. */
function meaning(o: Outcomes): [string, string] {
  const { success, refusal } = o;
  return [
    success.legal
      ? `succeeds${choiceOf(success.silence)}`
      : `breaks ${success.breaks.join(', ')}${success.repeats ? ' (a repeat of the answer given)' : ''}`,
    refusal.legal ? `refused for ${refusal.requirements.join(', ')}${choiceOf(refusal.silence)}` : `breaks ${refusal.breaks.join(', ')}`,
  ];
}

type Cell = [string, string];
type Row = Record<Status | 'deleted', Cell>;
const STATUSES = ['PENDING_ACCEPTANCE', 'ACTIVE', 'REJECTED', 'deleted'] as const;

/** The same meaning in every status. */
const always = (cell: Cell): Row => ({ PENDING_ACCEPTANCE: cell, ACTIVE: cell, REJECTED: cell, deleted: cell });

const SHOWN: Row = {
  PENDING_ACCEPTANCE: ['succeeds', 'breaks PEER-SHOW-002'],
  ACTIVE: ['succeeds', 'breaks PEER-SHOW-002'],
  REJECTED: ['succeeds', 'breaks PEER-SHOW-002'],
  deleted: ['breaks PEER-SHOW-004, PEER-DELETE-003', 'refused for PEER-SHOW-004'],
};
const UPDATED: Row = {
  PENDING_ACCEPTANCE: ['succeeds', 'breaks PEER-UPDATE-005'],
  ACTIVE: ['succeeds', 'breaks PEER-UPDATE-005'],
  REJECTED: ['succeeds', 'breaks PEER-UPDATE-005'],
  deleted: ['breaks PEER-DELETE-003', 'refused for PEER-UPDATE-007'],
};
const DELETED: Row = {
  PENDING_ACCEPTANCE: ['succeeds', 'breaks PEER-DELETE-002'],
  ACTIVE: ['succeeds', 'breaks PEER-DELETE-002'],
  REJECTED: ['succeeds', 'breaks PEER-DELETE-002'],
  deleted: ['succeeds as SILENCE-016 idempotent', 'refused for PEER-DELETE-004 as SILENCE-016 not-found'],
};

const TABLE: Record<'show' | 'update' | 'accept' | 'reject' | 'delete', Record<TenantRole, Row>> = {
  show: { requester: SHOWN, accepter: SHOWN, outsider: always(['breaks PEER-SHOW-003', 'refused for PEER-SHOW-003']) },
  update: { requester: UPDATED, accepter: UPDATED, outsider: always(['breaks PEER-UPDATE-007', 'refused for PEER-UPDATE-007']) },
  accept: {
    requester: {
      PENDING_ACCEPTANCE: ['breaks PEER-ACCEPT-003', 'refused for PEER-ACCEPT-003'],
      ACTIVE: ['breaks PEER-ACCEPT-004', 'refused for PEER-ACCEPT-004'],
      REJECTED: ['breaks PEER-REJECT-002', 'refused for PEER-ACCEPT-004'],
      deleted: ['breaks PEER-DELETE-003', 'refused for PEER-ACCEPT-004'],
    },
    accepter: {
      PENDING_ACCEPTANCE: ['succeeds', 'breaks PEER-ACCEPT-002'],
      ACTIVE: ['breaks PEER-ACCEPT-004 (a repeat of the answer given)', 'refused for PEER-ACCEPT-004'],
      REJECTED: ['breaks PEER-REJECT-002', 'refused for PEER-ACCEPT-004'],
      deleted: ['breaks PEER-DELETE-003', 'refused for PEER-ACCEPT-004'],
    },
    outsider: always(['breaks PEER-ACCEPT-005', 'refused for PEER-ACCEPT-005']),
  },
  reject: {
    requester: {
      PENDING_ACCEPTANCE: ['breaks PEER-REJECT-003', 'refused for PEER-REJECT-003'],
      ACTIVE: ['breaks PEER-REJECT-004', 'refused for PEER-REJECT-004'],
      REJECTED: ['breaks PEER-REJECT-004', 'refused for PEER-REJECT-004'],
      deleted: ['breaks PEER-DELETE-003', 'refused for PEER-REJECT-004'],
    },
    accepter: {
      PENDING_ACCEPTANCE: ['succeeds', 'breaks PEER-REJECT-002'],
      ACTIVE: ['breaks PEER-REJECT-004', 'refused for PEER-REJECT-004'],
      REJECTED: ['breaks PEER-REJECT-004 (a repeat of the answer given)', 'refused for PEER-REJECT-004'],
      deleted: ['breaks PEER-DELETE-003', 'refused for PEER-REJECT-004'],
    },
    // PEER-ACCEPT-005 states both: a tenant party to neither side can neither accept nor reject.
    outsider: always(['breaks PEER-ACCEPT-005', 'refused for PEER-ACCEPT-005']),
  },
  delete: { requester: DELETED, accepter: DELETED, outsider: always(['breaks PEER-DELETE-004', 'refused for PEER-DELETE-004']) },
};

const requestFor = (verb: keyof typeof TABLE): Request =>
  verb === 'update' ? { verb, label: '#1', fields: { description: 'changed' } } : { verb, label: '#1' };

describe('outcomes of each verb, by each tenant, in each status', () => {
  for (const [verb, byCaller] of Object.entries(TABLE) as [keyof typeof TABLE, Record<TenantRole, Row>][]) {
    for (const [caller, row] of Object.entries(byCaller) as [TenantRole, Row][]) {
      for (const status of STATUSES) {
        it(`${verb} by the ${caller}, ${status}: ${row[status].join('; ')}`, () => {
          expect(meaning(outcomes([peering(status)], requestFor(verb), caller))).toEqual(row[status]);
        });
      }
    }
  }
});

describe('what a success leaves, and what a refusal may answer', () => {
  const after = (verb: keyof typeof TABLE, caller: TenantRole) => {
    const { success } = outcomes([peering('PENDING_ACCEPTANCE')], requestFor(verb), caller);
    if (!success.legal) throw new Error(`${verb} by the ${caller} is no success: ${success.because}`);
    return success.next[0]!;
  };

  it('an accept leaves the peering ACTIVE, a reject REJECTED, an update its fields, a delete gone', () => {
    expect(after('accept', 'accepter').status).toBe('ACTIVE');
    expect(after('reject', 'accepter').status).toBe('REJECTED');
    expect(after('update', 'requester').description).toBe('changed');
    expect(after('delete', 'accepter').deleted).toBe(true);
  });

  it('a show of a deleted peering may be refused only with 404; a refusal where the spec is silent, with any listed 4xx', () => {
    const codes = (o: Outcomes) => (o.refusal.legal ? o.refusal.codes : []);
    expect(codes(outcomes([peering('deleted')], { verb: 'show', label: '#1' }, 'requester'))).toEqual([404]);
    expect(codes(outcomes([peering('ACTIVE')], { verb: 'accept', label: '#1' }, 'accepter'))).toEqual([400, 403, 404, 409]);
  });

  it('a list shows a party its live peerings, and a tenant party to neither side nothing', () => {
    const listed = (p: ModelPeering, viewer: TenantRole) =>
      (outcomes([p], { verb: 'list' }, viewer).success as { lists: ModelPeering[] }).lists.map((q) => q.label);
    expect(listed(peering('REJECTED'), 'accepter')).toEqual(['#1']);
    expect(listed(peering('ACTIVE'), 'outsider')).toEqual([]);
    expect(listed(peering('deleted'), 'requester')).toEqual([]);
  });
});

/** A reply to a request on #1 with `status`, carrying the peering as `shown` when given. */
function reply(status: number, shown?: ModelPeering): Reply<unknown> {
  const data: SchemaPeering | undefined = shown && {
    id: shown.id,
    name: shown.name,
    description: shown.description,
    status: shown.status,
    request_vpc_info: { vpc_id: shown.requestVpc, tenant_id: shown.stamp.request_tenant },
    accept_vpc_info: { vpc_id: shown.acceptVpc, tenant_id: shown.stamp.accept_tenant },
    created_at: shown.stamp.created_at,
    updated_at: '2026-12-07T00:00:00',
  };
  return {
    status,
    ...(data && { data }),
    exchange: {
      operationId: 'acceptVpcPeering',
      method: 'PUT',
      url: 'http://127.0.0.1/v2.0/vpc/peerings/p1/accept',
      headers: {},
      status,
      contentType: 'application/json',
      responseText: JSON.stringify(data ?? {}),
    },
  };
}

/** Whether the model explains a reply, or what the reply breaks (nothing, for a choice unlike the one made before). */
const verdict = (judged: ReturnType<typeof judge>): 'explained' | { breaks: RequirementId[] } =>
  'unexplained' in judged ? { breaks: judged.unexplained.breaks ?? [] } : 'explained';
const NO_CHOICE = { chosen: () => undefined };

describe('PEER-ACCEPT-004 and PEER-REJECT-004: an answer already given is not given again', () => {
  it('re-accepting an ACTIVE peering must be refused: a 200 repeating the accept is unexplained', () => {
    const again = outcomes([peering('ACTIVE')], { verb: 'accept', label: '#1' }, 'accepter');
    expect(verdict(judge(again, reply(200, peering('ACTIVE')), NO_CHOICE))).toEqual({ breaks: ['PEER-ACCEPT-004'] });
    expect(verdict(judge(again, reply(409), NO_CHOICE))).toBe('explained');
  });

  it('re-rejecting a REJECTED peering must be refused: a 200 repeating the reject is unexplained', () => {
    const again = outcomes([peering('REJECTED')], { verb: 'reject', label: '#1' }, 'accepter');
    expect(verdict(judge(again, reply(200, peering('REJECTED')), NO_CHOICE))).toEqual({ breaks: ['PEER-REJECT-004'] });
    expect(verdict(judge(again, reply(409), NO_CHOICE))).toBe('explained');
  });

  it('the race checker may explain such a repeat, but only as the lapse it is', () => {
    const again = outcomes([peering('ACTIVE')], { verb: 'accept', label: '#1' }, 'accepter');
    expect(judge(again, reply(200, peering('ACTIVE')), { ...NO_CHOICE, lapses: true })).toMatchObject({ lapses: ['PEER-ACCEPT-004'] });
  });
});

describe('PEER-CREATE-017 and SILENCE-003: a create on a pair already peered', () => {
  const site: Site = {
    pairLabel: 'cross-1',
    pair: CROSS,
    cross: true,
    by: 'requester',
    answeredBy: 'accepter',
    requestVpc: 'vpc-a',
    acceptVpc: 'vpc-b',
  };
  const create: Request = { verb: 'create', site, label: '#2', name: 'cf-test-b', id: 'p2', stamp: {} };
  const createOn = (status: Status | 'deleted') => outcomes([peering(status)], create, 'requester');

  it('must be refused while a pending or an active peering holds the pair', () => {
    expect(meaning(createOn('PENDING_ACCEPTANCE'))).toEqual(['breaks PEER-CREATE-017', 'refused for PEER-CREATE-017']);
    expect(meaning(createOn('ACTIVE'))).toEqual(['breaks PEER-CREATE-017', 'refused for PEER-CREATE-017']);
  });

  it('may succeed or be refused beside a REJECTED one, each answer naming its choice, and the server is held to it', () => {
    const beside = createOn('REJECTED');
    expect(meaning(beside)).toEqual(['succeeds as SILENCE-003 frees', 'refused for PEER-CREATE-017 as SILENCE-003 holds']);
    const heldTo = (choice: string) => ({ chosen: (point: string) => (point === 'SILENCE-003' ? choice : undefined) });
    expect(verdict(judge(beside, reply(409), heldTo('frees')))).toEqual({ breaks: [] });
    expect(verdict(judge(beside, reply(409), heldTo('holds')))).toBe('explained');
  });

  it('must succeed once the only peering on the pair was deleted', () => {
    expect(meaning(createOn('deleted'))).toEqual(['succeeds', 'breaks PEER-DELETE-003']);
  });
});

describe('SILENCE-016: a repeated delete', () => {
  it('may succeed again or be refused, and a server that chose one is held to it', () => {
    const again = outcomes([peering('deleted')], { verb: 'delete', label: '#1' }, 'requester');
    const chose = (choice: string) => ({ chosen: () => choice });
    expect(verdict(judge(again, reply(204), chose('idempotent')))).toBe('explained');
    expect(verdict(judge(again, reply(404), chose('idempotent')))).toEqual({ breaks: [] });
    expect(verdict(judge(again, reply(404), chose('not-found')))).toBe('explained');
  });
});

describe('callers a server must not serve', () => {
  const requests: Request[] = [
    { verb: 'list' },
    { verb: 'show', label: '#1' },
    { verb: 'update', label: '#1', fields: { description: 'changed' } },
    { verb: 'accept', label: '#1' },
    { verb: 'reject', label: '#1' },
    { verb: 'delete', label: '#1' },
  ];
  const rules = { anonymous: 'PEER-AUTH-001', stranger: 'PEER-AUTH-002', forger: 'PEER-AUTH-005' } as const;

  for (const [caller, rule] of Object.entries(rules) as [keyof typeof rules, RequirementId][]) {
    it(`the ${caller} is refused every request with 401 alone, and served none (${rule})`, () => {
      for (const request of requests) {
        const o = outcomes([peering('PENDING_ACCEPTANCE')], request, caller);
        expect(meaning(o)).toEqual([`breaks ${rule}`, `refused for ${rule}`]);
        expect(o.refusal.legal && o.refusal.codes).toEqual([401]);
      }
    });
  }
});

describe('requests the documents refuse whatever the peerings', () => {
  const site = (cross: boolean): Site => ({
    pairLabel: 'cross-1',
    pair: CROSS,
    cross,
    by: 'requester',
    answeredBy: cross ? 'accepter' : 'requester',
    requestVpc: 'vpc-a',
    acceptVpc: 'vpc-b',
  });
  const create = (lacks: 'peering' | 'name' | 'vpc_id' | 'tenant_id', cross = true): Request => ({
    verb: 'create',
    site: site(cross),
    label: '#1',
    name: 'cf-test-a',
    id: '',
    stamp: {},
    lacks,
  });

  it('a create lacking `peering`, its name, a vpc_id, or across projects the peer tenant_id, is refused for the rule that requires it', () => {
    expect(meaning(outcomes([], create('peering'), 'requester'))).toEqual(['breaks PEER-CREATE-002', 'refused for PEER-CREATE-002']);
    expect(meaning(outcomes([], create('name'), 'requester'))).toEqual(['breaks PEER-CREATE-003', 'refused for PEER-CREATE-003']);
    expect(meaning(outcomes([], create('vpc_id'), 'requester'))).toEqual(['breaks PEER-CREATE-009', 'refused for PEER-CREATE-009']);
    expect(meaning(outcomes([], create('tenant_id'), 'requester'))).toEqual(['breaks PEER-CREATE-011', 'refused for PEER-CREATE-011']);
    expect(meaning(outcomes([], create('tenant_id', false), 'requester'))).toEqual(['succeeds', 'breaks PEER-CREATE-013']);
  });

  it('an update lacking `peering`, or both its fields, is refused for PEER-UPDATE-004', () => {
    for (const lacks of ['peering', 'fields'] as const) {
      const o = outcomes([peering('ACTIVE')], { verb: 'update', label: '#1', fields: {}, lacks }, 'requester');
      expect(meaning(o)).toEqual(['breaks PEER-UPDATE-004', 'refused for PEER-UPDATE-004']);
    }
  });

  it('a show of a peering that never existed is refused with 404 alone', () => {
    const o = outcomes([], { verb: 'show', label: 'never-made' }, 'requester');
    expect(meaning(o)).toEqual(['breaks PEER-SHOW-004', 'refused for PEER-SHOW-004']);
    expect(o.refusal.legal && o.refusal.codes).toEqual([404]);
  });
});

describe('SILENCE-008: an update to a description with < or >', () => {
  const update = (description: string) =>
    outcomes([peering('ACTIVE')], { verb: 'update', label: '#1', fields: { description } }, 'accepter');

  it('may be stored or refused, each class of bracket a choice of its own', () => {
    expect(meaning(update('a <b> tag'))).toEqual(['succeeds as SILENCE-008 stored', 'refused for PEER-UPDATE-003 as SILENCE-008 refused']);
    expect(update('a <b> tag').success).toMatchObject({ silence: { within: 'tag' } });
    expect(update('less < more').success).toMatchObject({ silence: { within: 'less-than' } });
    expect(update('more > less').refusal).toMatchObject({ silence: { within: 'greater-than' } });
    expect(meaning(update('plain'))).toEqual(['succeeds', 'breaks PEER-UPDATE-005']);
  });

  it('holds the server to its choice within the class alone', () => {
    const chose = (within: string, choice: string) => ({ chosen: (_: string, w?: string) => (w === within ? choice : undefined) });
    expect(verdict(judge(update('less < more'), reply(400), chose('less-than', 'stored')))).toEqual({ breaks: [] });
    expect(verdict(judge(update('less < more'), reply(400), chose('tag', 'stored')))).toBe('explained');
  });
});

describe('PEER-SHOW-002: every answer repeats what the create answered', () => {
  it('a show of another id, or of another created_at or tenant_id than the create gave, is unexplained', () => {
    const show = outcomes([peering('ACTIVE')], { verb: 'show', label: '#1' }, 'requester');
    const as = (over: Partial<ModelPeering>) => reply(200, { ...peering('ACTIVE'), ...over });
    const shows = (r: Reply<unknown>) => verdict(judge(show, { ...r, data: { peering: r.data } }, NO_CHOICE));
    expect(shows(as({}))).toBe('explained');
    expect(shows(as({ id: 'p2' }))).toEqual({ breaks: ['PEER-SHOW-002'] });
    expect(shows(as({ stamp: { ...peering('ACTIVE').stamp, created_at: '2026-12-08T00:00:00' } }))).toEqual({ breaks: ['PEER-SHOW-002'] });
    expect(shows(as({ stamp: { ...peering('ACTIVE').stamp, accept_tenant: undefined } }))).toEqual({ breaks: ['PEER-SHOW-002'] });
  });
});

describe('an answer without its peering breaks its own rule', () => {
  it('a show answered flat, or an accept answered with no object, breaks PEER-SHOW-001 or PEER-ACCEPT-001, not what a field would', () => {
    const show = outcomes([peering('ACTIVE')], { verb: 'show', label: '#1' }, 'requester');
    expect(verdict(judge(show, reply(200, peering('ACTIVE')), NO_CHOICE))).toEqual({ breaks: ['PEER-SHOW-001'] });
    const accept = outcomes([peering('PENDING_ACCEPTANCE')], { verb: 'accept', label: '#1' }, 'accepter');
    expect(verdict(judge(accept, { ...reply(200), data: 'accepted' }, NO_CHOICE))).toEqual({ breaks: ['PEER-ACCEPT-001'] });
  });
});
