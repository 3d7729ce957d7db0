// VPC IDs that are not UUIDs, each made from a valid UUID by one named change, so a failure
// says which rule of the format the server let through.
import fc from 'fast-check';

const BREAKS: { reason: string; apply: (uuid: string) => string }[] = [
  { reason: 'a character dropped', apply: (u) => u.slice(1) },
  { reason: 'a character added', apply: (u) => u + 'a' },
  { reason: 'a non-hexadecimal character', apply: (u) => 'g' + u.slice(1) },
  { reason: 'no dashes', apply: (u) => u.replaceAll('-', '') },
  { reason: 'a urn:uuid: prefix', apply: (u) => `urn:uuid:${u}` },
  { reason: 'in braces', apply: (u) => `{${u}}` },
  { reason: 'a leading space', apply: (u) => ` ${u}` },
  { reason: 'empty', apply: () => '' },
];

export interface NamedValue {
  value: string;
  reason: string;
}

/** Made from a VPC's own ID, so that a server which reads an ID as the UUID it spells (braces, a
 * prefix and dashes ignored) finds the VPC, and cannot refuse the ID only for naming none. */
export const malformedVpcId = (vpcId: string): fc.Arbitrary<NamedValue> =>
  fc.constantFrom(...BREAKS).map(({ reason, apply }) => {
    const value = apply(vpcId);
    return { value, reason, [fc.toStringMethod]: () => `${JSON.stringify(value)} (${reason})` };
  });
