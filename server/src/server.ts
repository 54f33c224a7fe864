/**
 * dieu-language-server: `node dist/server.js --stdio` (or `--node-ipc`, `--socket=<port>`,
 * `--pipe=<name>`, as vscode-languageserver supports). All logging goes through the
 * connection (`window/logMessage`), never stdout: on `--stdio`, stdout is the protocol.
 */
import * as path from 'path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { codeLensFeature } from './lsp/codeLens';
import { completionFeature } from './lsp/completion';
import { definitionFeature } from './lsp/definition';
import { documentLinksFeature } from './lsp/documentLinks';
import { describeError } from './lsp/guard';
import { hoverFeature } from './lsp/hover';
import { referencesFeature } from './lsp/references';
import { renameFeature } from './lsp/rename';
import { responsibilitiesFeature } from './lsp/responsibilities';
import { semanticTokensFeature } from './lsp/semanticTokens';
import { startSession } from './lsp/session';
import { workspaceSymbolsFeature } from './lsp/workspaceSymbols';

if (!process.argv.slice(2).some((a) => /^--(stdio|node-ipc|socket|pipe)(=|$)/.test(a))) {
  process.stderr.write('usage: dieu-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>\n');
  process.exit(2);
}

const connection = createConnection(ProposedFeatures.all);

// Last line of defence: an exception escaping a handler or timer is logged, and the server
// keeps serving the editor (the handlers themselves are wrapped in lsp/guard.ts).
process.on('uncaughtException', (e) => connection.console.error(`dieu: uncaught exception: ${describeError(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`dieu: unhandled rejection: ${describeError(e)}`));

startSession(connection, {
  diagnosticsDelay: Number(process.env.DIEU_DIAGNOSTICS_DELAY ?? '') || undefined,
  // Shipped beside dist/ (in the .vsix and the npm package): dist/../catalog/bundled.jsonl.
  bundledCatalog: path.join(__dirname, '..', 'catalog', 'bundled.jsonl'),
  // Citation features (one adapter each, over the core's citation index).
  features: [
    hoverFeature, definitionFeature, referencesFeature, workspaceSymbolsFeature, codeLensFeature, documentLinksFeature,
    semanticTokensFeature, completionFeature,
    renameFeature, // rename / renumber (dieu.renumber)
    responsibilitiesFeature, // dieu/responsibilities: the agency × task matrix
  ],
});
connection.listen();
