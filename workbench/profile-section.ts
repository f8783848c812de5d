/**
 * Authenticator profiles: for one of the listed origins, start from a preset and change any option;
 * "Set profile" sends it, "Default profile" takes it away. A profile that attests with the test CA
 * shows the CA's root certificate for the relying party's trust list.
 */
import { download, h, hint } from '../popup/dom.ts';
import { t } from '../src/i18n/messages.ts';
import { send } from '../src/messages/client.ts';
import { fromBase64url } from '../src/shared/bytes.ts';
import {
  PROFILE_ALGORITHMS,
  PROFILE_ATTESTATIONS,
  PROFILE_PRESETS,
  PROFILE_TRANSPORTS,
  type ProfileSetting,
} from '../src/workbench-core/profile-setting.ts';
import { certificatePem } from '../src/workbench-core/test-ca.ts';
import type { WorkbenchGrant } from '../src/workbench-core/types.ts';
import { presetLabel, profileLabel } from './fault-words.ts';
import { fillOriginChoice } from './origin-choice.ts';

const checkbox = (id: string, label: string) => {
  const input = h('input', { type: 'checkbox', id });
  return { input, label: h('label', {}, input, label) };
};

export function profileSection(): { element: HTMLElement; refresh(grants: WorkbenchGrant[]): void } {
  const status = h('p', { className: 'status', role: 'status', id: 'profile-status' });
  const origin = h('select', { id: 'profile-origin' });
  const presetSelect = h(
    'select',
    { id: 'profile-preset' },
    ...Object.keys(PROFILE_PRESETS).map((key) => h('option', { value: key }, presetLabel(key))),
  );
  const algs = PROFILE_ALGORITHMS.map(([id, name]) => ({ id, ...checkbox(`profile-alg-${name}`, name) }));
  const rk = checkbox('profile-rk', t('wb_residentKeys'));
  const uv = checkbox('profile-uv', t('wb_userVerification'));
  const attestation = h(
    'select',
    { id: 'profile-attestation' },
    ...PROFILE_ATTESTATIONS.map(([id, label]) => h('option', { value: id }, label)),
  );
  const aaguid = h('input', {
    type: 'text',
    id: 'profile-aaguid',
    size: 38,
    spellcheck: false,
    autocomplete: 'off',
  });
  const be = checkbox('profile-be', t('wb_backupEligible'));
  const bs = checkbox('profile-bs', t('wb_backedUp'));
  const transports = PROFILE_TRANSPORTS.map((t) => ({ id: t, ...checkbox(`profile-transport-${t}`, t) }));
  const attachment = h(
    'select',
    { id: 'profile-attachment' },
    h('option', { value: 'cross-platform' }, 'cross-platform'),
    h('option', { value: 'platform' }, 'platform'),
  );
  const credProps = checkbox('profile-credprops', 'credProps');
  const prf = checkbox('profile-prf', 'prf');
  const largeBlob = checkbox('profile-largeblob', 'largeBlob');
  const counter = h(
    'select',
    { id: 'profile-counter' },
    h('option', { value: 'increment' }, t('wb_increments')),
    h('option', { value: 'zero' }, t('wb_alwaysZero')),
  );
  const caRoot = h('textarea', {
    id: 'profile-ca-root',
    readOnly: true,
    'aria-label': t('wb_caRootLabel'),
  });
  const caBox = h(
    'div',
    { id: 'profile-ca', hidden: true },
    h('h3', {}, t('wb_caHeading')),
    hint(t('wb_caHint')),
    caRoot,
    h(
      'div',
      { className: 'row' },
      h(
        'button',
        {
          type: 'button',
          onclick: () => download('tapkey-test-ca-root.pem', caRoot.value, 'application/x-pem-file'),
        },
        t('wb_caDownload'),
      ),
    ),
  );

  let listed: WorkbenchGrant[] = [];

  function fill(p: ProfileSetting): void {
    for (const a of algs) a.input.checked = p.algorithms.includes(a.id);
    rk.input.checked = p.residentKeys;
    uv.input.checked = p.userVerification;
    attestation.value = p.attestation;
    aaguid.value = p.aaguid;
    be.input.checked = p.backupEligible;
    bs.input.checked = p.backupState;
    for (const t of transports) t.input.checked = p.transports.includes(t.id);
    attachment.value = p.attachment;
    credProps.input.checked = p.extensions.credProps;
    prf.input.checked = p.extensions.prf;
    largeBlob.input.checked = p.extensions.largeBlob;
    counter.value = p.counter;
  }

  function read(): ProfileSetting {
    const preset = PROFILE_PRESETS[presetSelect.value];
    return {
      label: preset?.label ?? 'custom',
      algorithms: algs.filter((a) => a.input.checked).map((a) => a.id),
      residentKeys: rk.input.checked,
      userVerification: uv.input.checked,
      attestation: PROFILE_ATTESTATIONS.find(([id]) => id === attestation.value)?.[0] ?? 'packed-self',
      aaguid: aaguid.value.trim().toLowerCase(),
      backupEligible: be.input.checked,
      backupState: bs.input.checked,
      transports: transports.filter((t) => t.input.checked).map((t) => t.id),
      attachment: attachment.value === 'platform' ? 'platform' : 'cross-platform',
      extensions: {
        credProps: credProps.input.checked,
        prf: prf.input.checked,
        largeBlob: largeBlob.input.checked,
      },
      counter: counter.value === 'zero' ? 'zero' : 'increment',
    };
  }

  /** The chosen origin's profile in the form (or the default), and its test CA's root. */
  function showCurrent(): void {
    const grant = listed.find((g) => g.pattern === origin.value);
    const current = grant?.profile ?? PROFILE_PRESETS.tapkey;
    if (current) fill(current);
    presetSelect.value =
      Object.entries(PROFILE_PRESETS).find(([, p]) => p.label === current?.label)?.[0] ?? 'tapkey';
    caBox.hidden = !grant?.testCa || !grant.profile;
    caRoot.value = grant?.testCa ? certificatePem(fromBase64url(grant.testCa.root)) : '';
  }
  origin.addEventListener('change', showCurrent);
  presetSelect.addEventListener('change', () => {
    const preset = PROFILE_PRESETS[presetSelect.value];
    if (preset) fill(preset);
  });

  async function set(profile: ProfileSetting | null): Promise<void> {
    const answer = await send('workbench/set-profile', { pattern: origin.value, profile });
    status.classList.toggle('error', !answer.ok);
    if (!answer.ok) {
      status.textContent = answer.error;
      return;
    }
    status.textContent = profile
      ? t('wb_profileSet', origin.value, profileLabel(profile.label))
      : t('wb_profileDefault', origin.value);
    listed = answer.grants;
    showCurrent();
  }

  function refresh(grants: WorkbenchGrant[]): void {
    const changed = fillOriginChoice(origin, listed, grants);
    listed = grants;
    if (changed) showCurrent();
    form.hidden = grants.length === 0;
    empty.hidden = grants.length > 0;
  }

  const group = (legend: string, ...children: HTMLElement[]) =>
    h('fieldset', { className: 'row' }, h('legend', {}, legend), ...children);

  const form = h(
    'form',
    {
      id: 'profile-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void set(read());
      },
    },
    h(
      'div',
      { className: 'row' },
      h('label', { for: 'profile-origin' }, t('wb_origin')),
      origin,
      h('label', { for: 'profile-preset' }, t('wb_startFrom')),
      presetSelect,
    ),
    group(t('wb_algorithms'), ...algs.map((a) => a.label)),
    group(t('wb_options'), rk.label, uv.label, be.label, bs.label),
    h(
      'div',
      { className: 'row' },
      h('label', { for: 'profile-attestation' }, t('wb_attestation')),
      attestation,
      h('label', { for: 'profile-aaguid' }, 'AAGUID'),
      aaguid,
    ),
    group(t('wb_transports'), ...transports.map((t) => t.label)),
    h(
      'div',
      { className: 'row' },
      h('label', { for: 'profile-attachment' }, t('wb_attachment')),
      attachment,
      h('label', { for: 'profile-counter' }, t('wb_counter')),
      counter,
    ),
    group(t('wb_extensions'), credProps.label, prf.label, largeBlob.label),
    h(
      'div',
      { className: 'row' },
      h('button', { type: 'submit', className: 'primary' }, t('wb_setProfile')),
      h('button', { type: 'button', onclick: () => void set(null) }, t('wb_defaultProfile')),
    ),
    caBox,
  );
  const empty = hint(t('wb_profilesEmpty'));

  const element = h(
    'section',
    { 'aria-labelledby': 'profile-heading' },
    h('h2', { id: 'profile-heading' }, t('wb_profileHeading')),
    hint(t('wb_profileIntro')),
    empty,
    form,
    status,
  );
  return { element, refresh };
}
