/**
 * `dieu` command line: parses argv and dispatches. Only the argument parser is loaded at
 * startup; the linter (and with it the Chevrotain parser) is imported when a lint runs.
 */
import { version } from '../../../package.json';
import { CATALOG_HELP, LINT_HELP, MAIN_HELP, parseArgs, UsageError, type Command } from './args';

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'responsibilities') {
    const { runResponsibilities } = await import('./responsibilities');
    return runResponsibilities(argv.slice(1), { cwd: process.cwd(), out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
  }
  let cmd: Command;
  try {
    cmd = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`dieu: ${e.message}\nRun "dieu --help" for usage.\n`);
    return 2;
  }
  switch (cmd.kind) {
    case 'help':
      process.stdout.write(cmd.topic === 'lint' ? LINT_HELP : cmd.topic === 'catalog' ? CATALOG_HELP : MAIN_HELP);
      return 0;
    case 'version':
      process.stdout.write(`${version}\n`);
      return 0;
    case 'catalog': {
      const { runCatalog } = await import('./catalog');
      return runCatalog(cmd.rest, { cwd: process.cwd(), out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
    }
    case 'lint': {
      const { runLint } = await import('./lint');
      return runLint(cmd.args, {
        cwd: process.cwd(),
        out: (s) => process.stdout.write(s),
        err: (s) => process.stderr.write(s),
        tty: !!process.stdout.isTTY,
        version,
      });
    }
  }
}

// `dieu lint … | head`: a closed pipe drops the rest of the output; the run still ends with
// its own exit code instead of a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`dieu: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
