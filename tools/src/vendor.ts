import { loadRegistry } from '@enplan/lib';
import { startDepartmentStandIn } from './vendorStandIn';

/** `node tools/dist/vendor.js <name>`: the demo's stand-in for a kit department's system, on PORT, until stopped. */
async function main(): Promise<void> {
  loadRegistry();
  const name = process.argv[2] ?? process.env.KIT_DEPARTMENT ?? '';
  const standIn = await startDepartmentStandIn(name, Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
  process.stderr.write(
    `${JSON.stringify({ service: `vendor-${name}`, message: 'vendor stand-in listening', port: standIn.port })}\n`,
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void standIn.stop().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`vendor stand-in: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
