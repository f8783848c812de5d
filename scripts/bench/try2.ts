import { startDemoServer } from '../../demo/server.ts';
import { summarize } from './stats.ts';
import { runVirtualAuthenticator } from './virtual-authenticator.ts';

const server = await startDemoServer({ port: 0 });
try {
  const run = await runVirtualAuthenticator({ origin: server.url, warmups: 3, iterations: 30 });
  console.log(summarize(run.create), summarize(run.get));
} finally {
  await server.close();
}
