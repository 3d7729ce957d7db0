// An emulator variant changes one behaviour of the reference emulator: a mutant breaks exactly
// one requirement (the suite must fail on it), a tolerant variant makes other legal choices
// where the spec is silent (the suite must pass on it), a fault has a real endpoint's bad moments.
import type { IncomingMessage } from 'node:http';
import type { Authorization } from '../src/http/signer.ts';
import type { Tenants, Tenant } from './tenants.ts';
import type { PeeringStore, PeeringStoreOptions } from './peerings.ts';

export interface EmulatorReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A body sent as is, with its own content type, instead of JSON. */
  text?: { content: string; contentType: string };
}

export interface Variant {
  name: string;
  /** The requirement a mutant breaks; none for the tolerant variant. */
  breaks?: string;
  /** What breaking it necessarily breaks too, as a server's every answer shows it (a name no one
   * may set, once stored, is in every answer that carries the peering): a failure of these is the
   * mutant's own, any other a finding. */
  consequences?: string[];
  summary: string;
  /** A store that decides one thing differently. */
  store?: (tenants: Tenants, options: PeeringStoreOptions) => PeeringStore;
  /** Bodies to let through although the document's schemas refuse them. */
  admits?: (operationId: string, body: unknown) => boolean;
  /** Reads a list query value the document's schemas refuse, or leaves it refused (undefined). */
  readsQuery?: (name: string, raw: string) => string | number | undefined;
  /** Answers a request before the emulator looks at it, or (a promise that never settles) never. */
  intercept?: (req: IncomingMessage) => EmulatorReply | undefined | Promise<EmulatorReply>;
  /** Decides who a token belongs to, in place of an exact match on the tenants' tokens. */
  caller?: (token: string, tenants: Map<string, Tenant>) => Tenant | undefined;
  /** Decides who signed a request, given who the signature check found (if anyone). */
  signer?: (auth: Authorization, verified: Tenant | undefined, tenantsByAk: Map<string, Tenant>) => Tenant | undefined;
  /** Holds every answer this long: a race mutant answers only once its late write has landed, so
   * that requests sent one after another never see the window it leaves open. */
  answersAfterMs?: number;
  /** Rewrites a reply before it is sent. */
  reply?: (operationId: string, reply: EmulatorReply) => EmulatorReply;
  tenants?: () => Tenants;
}

/** A JSON body as a variant rewrites it, into shapes no type of the document describes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a variant's point is to break the document's types
export type JsonBody = Record<string, any>;

/** Applies `change` to every peering a successful reply carries: wrapped, flat, or in a list. */
export function eachPeering(change: (peering: JsonBody) => JsonBody) {
  return (_: string, reply: EmulatorReply): EmulatorReply => {
    const body = reply.body as JsonBody | undefined;
    if (!body || typeof body !== 'object' || reply.status >= 300) return reply;
    if (Array.isArray(body.peerings)) return { ...reply, body: { ...body, peerings: body.peerings.map(change) } };
    if (body.peering) return { ...reply, body: { ...body, peering: change(body.peering) } };
    return { ...reply, body: change(body) };
  };
}
