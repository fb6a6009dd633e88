import { parseCliArgs, USAGE, type CliArgs } from "./args";
import { buildCommand } from "./commands/build";
import { checkCommand } from "./commands/check";
import { fillCommand } from "./commands/fill";
import { keygenCommand } from "./commands/keygen";
import { sendCommand } from "./commands/send";
import { templateCommand } from "./commands/template";
import { EXIT_OK, EXIT_UNUSABLE, UnusableInputError, type CliIO } from "./io";

type Command = (args: CliArgs, io: CliIO) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  check: checkCommand,
  fill: fillCommand,
  build: buildCommand,
  template: templateCommand,
  keygen: (args, io) => {
    const { college, keys } = args.values;
    if (!college || !keys)
      throw new UnusableInputError(
        "keygen 需要 --college 学院 和 --keys 密钥文件",
        "keygen needs --college and --keys",
      );
    return keygenCommand({ college, keys }, io);
  },
  send: (args, io) => {
    const v = args.values;
    const file = args.positionals[0];
    if (!file || !v.server || !v.key || !v.college) {
      throw new UnusableInputError(
        "send 需要 <提交名单.xlsx> --server 地址 --key 密钥 --college 学院",
        "send needs FILE --server --key --college",
      );
    }
    return sendCommand(
      {
        file,
        server: v.server,
        key: v.key,
        college: v.college,
        senderName: v["sender-name"],
        senderEmail: v["sender-email"],
        wait: v.wait,
      },
      io,
    );
  },
};

/** Runs one command; every failure ends as an exit status and one readable line, never a stack trace. */
export async function runCli(
  argv: readonly string[],
  io: CliIO,
  extra: Record<string, Command> = {},
): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.command === "help") {
      io.stdout(USAGE + "\n");
      return EXIT_OK;
    }
    const command = extra[args.command] ?? COMMANDS[args.command];
    return await command(args, io);
  } catch (e) {
    if (e instanceof UnusableInputError) {
      io.stderr(`${e.message}\n`);
      return EXIT_UNUSABLE;
    }
    // An unexpected failure is still one line; the stack only on request, for the IT staff.
    const detail = e instanceof Error ? e.message : String(e);
    io.stderr(`内部错误：${detail} (internal error; set CAPTURE_DEBUG=1 for details)\n`);
    if (io.env.CAPTURE_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return EXIT_UNUSABLE;
  }
}
