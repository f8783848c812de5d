/**
 * The only module that imports cbor-x. Every option is spelled out (architecture trap 1):
 * - `tagUint8Array: false`: a byte string is major type 2 (`0x58 …`), not tag 64 around it.
 * - `useRecords: false`, `useTag259ForMaps` off via `mapsAsObjects: false`: plain CBOR maps only.
 * - cbor-x does not sort keys, so CTAP2 canonical order (CTAP 2.1 §8 "Message Encoding": integers
 *   before strings, shorter before longer, then bytewise) comes from building `Map`s in that order;
 *   `canonicalMap` checks it so a wrong order fails loudly instead of producing odd bytes.
 */
import { Decoder, Encoder } from 'cbor-x';

const encoder = new Encoder({
  useRecords: false,
  mapsAsObjects: false,
  tagUint8Array: false,
  variableMapSize: true,
  useFloat32: 0,
  pack: false,
  structuredClone: false,
  bundleStrings: false,
  useSelfDescribedHeader: false,
});

const decoder = new Decoder({ useRecords: false, mapsAsObjects: false });

export type CborKey = number | string;
export type CborValue = number | string | boolean | Uint8Array | CborValue[] | Map<CborKey, CborValue>;

export function encodeCbor(value: CborValue): Uint8Array {
  const out = encoder.encode(value);
  // cbor-x returns a Node Buffer in Node; normalise so equality checks and copies behave the same.
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

export function decodeCbor(bytes: Uint8Array): unknown {
  return decoder.decode(bytes);
}

/** Builds a Map and asserts its keys are already in CTAP2 canonical order. */
export function canonicalMap(entries: [CborKey, CborValue][]): Map<CborKey, CborValue> {
  for (let i = 1; i < entries.length; i++) {
    if (compareCanonical(entries[i - 1]![0], entries[i]![0]) >= 0) {
      throw new Error(`CBOR map keys out of canonical order at ${String(entries[i]![0])}`);
    }
  }
  return new Map(entries);
}

/** CTAP2 canonical CBOR key order: by encoded length, then bytewise on the encoding. */
function compareCanonical(a: CborKey, b: CborKey): number {
  const ea = encodeCbor(a);
  const eb = encodeCbor(b);
  if (ea.length !== eb.length) return ea.length - eb.length;
  for (let i = 0; i < ea.length; i++) {
    if (ea[i] !== eb[i]) return ea[i]! - eb[i]!;
  }
  return 0;
}
