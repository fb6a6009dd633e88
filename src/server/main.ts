import { ConfigError, loadConfig } from "./config";
import { startServer } from "./app";
import { createLogger } from "./logger";
import { KeysUnavailableError } from "./accessKeys";

/** `npm run serve`: reads the environment, starts the server, stops gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  let running;
  try {
    running = await startServer(config, { logger });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      err instanceof KeysUnavailableError
        ? `无法读取访问密钥文件 ${config.accessKeysPath}（环境变量 ACCESS_KEYS），详见日志`
        : code === "EADDRINUSE"
          ? `端口 ${config.port} 已被占用（环境变量 PORT）`
          : code === "EACCES"
            ? `没有权限监听端口 ${config.port} 或写入数据目录`
            : `启动失败：${(err as Error).message}`;
    process.stderr.write(`${why}\n`);
    process.exit(1);
  }
  const server = running;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    setTimeout(() => process.exit(1), 20_000).unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

void main();
