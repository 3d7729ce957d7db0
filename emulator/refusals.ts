// How the emulator says no: a status, a Neutron error type and a message, rendered as the
// Neutron-style body (or, for authentication, the API gateway's body).
import { randomUUID } from 'node:crypto';

export interface Refusal {
  status: number;
  type: string;
  message: string;
}

export type StoreResult<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export function refuse(status: number, type: string, message: string): { ok: false; refusal: Refusal } {
  return { ok: false, refusal: { status, type, message } };
}

export function neutronBody({ type, message }: Refusal): object {
  return { NeutronError: { message, type, detail: '' } };
}

export function gatewayBody(message: string): object {
  return { error_msg: message, error_code: 'APIGW.0301', request_id: randomUUID().replaceAll('-', '') };
}
