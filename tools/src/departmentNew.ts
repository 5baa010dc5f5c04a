import { parseArgs } from 'node:util';
import { REPO_ROOT } from '@enplan/lib';
import { scaffoldDepartment } from './departmentScaffold';

const usage = 'usage: npm run department:new -- <name> --openapi <description.json> | --wsdl <service.wsdl>';
try {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { openapi: { type: 'string' }, wsdl: { type: 'string' } },
  });
  const [name] = positionals;
  const descriptionFile = values.openapi ?? values.wsdl;
  if (!name || !descriptionFile || (values.openapi && values.wsdl)) throw new Error(usage);
  const written = scaffoldDepartment({ name, descriptionFile, wsdl: Boolean(values.wsdl), root: REPO_ROOT });
  process.stdout.write(
    [
      ...written.map((file) => `wrote ${file}`),
      '',
      `Next: classify every UNCLASSIFIED in subgraphs/${name}/department.json, then`,
      `  npm run schema:check -- ${name}   # refuses the department until every field has a category`,
      '  npm run schema:compose',
      '',
    ].join('\n'),
  );
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
