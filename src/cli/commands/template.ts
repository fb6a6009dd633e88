import { DEFAULT_TEMPLATE } from "../../domain";
import type { CliArgs } from "../args";
import { EXIT_OK, type CliIO } from "../io";
import { campaignSource } from "../campaignSource";
import { checkOutputs, commitOutputs, requireOutput } from "../output";

export async function templateCommand(args: CliArgs, io: CliIO): Promise<number> {
  const out = requireOutput(args.values.output, "模板");
  await checkOutputs(io, [{ path: out, what: "模板" }], [args.values.config]);
  // The drop-down lists (levels, batches, modes) of the campaign the pane uses, with --server.
  const { campaign } = await campaignSource(io, { config: args.values.config, server: args.values.server });
  const { writeTemplate } = await import("../../files/writeWorkbook");
  const bytes = await writeTemplate(DEFAULT_TEMPLATE, campaign, {
    title: `${campaign.cohort}图像信息采集名单`,
  });
  await commitOutputs(io, [{ path: out, data: bytes }]);
  io.stdout(`已生成空白模板：${out}\n`);
  return EXIT_OK;
}
