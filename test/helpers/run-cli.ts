// Runs `fpgasim ...` as a child process (node + tsx, from the project root), as a user would.
import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from './models.js';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runFpgasim(...args: string[]): CliResult {
  const { status, stdout, stderr } = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  return { status, stdout, stderr };
}

/** stderr of a refused command: exactly one line, 'fpgasim: ...', no stack trace. */
export function oneErrorLine(result: CliResult): string {
  const lines = result.stderr.trimEnd().split('\n');
  if (result.status === 0 || lines.length !== 1 || !lines[0].startsWith('fpgasim: ') || /\n\s+at /.test(result.stderr)) {
    throw new Error(`expected one 'fpgasim:' line and a non-zero exit, got status ${result.status}, stderr:\n${result.stderr}`);
  }
  return lines[0];
}
