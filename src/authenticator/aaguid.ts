import { fromHex } from '../shared/bytes.ts';

/**
 * Tapkey's own AAGUID (WebAuthn L3 §6.5.1), a random UUIDv4 chosen once for this project. Relying
 * parties that show authenticator names can map it; it identifies the model, never the user.
 */
export const AAGUID_STRING = '7a3c5e1f-9b2d-4c8e-a6f0-3d1b5e7c9a24';
export const AAGUID = fromHex(AAGUID_STRING.replace(/-/g, ''));
