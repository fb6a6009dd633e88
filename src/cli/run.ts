import { parseCliArgs, USAGE, type CliArgs, type CommandName } from "./args";
import { escapeControls } from "./escape";
import { EXIT_OK, EXIT_UNUSABLE, UnusableInputError, type CliIO } from "./io";

export type Command = (args: CliArgs, io: CliIO) => Promise<number>;

/**
 * Each command is loaded when it runs, so `--help` loads nothing, `check` never loads ExcelJS (only the
 * commands that write workbooks do, see commands/), and `send` no spreadsheet library at all.
 */
const COMMANDS: Record<Exclude<CommandName, "help">, () => Promise<Command>> = {
  check: async () => (await import("./commands/check")).checkCommand,
  fill: async () => (await import("./commands/fill")).fillCommand,
  build: async () => (await import("./commands/build")).buildCommand,
  template: async () => (await import("./commands/template")).templateCommand,
  keygen: async () => (await import("./commands/keygen")).keygenFromArgs,
  send: async () => (await import("./commands/send")).sendFromArgs,
  campaign: async () => (await import("./commands/campaign")).campaignCommand,
  merge: async () => (await import("./commands/merge")).mergeCommand,
};

/** Runs one command; every failure ends as an exit status and one readable line, never a stack trace. */
export async function runCli(
  argv: readonly string[],
  io: CliIO,
  extra: Partial<Record<CommandName, Command>> = {},
): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.command === "help") {
      io.stdout(USAGE + "\n");
      return EXIT_OK;
    }
    const command = extra[args.command] ?? (await COMMANDS[args.command]());
    return await command(args, io);
  } catch (e) {
    if (e instanceof UnusableInputError) {
      io.stderr(`${escapeControls(e.message)}\n`);
      return EXIT_UNUSABLE;
    }
    // An unexpected failure is still one line; the stack only on request, for the IT staff.
    const detail = e instanceof Error ? e.message : String(e);
    io.stderr(`内部错误：${escapeControls(detail)} (internal error; set CAPTURE_DEBUG=1 for details)\n`);
    if (io.env.CAPTURE_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return EXIT_UNUSABLE;
  }
}
