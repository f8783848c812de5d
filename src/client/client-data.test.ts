import { describe, expect, it } from 'vitest';
import { toHex } from '../shared/bytes.ts';
import { clientDataHash, collectedClientData } from './client-data.ts';

// Challenge bytes 00 01 … 0f; base64url AAECAwQFBgcICQoLDA0ODw.
const challenge = Uint8Array.from({ length: 16 }, (_, i) => i);

describe('collectedClientData (WebAuthn L3 §5.8.1.1)', () => {
  it.each([
    [
      'a same-origin create byte for byte, without topOrigin',
      'webauthn.create',
      { origin: 'https://example.com', sameOriginWithAncestors: true, topOrigin: 'https://ignored.example' },
      '{"type":"webauthn.create","challenge":"AAECAwQFBgcICQoLDA0ODw","origin":"https://example.com",' +
        '"crossOrigin":false}',
    ],
    [
      'a cross-origin get with topOrigin last',
      'webauthn.get',
      { origin: 'https://rp.example', topOrigin: 'https://top.example', sameOriginWithAncestors: false },
      '{"type":"webauthn.get","challenge":"AAECAwQFBgcICQoLDA0ODw","origin":"https://rp.example",' +
        '"crossOrigin":true,"topOrigin":"https://top.example"}',
    ],
  ] as const)('serializes %s', (_what, type, caller, expected) => {
    expect(collectedClientData(type, challenge, caller)).toBe(expected);
  });

  it('omits topOrigin when a cross-origin caller has none', () => {
    const json = collectedClientData('webauthn.get', challenge, {
      origin: 'https://rp.example',
      sameOriginWithAncestors: false,
    });
    expect(json.endsWith('"crossOrigin":true}')).toBe(true);
  });

  it('escapes with CCDToString: only ", \\ and code points below U+0020, as lower-case \\u00xx', () => {
    const json = collectedClientData('webauthn.create', new Uint8Array(0), {
      origin: 'https://a"b\\c\n\t\u0001\u001f/\u007fé\u2028😀',
      sameOriginWithAncestors: true,
    });
    expect(json).toBe(
      '{"type":"webauthn.create","challenge":"","origin":"https://a\\"b\\\\c\\u000a\\u0009\\u0001\\u001f/\u007fé\u2028😀",' +
        '"crossOrigin":false}',
    );
    // Not what JSON.stringify would write (it uses \n and \t), but still JSON that parses back.
    expect(json).not.toContain(JSON.stringify('\n'));
    expect(JSON.parse(json).origin).toBe('https://a"b\\c\n\t\u0001\u001f/\u007fé\u2028😀');
  });

  it('starts with the prefix the limited verification algorithm (§5.8.1.2) expects', () => {
    const json = collectedClientData('webauthn.get', challenge, {
      origin: 'https://example.com',
      sameOriginWithAncestors: true,
    });
    expect(json.startsWith('{"type":"webauthn.get","challenge":"AAECAwQFBgcICQoLDA0ODw","origin":')).toBe(
      true,
    );
  });
});

describe('clientDataHash', () => {
  it('is SHA-256 over the UTF-8 bytes (golden values from node:crypto)', () => {
    const sameOrigin =
      '{"type":"webauthn.create","challenge":"AAECAwQFBgcICQoLDA0ODw","origin":"https://example.com",' +
      '"crossOrigin":false}';
    expect(toHex(clientDataHash(sameOrigin))).toBe(
      'c55d1e24ccc68009ddb148a0de9e7aad19b335b78ee3924f51b19f4c61f699e5',
    );
    const crossOrigin =
      '{"type":"webauthn.get","challenge":"AAECAwQFBgcICQoLDA0ODw","origin":"https://rp.example",' +
      '"crossOrigin":true,"topOrigin":"https://top.example"}';
    expect(toHex(clientDataHash(crossOrigin))).toBe(
      '14d79e238df674b76bb7ff7e92ef4950b1254035f17acb6ad69a304c4f81e45f',
    );
  });

  it('hashes non-ASCII text as UTF-8 (c3 a9), not UTF-16', () => {
    expect(toHex(clientDataHash('é'))).toBe(
      '4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c',
    );
  });
});
