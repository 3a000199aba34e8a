/**
 * `rubric-lsp`: the Rubric language server. `--stdio` for any LSP editor; the VS Code extension starts it
 * over Node IPC (`--node-ipc`). vscode-languageserver reads the transport from the arguments.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';

const HELP = `rubric-lsp — the Rubric language server

Usage: rubric-lsp --stdio          talk LSP over standard input/output
       rubric-lsp --node-ipc       talk LSP over Node IPC (as the VS Code extension does)
       rubric-lsp --socket=PORT    talk LSP over a TCP socket
`;

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
    process.stderr.write(HELP);
    return 2;
  }
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection);
  // The connection ends the process itself on the `exit` notification.
  return new Promise<number>(() => undefined);
}
