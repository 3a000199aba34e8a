/**
 * Workspace trust: what the extension does in a folder the user has not trusted (the manifest declares
 * `untrustedWorkspaces: limited`). Kept free of the `vscode` module so the decisions are tested in-process
 * (tests/client/trust.test.ts); extension.ts and commands.ts apply them.
 *
 * Untrusted, every language feature of the open .rubric file works — diagnostics, hover, completion,
 * symbols, formatting, quick fixes, the file's own test blocks — because they read nothing but the buffer.
 * What reads or writes other files is off, since an untrusted file chooses those paths:
 * - the score preview (off in the server: `preview.enabled` is sent as false), which reads the evidence
 *   and baseline its `preview` block names, anywhere on disk, and runs the scoring engine over them —
 *   so no scores in hover, lenses or the status bar either;
 * - the commands that open it or act on evidence and outputs (below), which refuse with a way to trust;
 * - `rubric.run.outputFolder` from the workspace's settings (a restricted configuration).
 */

/** Commands that read evidence, run the engine over it, or write files: refused untrusted. */
export const RESTRICTED_COMMANDS: readonly string[] = [
  'rubric.openPreview',
  'rubric.compareWithSaved',
  'rubric.analyseUncertainty',
  'rubric.compileEngine',
  'rubric.runEvaluation',
];

export function isRestricted(command: string): boolean {
  return RESTRICTED_COMMANDS.includes(command);
}

/** Whether the server may compute previews: only trusted, and only when the user has not turned them off. */
export function previewAllowed(trusted: boolean, setting: boolean): boolean {
  return trusted && setting;
}

/**
 * The `rubric` section of a workspace/configuration answer as the server gets it: `preview.enabled` is
 * false in an untrusted workspace whatever the settings say.
 */
export function settingsForServer(section: string | undefined, value: unknown, trusted: boolean, setting: boolean): unknown {
  if (section !== 'rubric' || !value || typeof value !== 'object') return value;
  const preview = (value as { preview?: object }).preview;
  return { ...value, preview: { ...preview, enabled: previewAllowed(trusted, setting) } };
}

/**
 * A command handler that runs only in a trusted workspace when the command is restricted; otherwise
 * `refuse(command)` is called and its result returned. Menus also grey these commands out
 * (`enablement: isWorkspaceTrusted`), but other extensions and keybindings can call a command directly.
 */
export function restricted<A extends unknown[], R>(command: string, handler: (...args: A) => R, trusted: () => boolean, refuse: (command: string) => R): (...args: A) => R {
  if (!isRestricted(command)) return handler;
  return (...args: A) => (trusted() ? handler(...args) : refuse(command));
}
