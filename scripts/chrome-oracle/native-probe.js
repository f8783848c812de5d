// Everything a page can observe about the functions Tapkey wraps, gathered in the page. Runs
// unchanged in plain Chromium (Chrome is the oracle) and with Tapkey (test/e2e/native-look.spec.ts
// runs both and compares them). Installs window.__tapkeyNativeProbe, which returns plain JSON.
// `origin` is replaced by "<origin>" so runs on different ports compare.
window.__tapkeyNativeProbe = async () => {
  const origin = location.origin;
  const scrub = (text) => (typeof text === 'string' ? text.split(origin).join('<origin>') : text);
  const describe = (descriptor) =>
    descriptor
      ? {
          writable: descriptor.writable,
          enumerable: descriptor.enumerable,
          configurable: descriptor.configurable,
          kind: 'value' in descriptor ? typeof descriptor.value : 'accessor',
        }
      : null;
  const nativeToString = Function.prototype.toString;
  const targets = {
    create: [CredentialsContainer.prototype, 'create'],
    get: [CredentialsContainer.prototype, 'get'],
    getClientCapabilities: [PublicKeyCredential, 'getClientCapabilities'],
    isConditionalMediationAvailable: [PublicKeyCredential, 'isConditionalMediationAvailable'],
    signalUnknownCredential: [PublicKeyCredential, 'signalUnknownCredential'],
    signalAllAcceptedCredentials: [PublicKeyCredential, 'signalAllAcceptedCredentials'],
    signalCurrentUserDetails: [PublicKeyCredential, 'signalCurrentUserDetails'],
    'Function.prototype.toString': [Function.prototype, 'toString'],
  };
  const attempt = (run) => {
    try {
      const value = run();
      return { value: typeof value === 'string' ? scrub(value) : typeof value };
    } catch (e) {
      return { error: e?.name, message: scrub(e?.message), stack: scrub(e?.stack) };
    }
  };
  const out = {};
  for (const [label, [holder, key]] of Object.entries(targets)) {
    const f = holder[key];
    if (typeof f !== 'function') {
      out[label] = 'missing';
      continue;
    }
    out[label] = {
      toString: attempt(() => nativeToString.call(f)),
      toStringOfToString: attempt(() => f.toString.call(f.toString)),
      stringConcat: attempt(() => `${f}`),
      name: f.name,
      length: f.length,
      holderDescriptor: describe(Object.getOwnPropertyDescriptor(holder, key)),
      ownKeys: Reflect.ownKeys(f).map(String),
      nameDescriptor: describe(Object.getOwnPropertyDescriptor(f, 'name')),
      lengthDescriptor: describe(Object.getOwnPropertyDescriptor(f, 'length')),
      hasPrototype: 'prototype' in f,
      protoIsFunctionPrototype: Object.getPrototypeOf(f) === Function.prototype,
      isExtensible: Object.isExtensible(f),
      construct: attempt(() => Reflect.construct(f, [])),
      newCall: attempt(() => new f()),
      typeOf: typeof f,
      objectToString: Object.prototype.toString.call(f),
      instanceOfFunction: f instanceof Function,
      boundName: f.bind(null).name,
      boundToString: attempt(() => nativeToString.call(f.bind(null))),
      pageProxyToString: attempt(() => nativeToString.call(new Proxy(f, {}))),
      structuredClone: attempt(() => structuredClone(f)),
      // biome-ignore lint/complexity/useArrowFunction: an arrow function is no constructor.
      asConstructorNewTarget: attempt(() => Reflect.construct(function () {}, [], f)),
    };
  }
  out.toStringOnNonFunction = attempt(() => nativeToString.call({}));
  out.keyOrder = {
    CredentialsContainer: Object.getOwnPropertyNames(CredentialsContainer.prototype),
    PublicKeyCredential: Object.getOwnPropertyNames(PublicKeyCredential),
    FunctionPrototype: Object.getOwnPropertyNames(Function.prototype),
  };
  // How many microtask turns pass before a rejection is seen (a wrapper could add some).
  const turns = async (run) => {
    let count = 0;
    let settled = false;
    run().then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled && count < 50) {
      await Promise.resolve();
      count++;
    }
    return count;
  };
  out.turns = {
    createBadPublicKey: await turns(() => navigator.credentials.create({ publicKey: 5 })),
    createWrongThis: await turns(() => navigator.credentials.create.call({}, {})),
    signalNoArgument: await turns(() => PublicKeyCredential.signalUnknownCredential()),
  };
  // What a page's Error.prepareStackTrace hook is given for a rejection's stack.
  const prepared = [];
  Error.prepareStackTrace = (_error, frames) => {
    prepared.push(frames.map((frame) => `${frame.getFunctionName()} ${scrub(frame.getFileName())}`));
    return 'prepared';
  };
  try {
    const stacks = {};
    for (const [label, run] of Object.entries({
      bad: () => navigator.credentials.create({ publicKey: 5 }),
      wrongThis: () => navigator.credentials.get.call({}, {}),
    })) {
      try {
        await run();
      } catch (e) {
        stacks[label] = e.stack;
      }
    }
    out.prepareStackTrace = { stacks, frames: prepared };
  } finally {
    delete Error.prepareStackTrace;
  }
  // The stack of a rejection Tapkey could produce, and of an error thrown by the page inside a call.
  const rejection = async (run) => {
    try {
      await run();
      return 'resolved';
    } catch (e) {
      return { name: e?.name, message: scrub(e?.message), stack: scrub(e?.stack) };
    }
  };
  out.rejections = {
    createNoArgument: await rejection(() => navigator.credentials.create()),
    createBadPublicKey: await rejection(() => navigator.credentials.create({ publicKey: 5 })),
    getBadMediation: await rejection(() => navigator.credentials.get({ mediation: 'bogus' })),
    getAborted: await rejection(() =>
      navigator.credentials.get({
        publicKey: { challenge: new Uint8Array(16) },
        signal: AbortSignal.abort(),
      }),
    ),
    createWrongThis: await rejection(() => navigator.credentials.create.call({}, {})),
    signalNoArgument: await rejection(() => PublicKeyCredential.signalUnknownCredential()),
    signalBadId: await rejection(() =>
      PublicKeyCredential.signalUnknownCredential({ rpId: location.hostname, credentialId: '=' }),
    ),
    pageGetterThrows: await rejection(() =>
      navigator.credentials.get({
        get publicKey() {
          throw new Error('from the page');
        },
      }),
    ),
  };
  // What a getter the page passes sees of the call stack while the browser reads it.
  let getterStack = '';
  await navigator.credentials
    .get({
      get mediation() {
        getterStack = scrub(new Error('probe').stack);
        return 'bogus';
      },
    })
    .catch(() => undefined);
  out.getterStack = getterStack;
  return out;
};
