/**
 * `rubric`: a thin shell over the core. Exit codes (CONTRACT.md): 0 success, 1 errors in the rules,
 * evidence or tests, 2 bad usage or unreadable input. Nothing reaches the user as a stack trace.
 */
import { Command, CommanderError, Option } from 'commander';
import type { UncertaintyCliOptions } from './commands/uncertainty.js';
import type { Out } from './output/terminal.js';

// Start-up: each command's module (and through it the parser, the core, the report renderer, exceljs…)
// is imported only when that command runs, so `--help` loads commander alone and `check` never loads the
// report. Keep it so: import only types statically here (the bundle keeps each command in its own chunk).

/** The output's `stdio` (output/terminal.ts) without importing that module and its grammar. */
const stdio: Out = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export async function main(argv: string[], o: Out = stdio): Promise<number> {
  let code = 0;
  // commander wants the version up front; it is read from its own small module, only when it is asked for.
  const version = argv.includes('--version') || argv.includes('-V') ? (await import('@rubric/core/version')).COMPILER_VERSION : '';
  const program = new Command('rubric')
    .description('Evaluation methodologies as code: check, compile, run, test, diff, format and analyse the uncertainty of .rubric files.')
    .version(version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => o.out(s.trimEnd()), writeErr: (s) => o.err(s.trimEnd()) })
    .showHelpAfterError('(run `rubric --help` for usage)');

  program.command('check').description('parse and check a rules file; prints path:line:col diagnostics')
    .argument('<rules>', 'the .rubric file')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (rules: string, opts: { format: 'text' | 'json' }) => { code = (await import('./commands/check.js')).check(o, rules, opts.format); });

  program.command('compile').description('emit the standalone scoring engine (an ES module that needs only zod)')
    .argument('<rules>', 'the .rubric file')
    .requiredOption('-o, --out <engine.mjs>', 'where to write the engine')
    .option('--schema <schema.json>', 'also write a JSON Schema of one unit\'s evidence')
    .action(async (rules: string, opts: { out: string; schema?: string }) => { code = await (await import('./commands/compile.js')).compile(o, rules, opts.out, opts.schema); });

  program.command('run').description('score every unit; writes results.json, results.csv, results.xlsx and report.html')
    .argument('<rules>', 'the .rubric file')
    .requiredOption('--evidence <paths...>', 'evidence folders, files (.json .yaml .csv .xlsx) or patterns like dir/*.json')
    .option('--baseline <results.json>', 'an earlier results.json; every figure then carries its change')
    .requiredOption('--out <dir>', 'the folder to write into')
    .addOption(new Option('--lang <lang>', 'language of report.html').choices(['zh', 'en']).default('zh'))
    .option('--uncertainty', 'also analyse how robust ranks and grades are (uncertainty.json and a report section)')
    .action(async (rules: string, opts: { evidence: string[]; baseline?: string; out: string; lang: 'zh' | 'en'; uncertainty?: boolean }) => { code = await (await import('./commands/run.js')).run(o, rules, opts); });

  program.command('test').description('run the test blocks of a rules file; prints "N passed, N failed" last')
    .argument('<rules>', 'the .rubric file')
    .action(async (rules: string) => { code = (await import('./commands/test.js')).test(o, rules); });

  program.command('diff').description('what a methodology change does: means, grades, and every unit whose score, grade or rank changes')
    .argument('<old>', 'the rules before').argument('<new>', 'the rules after')
    .requiredOption('--evidence <paths...>', 'evidence to score both with')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'md']).default('text'))
    .action(async (a: string, b: string, opts: { evidence: string[]; format: 'text' | 'json' | 'md' }) => { code = await (await import('./commands/diff.js')).diff(o, a, b, opts.evidence, opts.format); });

  program.command('uncertainty').description('would ranks and grades survive other weights? rank intervals, grade probabilities, fragile units, the way into the next grade')
    .argument('<rules>', 'the .rubric file')
    .requiredOption('--evidence <paths...>', 'evidence to analyse')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'md']).default('text'))
    .option('--runs <n>', 'Monte-Carlo runs (default: the rules\' uncertainty block, else 1000)')
    .option('--seed <n>', 'seed of the random draws (default 1)')
    .option('--weights <percent>', '± uniform noise on each weight, in percent (default 20)')
    .option('--threshold <points>', '± uniform shift of each grade threshold, in points (default 0)')
    .option('--imputation <percent>', 'share of runs scored with the other missing-evidence policy, zero ↔ exclude (default 0)')
    .option('--steps <n>', 'grid points per weight of the one-at-a-time sensitivity; 0 skips it (default 20)')
    .option('--max-changes <n>', 'most evidence changes in a next-grade plan; 0 skips the search (default 3)')
    .option('--sobol <n>', 'also Sobol indices from N base samples, N·(weights+2) runs (default 0: off)')
    .action(async (rules: string, opts: UncertaintyCliOptions) => { code = await (await import('./commands/uncertainty.js')).uncertainty(o, rules, opts); });

  program.command('fmt').description('rewrite a rules file in canonical form, in place (keeps comments)')
    .argument('<rules>', 'the .rubric file')
    .option('--check', 'only report whether the file is formatted; exit 1 if not')
    .action(async (rules: string, opts: { check?: boolean }) => { code = (await import('./commands/fmt.js')).fmt(o, rules, opts.check === true); });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    // A UsageError comes from a command, so its module is already loaded.
    const UsageError = await import('./commands/shared.js').then((m) => m.UsageError, () => undefined);
    if (UsageError && e instanceof UsageError) { o.err(`rubric: ${e.message}`); return 2; }
    const err = e as NodeJS.ErrnoException;
    if (err.code && err.syscall) { o.err(`rubric: ${err.syscall} ${err.path ?? ''}: ${err.message}`); return 2; }
    o.err(`rubric: internal error: ${err.message}\nThis is a bug in Rubric; please report it with the command you ran.`);
    return 2;
  }
}
