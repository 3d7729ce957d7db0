// The marker-as-position variant: a correct server, written from the public pages, that reads a
// list's `marker` as a place in the order of IDs. The pagination page says only "If the marker
// value is invalid, error code 400 will be returned"; a well-formed ID naming no peering is, to
// this server, not invalid. Neutron-like servers answer 404 there, the reference emulator 400.
// Everything else is the reference emulator's. The suite must pass on it.
import type { Tenant } from './tenants.ts';
import { PeeringStore, type StoreQuery } from './peerings.ts';
import type { Variant } from './variant.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class MarkerAsPositionStore extends PeeringStore {
  /** A marker naming a peering, or not a UUID at all, is read as the reference reads it. */
  override list(caller: Tenant, query: StoreQuery) {
    const { marker, limit } = query;
    if (marker === undefined || !UUID.test(marker) || this.peerings.has(marker)) return super.list(caller, query);
    const all = super.list(caller, { ...query, marker: undefined, limit: undefined });
    if (!all.ok) return all;
    const position = marker.toLowerCase();
    const after = all.value.peerings.filter((p) => p.id > position);
    // Neutron reads a limit of 0 as "no limit", as the reference does.
    const page = limit ? after.slice(0, limit) : after;
    const last = page.at(-1);
    return { ok: true as const, value: { peerings: page, ...(after.length > page.length && last && { nextMarker: last.id }) } };
  }
}

export const MARKER_AS_POSITION: Variant = {
  name: 'marker-as-position',
  summary: "a well-formed marker naming no peering answered 200 with the caller's peerings whose id sorts after it, not 400",
  store: (tenants, options) => new MarkerAsPositionStore(tenants, options),
};
