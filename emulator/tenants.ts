// The emulator's tenants and their VPCs: generated fresh, or read from a JSON file in the
// target file's own shape (without `baseUrl`, tokens given as plain strings).
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ResolvedTenant, TargetFile, TenantRole } from '../src/document/target-file.ts';

/** A tenant as the emulator knows it: a token, and AK/SK credentials for signed requests. */
export type Tenant = ResolvedTenant & { token: string };

export type Tenants = Record<TenantRole, Tenant>;

/** How many VPCs each generated tenant owns: the minimum a target file must offer, plus one. */
const GENERATED_VPCS: Record<TenantRole, number> = { requester: 4, accepter: 3, outsider: 1 };

export function generateTenants(): Tenants {
  const tenant = (role: TenantRole): Tenant => ({
    role,
    projectId: randomUUID(),
    token: `emu-${role}-${randomBytes(12).toString('hex')}`,
    ak: `EMU${role.toUpperCase().slice(0, 3)}${randomBytes(7).toString('hex').toUpperCase()}`,
    sk: randomBytes(20).toString('hex'),
    vpcIds: Array.from({ length: GENERATED_VPCS[role] }, () => randomUUID()),
  });
  return { requester: tenant('requester'), accepter: tenant('accepter'), outsider: tenant('outsider') };
}

export function loadTenants(path: string): Tenants {
  const file = JSON.parse(readFileSync(path, 'utf8'));
  const tenant = (role: TenantRole): Tenant => {
    const entry = file[role];
    if (typeof entry?.projectId !== 'string' || typeof entry.token !== 'string') {
      throw new Error(`${path}: "${role}" needs a string "projectId" and a string "token"`);
    }
    return {
      role,
      projectId: entry.projectId,
      token: entry.token,
      vpcIds: entry.vpcIds ?? [],
      ...(typeof entry.ak === 'string' && typeof entry.sk === 'string' && { ak: entry.ak, sk: entry.sk }),
    };
  };
  return { requester: tenant('requester'), accepter: tenant('accepter'), outsider: tenant('outsider') };
}

/** A target file for these tenants: with each tenant's token and AK/SK (requests go with the token,
 * the signing tests sign with the AK/SK), or with only one of them. */
export function toTargetFile(tenants: Tenants, baseUrl: string, credentials: 'both' | 'token' | 'aksk' = 'both'): TargetFile {
  const entry = ({ projectId, token, ak, sk, vpcIds }: Tenant) => ({
    projectId,
    ...(credentials !== 'aksk' && { token }),
    ...(credentials !== 'token' && ak && sk && { ak, sk }),
    vpcIds,
  });
  return {
    baseUrl,
    requester: entry(tenants.requester),
    accepter: entry(tenants.accepter),
    outsider: entry(tenants.outsider),
  };
}
