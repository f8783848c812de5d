/**
 * New RS256 keys for the workbench's test profiles (the authenticator's rsaKey port): WebCrypto
 * makes the 2048-bit key natively, and it leaves as PKCS#8, the form the authenticator signs with
 * and the vault seals like any private key.
 */
export async function rsaKeyPkcs8(): Promise<Uint8Array> {
  const pair = await crypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: Uint8Array.of(1, 0, 1),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  );
  return new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
}
