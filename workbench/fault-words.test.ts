/** The workbench names each fault and preset from the catalogue, never by a key or the core's English alone. */
import { describe, expect, it } from 'vitest';
import { FAULT_TYPES, type FaultSpec } from '../src/workbench-core/fault-spec.ts';
import { PROFILE_PRESETS } from '../src/workbench-core/profile-setting.ts';
import { faultChoiceLabel, faultInWords, presetLabel, profileLabel } from './fault-words.ts';

describe('fault and preset words', () => {
  it('every fault the workbench offers has a name in the catalogue, as the core names it in English', () => {
    for (const entry of FAULT_TYPES) {
      const named = faultChoiceLabel(entry);
      expect(named).toBe(entry.only ? `${entry.label} (${entry.only}() only)` : entry.label);
    }
  });

  it('a fault in words carries its detail', () => {
    const cases: [FaultSpec, string][] = [
      [{ type: 'exception', name: 'NotAllowedError' }, 'Answer with an error: NotAllowedError'],
      [{ type: 'delay', ms: 1500 }, 'Delay the answer by 1,500 ms'],
      [{ type: 'counter-rollback', by: 2 }, 'Signature counter rolled back by 2'],
      [{ type: 'bad-signature' }, 'Bad signature'],
    ];
    for (const [spec, words] of cases) expect(faultInWords(spec)).toBe(words);
  });

  it('presets are named from the catalogue; a custom profile keeps the name it was saved with', () => {
    for (const [key, preset] of Object.entries(PROFILE_PRESETS)) {
      expect(presetLabel(key)).toBe(preset.label);
      expect(profileLabel(preset.label)).toBe(preset.label);
    }
    expect(profileLabel('my own')).toBe('my own');
  });
});
