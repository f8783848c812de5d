import { startDemoServer } from '../../demo/server.ts';
import { runExtension } from './extension.ts';

const server = await startDemoServer({ port: 0 });
try {
  const t = Date.now();
  const run = await runExtension({ origin: server.url, warmups: 1, iterations: 4 });
  for (const s of run.samples)
    console.log(
      s.kind,
      'open',
      (s.popupOpenedAt - s.startedAt).toFixed(1),
      'dom',
      (s.promptInDomAt - s.startedAt).toFixed(1),
      'paint',
      (s.promptPaintedAt - s.startedAt).toFixed(1),
      'after',
      (s.resolvedAt - s.approvedAt).toFixed(1),
    );
  console.log(run.swHeapUsed, run.chromiumVersion, Date.now() - t);
} finally {
  await server.close();
}
